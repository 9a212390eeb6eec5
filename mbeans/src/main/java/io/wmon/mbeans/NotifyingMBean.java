package io.wmon.mbeans;

import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;

/**
 * The notification side of the wmon MBeans that emit: plain {@link Notification}s whose user data is
 * {@link CompositeData}, numbered from 1 and stamped with the wall clock in milliseconds.
 *
 * <p>Listeners are called on the emitting thread (the {@link NotificationBroadcasterSupport}
 * default); the JMX connector's own listener only queues, and an exception from a listener is
 * caught by the broadcaster, so emitting never fails the agent. Emission is serialized so that
 * every listener sees the sequence numbers in increasing order.
 */
abstract class NotifyingMBean extends NotificationBroadcasterSupport {

    private final AtomicLong sequence = new AtomicLong();

    NotifyingMBean(String type, String description) {
        super(new MBeanNotificationInfo(new String[] {type}, Notification.class.getName(), description));
    }

    /**
     * Sends a notification. Its source is this object; the MBeanServer hands it to listeners with the
     * source replaced by this MBean's ObjectName.
     */
    final synchronized void emit(String type, String message, CompositeData userData) {
        Notification n = new Notification(type, this, sequence.incrementAndGet(), System.currentTimeMillis(), message);
        n.setUserData(userData);
        sendNotification(n);
    }

    /** An open type whose items are all described by their own names (the docs describe them). */
    static CompositeType compositeType(String typeName, String description, String[] items, OpenType<?>[] types) {
        try {
            return new CompositeType(typeName, description, items, items, types);
        } catch (OpenDataException e) {
            throw new IllegalStateException("invalid notification data type " + typeName, e);
        }
    }

    static CompositeData compositeData(CompositeType type, String[] items, Object[] values) {
        try {
            return new CompositeDataSupport(type, items, values);
        } catch (OpenDataException e) {
            // Only a mismatch between the constant types and the values built here can cause this.
            throw new IllegalStateException("notification data does not fit " + type.getTypeName(), e);
        }
    }
}

package io.wmon.mbeans;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.AttributeList;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanConstructorInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.StandardEmitterMBean;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;

/**
 * The base of the wmon MXBeans: getters that read one in-memory snapshot of type {@code S}, and
 * plain {@link Notification}s whose user data is {@link CompositeData}, numbered from 1 and
 * stamped with the wall clock in milliseconds.
 *
 * <p>{@link #getAttributes} takes one snapshot and answers every requested attribute from it, so a
 * client reading many attributes in one call (JConsole's attribute table, an APM scrape) sees one
 * moment, not one per attribute. A single getter called on its own takes a fresh snapshot.
 *
 * <p>Descriptions come from the {@link Description} annotations of the MXBean interface, units from
 * its {@link Units} annotations (the JMX runtime turns those into the descriptor field
 * {@code units}), so JConsole and VisualVM show what each attribute means. No constructor is
 * listed: these beans are created by the agent, never through JMX.
 *
 * <p>Listeners are called on the emitting thread (the {@link NotificationBroadcasterSupport}
 * default); the JMX connector's own listener only queues, and an exception from a listener is
 * caught by the broadcaster, so emitting never fails the agent. Emission is serialized so that
 * every listener sees the sequence numbers in increasing order.
 *
 * @param <S> what one reading of the bean's attributes is taken from; immutable
 */
abstract class NotifyingMBean<S> extends StandardEmitterMBean {

    private final AtomicLong sequence = new AtomicLong();
    // Set only for the length of one getAttributes call on the calling thread, then removed.
    private final ThreadLocal<S> pinned = new ThreadLocal<>();

    /** An MXBean; {@code types} are the notification types it emits, one {@link MBeanNotificationInfo} each. */
    NotifyingMBean(Class<?> mxbeanInterface, String... types) {
        this(mxbeanInterface, true, types);
    }

    /**
     * @param mxbean whether the JMX runtime maps the interface's types to open types (an MXBean);
     *     false for an interface whose every type is already an open type, such as {@code TabularData},
     *     which the MXBean mapping cannot return as itself
     * @param types the notification types this bean emits, one {@link MBeanNotificationInfo} each
     */
    NotifyingMBean(Class<?> managementInterface, boolean mxbean, String... types) {
        super(managementInterface, mxbean, new NotificationBroadcasterSupport(infos(types)));
    }

    private static MBeanNotificationInfo[] infos(String... types) {
        MBeanNotificationInfo[] infos = new MBeanNotificationInfo[types.length];
        for (int i = 0; i < types.length; i++) {
            infos[i] = new MBeanNotificationInfo(new String[] {types[i]}, Notification.class.getName(),
                    NotificationTypes.description(types[i]));
        }
        return infos;
    }

    /** The current snapshot; cheap and non-blocking (a volatile read or in-memory counters). */
    abstract S capture();

    /** The snapshot a getter reads: the one pinned by {@link #getAttributes}, else a fresh one. */
    final S snapshot() {
        S current = pinned.get();
        return current != null ? current : capture();
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        pinned.set(capture());
        try {
            return super.getAttributes(attributes);
        } finally {
            pinned.remove();
        }
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        Description d = getMBeanInterface().getAnnotation(Description.class);
        return d != null ? d.value() : super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        Description d = getter(info).map(m -> m.getAnnotation(Description.class)).orElse(null);
        return d != null ? d.value() : super.getDescription(info);
    }

    @Override
    protected MBeanConstructorInfo[] getConstructors(MBeanConstructorInfo[] constructors, Object implementation) {
        return null;
    }

    private Optional<Method> getter(MBeanAttributeInfo info) {
        String prefix = info.isIs() ? "is" : "get";
        try {
            return Optional.of(getMBeanInterface().getMethod(prefix + info.getName()));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
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

    /** An open type for a notification's user data; {@code itemDescriptions} go with {@code items}, in order. */
    static CompositeType compositeType(String typeName, String description, String[] items,
            String[] itemDescriptions, OpenType<?>[] types) {
        try {
            return new CompositeType(typeName, description, items, itemDescriptions, types);
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

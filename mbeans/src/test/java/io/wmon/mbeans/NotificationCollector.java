package io.wmon.mbeans;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.Notification;
import javax.management.NotificationListener;

/** A listener that keeps what it receives, in arrival order. */
final class NotificationCollector implements NotificationListener {

    private final List<Notification> received = new CopyOnWriteArrayList<>();

    @Override
    public void handleNotification(Notification notification, Object handback) {
        received.add(notification);
    }

    List<Notification> received() {
        return received;
    }
}

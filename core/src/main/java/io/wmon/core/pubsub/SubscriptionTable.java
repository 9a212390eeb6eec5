package io.wmon.core.pubsub;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who listens to which channel or pattern, and which of them the server has been asked for.
 *
 * <p>The wanted set changes with the users; the sent set follows the connection. The hub sends
 * the difference. Listener lists are copy-on-write so that dispatch, on the hub thread, never
 * takes a lock.
 */
final class SubscriptionTable {

    private final Map<String, List<MessageListener>> listeners = new ConcurrentHashMap<>();
    private final Set<String> sent = new LinkedHashSet<>();

    boolean add(String topic, MessageListener listener) {
        List<MessageListener> list = listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return list.size() == 1;
    }

    void remove(String topic, MessageListener listener) {
        listeners.computeIfPresent(topic, (t, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    List<MessageListener> listenersOf(String topic) {
        List<MessageListener> list = listeners.get(topic);
        return list == null ? List.of() : list;
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    int topicCount() {
        return listeners.size();
    }

    int listenerCount() {
        int n = 0;
        for (List<MessageListener> list : listeners.values()) {
            n += list.size();
        }
        return n;
    }

    /** Topics wanted but not yet sent; marks them sent. */
    String[] takeToSubscribe() {
        List<String> out = new ArrayList<>();
        for (String topic : listeners.keySet()) {
            if (sent.add(topic)) {
                out.add(topic);
            }
        }
        return out.toArray(new String[0]);
    }

    /** Topics sent but no longer wanted; marks them unsent. */
    String[] takeToUnsubscribe() {
        List<String> out = new ArrayList<>();
        for (String topic : new ArrayList<>(sent)) {
            if (!listeners.containsKey(topic)) {
                sent.remove(topic);
                out.add(topic);
            }
        }
        return out.toArray(new String[0]);
    }

    /** Everything wanted, marked as sent: what a fresh connection subscribes to first. */
    String[] markAllSent() {
        sent.clear();
        sent.addAll(listeners.keySet());
        return sent.toArray(new String[0]);
    }

    boolean hasSent() {
        return !sent.isEmpty();
    }

    void forgetSent() {
        sent.clear();
    }

    void clear() {
        listeners.clear();
        sent.clear();
    }
}

package io.wmon.agent.census;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection-leak alarm: watches the census's count of the JVM's Redis sockets, beat after beat.
 *
 * <p><b>Raised</b> when a census counts more than {@code leakThreshold} Redis sockets, or when the count
 * rose at each of the last {@value #TREND_CENSUSES} censuses (every one higher than the one before) by
 * {@value #TREND_MIN_RISE} or more in all: a worker that opens a connection per cycle and never closes it
 * is seen within a few beats, long before it reaches any threshold. A pool warming up by one connection
 * a beat rises by 4 over 5 censuses and raises nothing.
 *
 * <p><b>Cleared</b> when the count falls back: to {@code leakThreshold} or below, and, for an alarm the
 * rise raised, to less than {@value #TREND_MIN_RISE} above where that rise began. Censuses that know
 * nothing ({@link SocketCount#UNKNOWN}) change nothing.
 *
 * <p>Used by the heartbeat thread; {@link #raised()} may be read from anywhere.
 */
public final class LeakAlarm {

    /** How many consecutive censuses must each count more than the one before. */
    public static final int TREND_CENSUSES = 5;
    /** By how much, at least, the count must have risen from the first of them to the last. */
    public static final int TREND_MIN_RISE = 8;

    private static final Logger LOG = LoggerFactory.getLogger(LeakAlarm.class);

    private final int threshold;
    private final List<LeakListener> listeners = new CopyOnWriteArrayList<>();
    private final int[] recent = new int[TREND_CENSUSES];
    private int recorded;
    private volatile boolean raised;
    // While raised by a rise: the count where it began; -1 when the threshold alone raised it.
    private int riseStart = -1;

    /** @param threshold the {@code leakThreshold}: more Redis sockets than this raise the alarm */
    public LeakAlarm(int threshold) {
        this.threshold = threshold;
    }

    /** Tells {@code listener} of every raise and clear from now on. */
    public void addListener(LeakListener listener) {
        listeners.add(listener);
    }

    /** Whether the alarm is raised now. */
    public boolean raised() {
        return raised;
    }

    public int threshold() {
        return threshold;
    }

    /** Takes one census into account; raises or clears the alarm, telling the listeners. */
    public void observe(SocketCount sockets, long nowMillis) {
        if (!sockets.known()) {
            return;
        }
        int count = sockets.redisSockets();
        remember(count);
        if (!raised) {
            String reason = null;
            if (count > threshold) {
                reason = count + " Redis sockets, more than leakThreshold " + threshold;
            }
            if (rising()) {
                riseStart = recent[0];
                if (reason == null) {
                    reason = "Redis sockets rose at each of the last " + TREND_CENSUSES + " censuses, from " + recent[0]
                            + " to " + count;
                }
            }
            if (reason != null) {
                raised = true;
                tell(new LeakEvent(true, sockets, threshold, reason, nowMillis));
            }
        } else if (count <= threshold && (riseStart < 0 || count < riseStart + TREND_MIN_RISE)) {
            raised = false;
            riseStart = -1;
            tell(new LeakEvent(false, sockets, threshold, "back to " + count + " Redis sockets", nowMillis));
        }
    }

    private void remember(int count) {
        if (recorded < TREND_CENSUSES) {
            recent[recorded++] = count;
        } else {
            System.arraycopy(recent, 1, recent, 0, TREND_CENSUSES - 1);
            recent[TREND_CENSUSES - 1] = count;
        }
    }

    private boolean rising() {
        if (recorded < TREND_CENSUSES) {
            return false;
        }
        for (int i = 1; i < TREND_CENSUSES; i++) {
            if (recent[i] <= recent[i - 1]) {
                return false;
            }
        }
        return recent[TREND_CENSUSES - 1] - recent[0] >= TREND_MIN_RISE;
    }

    private void tell(LeakEvent event) {
        for (LeakListener listener : listeners) {
            try {
                if (event.raised()) {
                    listener.raised(event);
                } else {
                    listener.cleared(event);
                }
            } catch (RuntimeException e) {
                LOG.warn("wmon leak alarm: a listener failed: {}", e.toString());
            }
        }
    }
}

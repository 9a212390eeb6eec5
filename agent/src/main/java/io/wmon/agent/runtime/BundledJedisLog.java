package io.wmon.agent.runtime;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Silences the Jedis the agent bundles (relocated, so its loggers are the agent's own, never the
 * application's Jedis). Jedis's Sentinel client logs at every failover and, while one sentinel is
 * down, a line every few seconds; in the host application's log that is noise the application did not
 * ask for. wmon's own lines say what matters: one line when Redis becomes unreachable, one when it
 * answers again ({@link OutageLog}).
 */
final class BundledJedisLog {

    /** Shading relocates this name with the classes: the bundled copy's loggers, not the application's. */
    private static final String JEDIS = "redis.clients.jedis";
    /** Held so that java.util.logging, which keeps loggers weakly, does not forget the level. */
    private static final Logger QUIET = Logger.getLogger(JEDIS);

    private BundledJedisLog() {
    }

    /** Turns the bundled Jedis's logging off; the application's logging configuration is not touched. */
    static void silence() {
        if (!JEDIS.startsWith("redis.")) {
            // Relocated: only then is the logger the agent's own.
            QUIET.setLevel(Level.OFF);
        }
    }
}

package io.wmon.core.redis;

import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A sentinel answered, but with an error instead of a master: it wants a password that was not given
 * ({@code NOAUTH}), refused the one given ({@code WRONGPASS}), has none while one was given, or refused
 * the ACL user a command ({@code NOPERM}). Jedis reports every such case as "All sentinels down";
 * {@link SentinelTopologyClient} asks a sentinel once more to find out, and {@link RedisFailures} turns
 * this into one line naming the sentinel.
 */
final class SentinelRefusedException extends JedisDataException {

    private static final long serialVersionUID = 1L;

    private final RedisNode sentinel;
    private final String error;

    /**
     * @param sentinel the sentinel that answered
     * @param refusal its error reply, as Jedis threw it
     */
    SentinelRefusedException(RedisNode sentinel, JedisDataException refusal) {
        super("the sentinel at " + sentinel + " refused: " + refusal.getMessage(), refusal);
        this.sentinel = sentinel;
        this.error = String.valueOf(refusal.getMessage());
    }

    /** The sentinel that answered. */
    RedisNode sentinel() {
        return sentinel;
    }

    /** Its error reply, e.g. {@code NOAUTH Authentication required.}. */
    String error() {
        return error;
    }
}

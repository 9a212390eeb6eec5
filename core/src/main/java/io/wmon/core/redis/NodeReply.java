package io.wmon.core.redis;

/**
 * What one node answered to {@link SharedPool#callEachNode}: a value, or why the node could not be
 * used, so that one node down leaves the others' answers standing.
 *
 * @param <T> the type of the answer
 */
public final class NodeReply<T> {

    private final String node;
    private final T value;
    private final RuntimeException failure;

    NodeReply(String node, T value, RuntimeException failure) {
        this.node = node;
        this.value = value;
        this.failure = failure;
    }

    /** The node, {@code host:port}. */
    public String node() {
        return node;
    }

    /** The answer; {@code null} when {@link #failure()} is set. */
    public T value() {
        return value;
    }

    /**
     * Why the node gave no answer: a {@link RedisUnavailableException} (unreachable, refused, NOPERM) or
     * the command's own error; {@code null} when it answered.
     */
    public RuntimeException failure() {
        return failure;
    }

    public boolean answered() {
        return failure == null;
    }
}

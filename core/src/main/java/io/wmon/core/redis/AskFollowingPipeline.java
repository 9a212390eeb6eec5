package io.wmon.core.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ClusterCommandObjects;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisAskDataException;

/**
 * A Cluster pipeline that follows {@code ASK}. While a slot migrates (a resharding), its old owner
 * answers {@code ASK <slot> <node>} for each key already moved, and Jedis's {@code ClusterPipeline}
 * hands that error to the caller: a namespace lives in one slot, so for as long as the migration lasts
 * every beat, fleet read and {@code watch} step would fail, and their failures would open the circuit
 * breaker. Here each sync runs the commands through Jedis's pipeline first; those answered {@code ASK}
 * then go to the node named, each after {@code ASKING}, in one more round trip per node. A key is on one
 * node or the other at any time, so each key's commands still run in the order they were queued.
 *
 * <p>Every reply is settled by {@link #sync()} before it returns; one thread queues and syncs, and
 * the replies may be read on another after that.
 */
final class AskFollowingPipeline extends AbstractPipeline {

    private final RedisClusterClient cluster;
    private final AbstractPipeline firstTry;
    private final List<Queued<?>> unsynced = new ArrayList<>();

    AskFollowingPipeline(RedisClusterClient cluster) {
        super(new ClusterCommandObjects(RedisClientFactory.PROTOCOL));
        this.cluster = cluster;
        this.firstTry = cluster.pipelined();
    }

    @Override
    protected <T> Response<T> appendCommand(CommandObject<T> command) {
        Queued<T> queued = new Queued<>(command, firstTry.executeCommand(command));
        unsynced.add(queued);
        return queued.answer;
    }

    @Override
    public void sync() {
        firstTry.sync();
        Map<HostAndPort, List<Queued<?>>> asked = new LinkedHashMap<>();
        try {
            for (Queued<?> queued : unsynced) {
                JedisAskDataException ask = queued.settleFirst();
                if (ask != null) {
                    asked.computeIfAbsent(ask.getTargetNode(), node -> new ArrayList<>()).add(queued);
                }
            }
        } finally {
            unsynced.clear();
        }
        asked.forEach(this::runAsking);
    }

    /**
     * Runs {@code commands} on {@code node} after {@code ASKING} ({@link AskingPipeline}), on one of its pooled
     * connections; a node the client has no pool for yet gets them one by one through the client, which
     * follows {@code ASK} itself.
     */
    private void runAsking(HostAndPort node, List<Queued<?>> commands) {
        ConnectionPool pool = cluster.getClusterNodes().get(node.toString());
        if (pool == null) {
            for (Queued<?> queued : commands) {
                queued.settleOneByOne(cluster);
            }
            return;
        }
        try (Connection connection = pool.getResource();
                AbstractPipeline asking = new AskingPipeline(new Pipeline(connection))) {
            for (Queued<?> queued : commands) {
                queued.queueAgainOn(asking);
            }
            asking.sync();
            for (Queued<?> queued : commands) {
                queued.settleSecond();
            }
        }
    }

    @Override
    public void close() {
        try {
            sync();
        } finally {
            firstTry.close();
        }
    }

    /** A command, its replies from the first try and, after {@code ASK}, the second, and the reply the caller reads. */
    private static final class Queued<T> {
        final CommandObject<T> command;
        final Response<T> firstReply;
        final SettledResponse<T> answer = new SettledResponse<>();
        Response<T> secondReply;

        Queued(CommandObject<T> command, Response<T> firstReply) {
            this.command = command;
            this.firstReply = firstReply;
        }

        JedisAskDataException settleFirst() {
            return settleFrom(firstReply);
        }

        /** Settles the answer with {@code reply}; returns the {@code ASK} it holds, if it does, for a second try. */
        private JedisAskDataException settleFrom(Response<T> reply) {
            try {
                answer.succeed(reply.get());
            } catch (JedisAskDataException ask) {
                answer.fail(ask);
                return ask;
            } catch (RuntimeException failure) {
                // An error reply, or no reply at all (the node's connection failed): the caller sees it as Jedis gave it.
                answer.fail(failure);
            }
            return null;
        }

        void queueAgainOn(AbstractPipeline asking) {
            secondReply = asking.executeCommand(command);
        }

        void settleSecond() {
            settleFrom(secondReply);
        }

        void settleOneByOne(RedisClusterClient cluster) {
            try {
                answer.succeed(cluster.executeCommand(command));
            } catch (RuntimeException failure) {
                answer.fail(failure);
            }
        }
    }

    /** A reply that {@link #sync()} settles; read before that, it fails as Jedis's own replies do. */
    private static final class SettledResponse<T> extends Response<T> {
        private boolean settled;
        private T value;
        private RuntimeException failure;

        SettledResponse() {
            super(null);
        }

        void succeed(T decoded) {
            value = decoded;
            failure = null;
            settled = true;
        }

        void fail(RuntimeException e) {
            value = null;
            failure = e;
            settled = true;
        }

        @Override
        public T get() {
            if (!settled) {
                throw new IllegalStateException(SharedPool.UNSYNCED_PIPELINE + " or multi block before calling this method.");
            }
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}

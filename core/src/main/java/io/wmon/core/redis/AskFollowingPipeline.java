package io.wmon.core.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.ClusterCommandObjects;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A Cluster pipeline that follows {@code ASK}. While a slot migrates (a resharding), its old owner
 * answers {@code ASK <slot> <node>} for each key already moved, and Jedis's {@code ClusterPipeline}
 * hands that error to the caller: a namespace lives in one slot, so for as long as the migration lasts
 * every beat, fleet read and {@code watch} step would fail, and their failures would open the circuit
 * breaker. Here each sync runs the commands through Jedis's pipeline first; those answered {@code ASK}
 * then go to the node named, each after {@code ASKING}, in one more round trip per node. A key is on one
 * node or the other at any time, so each key's commands still run in the order they were queued.
 *
 * <p>Jedis's pipeline is given each command with a builder that keeps the reply as it came, so that
 * finding the {@code ASK}s decodes nothing: the caller's replies are decoded when first read, on the
 * thread that reads them, as with Jedis's own pipelines. Every reply is set by {@link #sync()} before
 * it returns; one thread queues and syncs, and the replies may be read on another after that.
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
        Queued<T> queued = new Queued<>(command);
        queued.firstReply = firstTry.executeCommand(queued.raw);
        unsynced.add(queued);
        return queued.answer;
    }

    @Override
    public void sync() {
        firstTry.sync();
        Map<HostAndPort, List<Queued<?>>> asked = new LinkedHashMap<>();
        try {
            for (Queued<?> queued : unsynced) {
                JedisAskDataException ask = queued.answerWith(queued.firstReply);
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
                queued.answerOneByOne(cluster);
            }
            return;
        }
        try (Connection connection = pool.getResource();
                AbstractPipeline asking = new AskingPipeline(new Pipeline(connection))) {
            for (Queued<?> queued : commands) {
                queued.secondReply = asking.executeCommand(queued.raw);
            }
            asking.sync();
            for (Queued<?> queued : commands) {
                queued.answerWith(queued.secondReply);
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

    /** A command as queued, as sent (its reply kept raw), its raw replies, and the reply the caller reads. */
    private static final class Queued<T> {
        final CommandObject<Object> raw;
        final Response<T> answer;
        Response<Object> firstReply;
        Response<Object> secondReply;

        Queued(CommandObject<T> command) {
            this.raw = new CommandObject<>(command.getArguments(), BuilderFactory.RAW_OBJECT);
            this.answer = new Response<>(command.getBuilder());
        }

        /**
         * Gives the answer {@code reply}'s raw reply, an error reply included; returns the {@code ASK} it holds
         * instead, if it does, for a second try. A reply never read (the node's connection failed: Jedis logs
         * it) leaves the answer unset, so that reading it fails as Jedis's own replies do.
         */
        JedisAskDataException answerWith(Response<Object> reply) {
            try {
                answer.set(reply.get());
            } catch (JedisAskDataException ask) {
                answer.set(ask);
                return ask;
            } catch (JedisDataException error) {
                answer.set(error);
            } catch (IllegalStateException unread) {
                // Left unset.
            }
            return null;
        }

        /** Runs the command through the client, which follows {@code ASK}; a connection failure ends the sync. */
        void answerOneByOne(RedisClusterClient cluster) {
            try {
                answer.set(cluster.executeCommand(raw));
            } catch (JedisDataException error) {
                answer.set(error);
            }
        }
    }
}

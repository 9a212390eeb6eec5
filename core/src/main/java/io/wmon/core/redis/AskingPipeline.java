package io.wmon.core.redis;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;

/**
 * A pipeline on one connection to the node a slot is being migrated to, that sends {@code ASKING} before
 * each command: the node then serves the slot's keys it imports, for that command only, instead of
 * answering {@code MOVED} to the slot's owner. The replies of {@code ASKING} are dropped.
 */
final class AskingPipeline extends AbstractPipeline {

    private final AbstractPipeline onTarget;

    /** Wraps {@code onTarget}, a pipeline on a connection to the importing node; closing this closes it. */
    AskingPipeline(AbstractPipeline onTarget) {
        super(new CommandObjects(RedisClientFactory.PROTOCOL));
        this.onTarget = onTarget;
    }

    @Override
    protected <T> Response<T> appendCommand(CommandObject<T> command) {
        onTarget.sendCommand(new CommandArguments(Protocol.Command.ASKING));
        return onTarget.executeCommand(command);
    }

    @Override
    public void sync() {
        onTarget.sync();
    }

    @Override
    public void close() {
        onTarget.close();
    }
}

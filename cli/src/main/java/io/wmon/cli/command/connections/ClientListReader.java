package io.wmon.cli.command.connections;

import io.wmon.core.redis.NodeReply;
import io.wmon.core.redis.SharedPool;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Reads {@code CLIENT LIST} and {@code CONFIG GET maxclients} on the CLI's connection, on each node of
 * a Cluster.
 *
 * <p>{@code CONFIG} is often not allowed (an ACL user without {@code +config}, managed Redis
 * services); then maxclients is unknown and the reason is kept, never failing the view.
 */
public final class ClientListReader {

    /** The server's connections and limit. */
    public record ServerClients(List<ClientLine> clients, long maxClients, String maxClientsProblem) {
    }

    private static final CommandObjects COMMANDS = new CommandObjects(RedisProtocol.RESP3);
    private static final CommandObject<String> CLIENT_LIST =
            new CommandObject<>(new CommandArguments(Protocol.Command.CLIENT).add("LIST"), BuilderFactory.STRING);

    private ClientListReader() {
    }

    /**
     * The connections and limit of the one server (a standalone endpoint, Sentinel's master).
     *
     * @throws io.wmon.core.redis.RedisUnavailableException when Redis cannot be reached, or its ACL refuses
     *     {@code CLIENT LIST} (a user without {@code +client|list}): the message names the grant
     * @throws IllegalStateException when Redis refuses {@code CLIENT LIST} otherwise (a server that renamed it)
     */
    public static ServerClients read(SharedPool pool) {
        NodeReply<ServerClients> first = readEachNode(pool).get(0);
        if (!first.answered()) {
            throw first.failure();
        }
        return first.value();
    }

    /**
     * The connections and limit of every node, in the pool's order: one for a standalone server and for
     * Sentinel's master, each node of a Cluster (masters and replicas). A node that cannot be read
     * carries its failure; the call fails only when none can.
     *
     * @throws io.wmon.core.redis.RedisUnavailableException when no node can be read
     * @throws IllegalStateException when Redis refuses {@code CLIENT LIST} otherwise (a server that renamed it)
     */
    public static List<NodeReply<ServerClients>> readEachNode(SharedPool pool) {
        return pool.callEachNode(ClientListReader::readNode);
    }

    private static ServerClients readNode(Connection connection) {
        String reply;
        try {
            reply = connection.executeCommand(CLIENT_LIST);
        } catch (JedisAccessControlException refused) {
            // NOPERM: the shared pool turns it into "refused CLIENT LIST to user …; grant it with …".
            throw refused;
        } catch (JedisDataException refused) {
            throw new IllegalStateException("Redis refused CLIENT LIST (" + firstLine(refused.getMessage())
                    + "); wmon connections needs it", refused);
        }
        long max = -1;
        String problem = "";
        try {
            Map<String, String> config = connection.executeCommand(COMMANDS.configGet("maxclients"));
            max = Long.parseLong(config.getOrDefault("maxclients", "-1"));
            problem = max < 0 ? "CONFIG GET maxclients returned nothing" : "";
        } catch (JedisDataException refused) {
            problem = "CONFIG GET refused: " + firstLine(refused.getMessage());
        } catch (NumberFormatException unreadable) {
            problem = "CONFIG GET maxclients is not a number";
        }
        return new ServerClients(ClientLine.parseList(reply), max, problem);
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}

package io.wmon.bench.floor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * The least a JVM program can do to read what {@code wmon status --json} reads: one Jedis
 * connection, {@code ZRANGE wmon:{NS}:workers 0 -1}, then {@code HGETALL} of every
 * {@code wmon:{NS}:worker:<id>} hash, pipelined in batches of 1,000 (the CLI's batch size). It
 * decodes nothing and writes no JSON; it counts the hashes, fields and characters it received and
 * prints those three numbers, so that no reply can be skipped.
 *
 * <p>Usage: {@code java -jar benchmarks/target/wmon-bare-reader.jar HOST PORT NAMESPACE}; exit 0,
 * 2 on bad arguments. {@code benchmarks/status-floor.sh} launches it with {@code bin/wmon}'s JVM
 * flags and a class-data archive of its own.
 */
public final class BareStatusReader {

    private static final int BATCH_SIZE = 1_000;

    private BareStatusReader() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: BareStatusReader HOST PORT NAMESPACE");
            System.exit(2);
        }
        String prefix = "wmon:{" + args[2] + "}:";
        long hashes = 0;
        long fields = 0;
        long chars = 0;
        try (Jedis jedis = new Jedis(args[0], Integer.parseInt(args[1]))) {
            List<String> ids = jedis.zrange(prefix + "workers", 0, -1);
            Pipeline pipeline = jedis.pipelined();
            for (int from = 0; from < ids.size(); from += BATCH_SIZE) {
                int to = Math.min(ids.size(), from + BATCH_SIZE);
                List<Response<Map<String, String>>> replies = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    replies.add(pipeline.hgetAll(prefix + "worker:" + ids.get(i)));
                }
                pipeline.sync();
                for (Response<Map<String, String>> reply : replies) {
                    Map<String, String> hash = reply.get();
                    hashes += hash.isEmpty() ? 0 : 1;
                    fields += hash.size();
                    for (Map.Entry<String, String> field : hash.entrySet()) {
                        chars += field.getKey().length() + field.getValue().length();
                    }
                }
            }
        }
        System.out.println("hashes=" + hashes + " fields=" + fields + " chars=" + chars);
    }
}

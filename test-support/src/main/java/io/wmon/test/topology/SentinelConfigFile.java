package io.wmon.test.topology;

import io.wmon.test.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration file of one sentinel: which master it monitors, how fast it gives up on it, and the
 * passwords, if any: {@code sentinel auth-pass} for the master and its replicas, {@code requirepass} for the
 * sentinel's own clients (which Sentinel also sends to the other sentinels), or instead an ACL user for them
 * with the default user off ({@code sentinel sentinel-user} and {@code sentinel-pass} for the other sentinels). Written before the first start
 * into the sentinel's own directory, since a sentinel insists on a writable file and rewrites it (its id,
 * the replicas and sentinels it found, each failover).
 */
final class SentinelConfigFile {

    static final String NAME = "sentinel.conf";

    private SentinelConfigFile() {
    }

    /**
     * Writes {@code dir/sentinel.conf} and returns its path.
     *
     * @param masterName      the name clients ask for
     * @param masterPort      the master's port on 127.0.0.1
     * @param quorum          how many sentinels must agree that the master is down
     * @param downAfter       how long the master may stay silent before a sentinel deems it down
     * @param failoverTimeout the longest a failover may take before another sentinel may try
     * @param dataPassword    what the master and the replicas ask for, null for none
     * @param ownPassword     what the sentinel asks its clients for, null for none
     * @param ownUser         the ACL user {@code ownPassword} is for, with the default user off; null for
     *                        {@code requirepass} (the default user's password)
     */
    static Path write(Path dir, String masterName, int masterPort, int quorum, Duration downAfter, Duration failoverTimeout,
            String dataPassword, String ownPassword, String ownUser) {
        List<String> lines = new ArrayList<>(List.of(
                "bind " + FreePorts.LOOPBACK,
                "dir " + dir,
                "sentinel monitor " + masterName + " " + FreePorts.LOOPBACK + " " + masterPort + " " + quorum,
                "sentinel down-after-milliseconds " + masterName + " " + downAfter.toMillis(),
                "sentinel failover-timeout " + masterName + " " + failoverTimeout.toMillis(),
                "sentinel parallel-syncs " + masterName + " 1"));
        if (dataPassword != null) {
            lines.add("sentinel auth-pass " + masterName + " " + quoted(dataPassword));
        }
        if (ownPassword != null && ownUser != null) {
            // The other sentinels are clients too: they log in as the same user.
            lines.add("user default off");
            lines.add("user " + ownUser + " on " + quoted(">" + ownPassword) + " allchannels +@all");
            lines.add("sentinel sentinel-user " + ownUser);
            lines.add("sentinel sentinel-pass " + quoted(ownPassword));
        } else if (ownPassword != null) {
            lines.add("requirepass " + quoted(ownPassword));
        }
        lines.add("");
        String text = String.join("\n", lines);
        Path file = WorkDirectory.deletedOnExit(dir.resolve(NAME));
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** {@code value} in double quotes, {@code \\} and {@code "} escaped: the config parser would take a bare quote as the start of one. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

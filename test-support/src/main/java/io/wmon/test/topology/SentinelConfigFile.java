package io.wmon.test.topology;

import io.wmon.test.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The configuration file of one sentinel: which master it monitors and how fast it gives up on it.
 * Written before the first start into the sentinel's own directory, since a sentinel insists on a
 * writable file and rewrites it (its id, the replicas and sentinels it found, each failover).
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
     */
    static Path write(Path dir, String masterName, int masterPort, int quorum, Duration downAfter, Duration failoverTimeout) {
        String text = String.join("\n",
                "bind " + FreePorts.LOOPBACK,
                "dir " + dir,
                "sentinel monitor " + masterName + " " + FreePorts.LOOPBACK + " " + masterPort + " " + quorum,
                "sentinel down-after-milliseconds " + masterName + " " + downAfter.toMillis(),
                "sentinel failover-timeout " + masterName + " " + failoverTimeout.toMillis(),
                "sentinel parallel-syncs " + masterName + " 1",
                "");
        Path file = WorkDirectory.deletedOnExit(dir.resolve(NAME));
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}

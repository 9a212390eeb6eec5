package io.wmon.cli.command.connections;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.record.WorkerState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which records can attribute unnamed connections by local port. */
class ConnectionCensusTest {

    private static final long NOW = 1_767_225_600_000L;

    @Test
    void aRecordAsTheAgentWritesItTodayListsNoPortsSoAttributesNothing() {
        assertThat(ConnectionCensus.reportsLocalPorts(worker("w", NOW, WorkerState.IDLE).build())).isFalse();
    }

    @Test
    void aRecordWithTheSocketCensusDoesEvenWhenItFoundNoApplicationSocket() {
        assertThat(ConnectionCensus.reportsLocalPorts(worker("w", NOW, WorkerState.IDLE)
                .localPorts(List.of(50_001)).build())).isTrue();
        assertThat(ConnectionCensus.reportsLocalPorts(worker("w", NOW, WorkerState.IDLE)
                .redisSocketCount(1).appRedisSocketCount(0).build())).isTrue();
    }
}

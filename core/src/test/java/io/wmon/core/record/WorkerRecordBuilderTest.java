package io.wmon.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkerRecordBuilderTest {

    @Test
    void requiredFieldsAreChecked() {
        assertThatIllegalStateException().isThrownBy(() -> WorkerRecord.builder().beatMillis(1).intervalMillis(1)
                .state(WorkerState.IDLE).build()).withMessageContaining("non-empty id");
        assertThatIllegalStateException().isThrownBy(() -> WorkerRecord.builder().id("w").intervalMillis(1)
                .state(WorkerState.IDLE).build()).withMessageContaining("beat");
        assertThatIllegalStateException().isThrownBy(() -> WorkerRecord.builder().id("w").beatMillis(1)
                .state(WorkerState.IDLE).build()).withMessageContaining("positive interval");
        assertThatIllegalStateException().isThrownBy(() -> WorkerRecord.builder().id("w").beatMillis(1)
                .intervalMillis(1).build()).withMessageContaining("state");
    }

    @Test
    void numbersMustBeNonNegativeOrUnknown() {
        assertThat(WorkerRecord.builder().pid(WorkerRecord.UNKNOWN)).isNotNull();
        assertThatIllegalArgumentException().isThrownBy(() -> WorkerRecord.builder().processedCount(-2))
                .withMessage("processed must be >= 0 or WorkerRecord.UNKNOWN, was -2");
        assertThatIllegalArgumentException().isThrownBy(() -> WorkerRecord.builder().cpuLoad(1.01));
        assertThatIllegalArgumentException().isThrownBy(() -> WorkerRecord.builder().cpuLoad(Double.NaN));
    }

    @Test
    void labelsNeedAKeyAndPortsARange() {
        assertThatIllegalArgumentException().isThrownBy(() -> WorkerRecord.builder().label("", "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> WorkerRecord.builder().label("k", null));
        assertThatIllegalArgumentException().isThrownBy(() -> WorkerRecord.builder().localPorts(List.of(0)));
    }

    @Test
    void localPortsAreCappedAtTheLimit() {
        List<Integer> ports = IntStream.rangeClosed(1000, 1100).boxed().collect(Collectors.toList());

        WorkerRecord record = SampleRecords.minimal("w", 1, 1, WorkerState.IDLE).toBuilder().localPorts(ports).build();

        assertThat(record.localPorts()).hasSize(WorkerRecord.MAX_LOCAL_PORTS).startsWith(1000, 1001);
    }

    @Test
    void toBuilderCopiesEverything() {
        WorkerRecord record = SampleRecords.full("w", 1_767_225_600_000L);

        assertThat(record.toBuilder().build()).isEqualTo(record).usingRecursiveComparison().isEqualTo(record);
        assertThat(record.toBuilder().state(WorkerState.IDLE).build()).isNotEqualTo(record);
    }

    @Test
    void statesHaveLowerCaseWireForms() {
        assertThat(WorkerState.BUSY.wire()).isEqualTo("busy");
        assertThat(WorkerState.fromWire("stopping")).contains(WorkerState.STOPPING);
        assertThat(WorkerState.fromWire("Busy")).isEmpty();
        assertThat(BreakerState.fromWire("HALF_OPEN")).contains(BreakerState.HALF_OPEN);
        assertThat(BreakerState.fromWire("")).contains(BreakerState.UNKNOWN);
        assertThat(BreakerState.fromWire("UNKNOWN")).isEmpty();
    }
}

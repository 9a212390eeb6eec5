package io.wmon.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The field table drives storage, copy, equality and the codec: each field must work alone. */
class RecordFieldTest {

    private static final long BEAT = 1_767_225_600_000L;

    @Test
    void wireNamesAreDistinctAndOnlyTheV1KeyFieldsAreRequired() {
        assertThat(Arrays.stream(RecordField.values()).map(RecordField::wire)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(RecordField.values()).filter(RecordField::isRequired))
                .containsExactly(RecordField.V, RecordField.ID, RecordField.BEAT, RecordField.INTERVAL, RecordField.STATE);
    }

    @Test
    void theFullSampleSetsEveryOptionalField() {
        // Otherwise the round-trip tests would not cover a newly added field.
        Map<String, String> full = WorkerRecordCodec.encode(SampleRecords.full("w-1", BEAT));
        Map<String, String> minimal = WorkerRecordCodec.encode(SampleRecords.minimal("w-1", BEAT, 5_000, WorkerState.BUSY));

        for (RecordField field : RecordField.values()) {
            if (!field.isRequired()) {
                assertThat(full.get(field.wire())).as(field.wire()).isNotEqualTo(minimal.get(field.wire()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = RecordField.class, mode = EnumSource.Mode.EXCLUDE, names = "V")
    void everyFieldRoundTripsAndCountsForEquality(RecordField field) {
        WorkerRecord original = SampleRecords.full("w-1", BEAT);
        Map<String, String> hash = WorkerRecordCodec.encode(original);
        String other = otherValue(field, hash.get(field.wire()));
        hash.put(field.wire(), other);

        DecodedRecord decoded = WorkerRecordCodec.decode(hash);

        assertThat(decoded.problems()).isEmpty();
        assertThat(WorkerRecordCodec.encode(decoded.record())).containsExactlyEntriesOf(hash);
        assertThat(decoded.record()).isNotEqualTo(original);
        assertThat(decoded.record().toBuilder().build()).isEqualTo(decoded.record())
                .hasSameHashCodeAs(decoded.record());
        assertThat(WorkerRecordCodec.decode(WorkerRecordCodec.encode(original)).record()).isEqualTo(original);
    }

    @Test
    void eachAccessorReadsItsOwnField() {
        Map<String, String> hash = WorkerRecordCodec.encode(SampleRecords.full("w-1", BEAT));
        for (RecordField field : RecordField.values()) {
            if (field.type() == FieldType.COUNT) {
                hash.put(field.wire(), Integer.toString(1_000 + field.ordinal()));
            } else if (field.type() == FieldType.TEXT) {
                hash.put(field.wire(), "text-" + field.wire());
            } else if (field.type() == FieldType.FLAG) {
                hash.put(field.wire(), field.ordinal() % 2 == 0 ? "0" : "1");
            }
        }
        WorkerRecord r = WorkerRecordCodec.decode(hash).record();

        Map<RecordField, Object> read = new LinkedHashMap<>();
        read.put(RecordField.ID, r.id());
        read.put(RecordField.HOST, r.host());
        read.put(RecordField.PID, r.pid());
        read.put(RecordField.STARTED, r.startedMillis());
        read.put(RecordField.BEAT, r.beatMillis());
        read.put(RecordField.INTERVAL, r.intervalMillis());
        read.put(RecordField.STATE, r.state());
        read.put(RecordField.JOB, r.job());
        read.put(RecordField.PROCESSED, r.processedCount());
        read.put(RecordField.FAILED, r.failedCount());
        read.put(RecordField.AGENT, r.agentVersion());
        read.put(RecordField.JVM, r.javaVersion());
        read.put(RecordField.HEAP_USED, r.heapUsedBytes());
        read.put(RecordField.HEAP_MAX, r.heapMaxBytes());
        read.put(RecordField.THREADS, r.threadCount());
        read.put(RecordField.CPU, r.cpuLoad());
        read.put(RecordField.POOL_ACTIVE, r.poolActive());
        read.put(RecordField.POOL_IDLE, r.poolIdle());
        read.put(RecordField.POOL_WAITERS, r.poolWaiters());
        read.put(RecordField.POOL_MAX, r.poolMaxTotal());
        read.put(RecordField.POOL_EXHAUSTED, r.poolExhaustedCount());
        read.put(RecordField.APP_POOLS, r.appPoolCount());
        read.put(RecordField.APP_ACTIVE, r.appActiveConnections());
        read.put(RecordField.APP_IDLE, r.appIdleConnections());
        read.put(RecordField.PUBSUB, r.pubSubOpen());
        read.put(RecordField.RTT_US, r.redisRoundTripMicros());
        read.put(RecordField.BREAKER, r.breaker());
        read.put(RecordField.LABELS, r.labels());
        read.put(RecordField.REDIS_SOCKETS, r.redisSocketCount());
        read.put(RecordField.APP_SOCKETS, r.appRedisSocketCount());
        read.put(RecordField.LOCAL_PORTS, r.localPorts());
        read.put(RecordField.LEAK, r.leakAlarm());

        assertThat(read.keySet()).as("an accessor for every stored field")
                .containsExactlyInAnyOrder(Arrays.stream(RecordField.values())
                        .filter(f -> f.type().storage() != FieldType.Storage.NONE).toArray(RecordField[]::new));
        read.forEach((field, value) -> assertThat(wire(value)).as(field.wire()).isEqualTo(hash.get(field.wire())));
    }

    @Test
    void namedSettersKeepTheirMessages() {
        assertThatIllegalArgumentException().isThrownBy(() -> WorkerRecord.builder().pid(-5))
                .withMessage("pid must be >= 0 or WorkerRecord.UNKNOWN, was -5");
        assertThatIllegalArgumentException().isThrownBy(() -> WorkerRecord.builder().redisSocketCount(-2))
                .withMessage("redis_sockets must be >= 0 or WorkerRecord.UNKNOWN, was -2");
        assertThatIllegalArgumentException().isThrownBy(() -> WorkerRecord.builder().cpuLoad(2))
                .withMessage("cpu must be within 0..1 or WorkerRecord.UNKNOWN, was 2.0");
    }

    @Test
    void aTypedSetterRefusesAFieldOfAnotherKind() {
        // Each kind has its own array; a mismatch would silently overwrite some other field.
        assertThatIllegalArgumentException().isThrownBy(() -> WorkerRecord.builder().count(RecordField.HOST, 1))
                .withMessageStartingWith("host holds");
        assertThatIllegalArgumentException().isThrownBy(() -> WorkerRecord.builder().text(RecordField.PID, "1"));
        assertThatIllegalArgumentException().isThrownBy(() -> WorkerRecord.builder().flag(RecordField.CPU, true));
        assertThatIllegalArgumentException().isThrownBy(() -> WorkerRecord.builder().load(RecordField.LEAK, 1));
    }

    @Test
    void aBuilderFromARecordLeavesTheRecordAlone() {
        WorkerRecord record = SampleRecords.full("w-1", BEAT);

        record.toBuilder().pid(1).host(null).label("zone", "eu").localPorts(List.of(1)).breaker(null).build();

        assertThat(record).isEqualTo(SampleRecords.full("w-1", BEAT));
        assertThat(record.labels()).containsOnlyKeys("team", "query");
        assertThatThrownBy(() -> record.labels().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> record.localPorts().add(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void encodeReturnsAFreshMapEachTime() {
        WorkerRecord record = SampleRecords.full("w-1", BEAT);
        Map<String, String> first = WorkerRecordCodec.encode(record);
        first.clear();

        assertThat(WorkerRecordCodec.encode(record)).hasSize(RecordField.values().length);
    }

    /** A valid wire value for {@code field} that differs from {@code current}. */
    private static String otherValue(RecordField field, String current) {
        String other;
        switch (field.type()) {
            case TEXT: other = current + "-other"; break;
            case COUNT: case PERIOD: other = Long.toString(Long.parseLong(current) + 1); break;
            case LOAD: other = "0.5"; break;
            case FLAG: other = current.equals("1") ? "0" : "1"; break;
            case WORKER_STATE: other = current.equals("stopping") ? "paused" : "stopping"; break;
            case BREAKER_STATE: other = current.equals("OPEN") ? "CLOSED" : "OPEN"; break;
            case LABEL_MAP: other = current + ";extra=1"; break;
            case PORT_LIST: other = current.isEmpty() ? "1" : current + ",1"; break;
            default: throw new AssertionError("no other value for " + field.type());
        }
        assertThat(other).as(field.wire()).isNotEqualTo(current);
        return other;
    }

    private static String wire(Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value ? "1" : "0";
        } else if (value instanceof Double) {
            return BigDecimal.valueOf((Double) value).toPlainString();
        } else if (value instanceof WorkerState) {
            return ((WorkerState) value).wire();
        } else if (value instanceof BreakerState) {
            return ((BreakerState) value).wire();
        } else if (value instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) value;
            return LabelsCodec.encode(labels);
        } else if (value instanceof List) {
            return ((List<?>) value).stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}

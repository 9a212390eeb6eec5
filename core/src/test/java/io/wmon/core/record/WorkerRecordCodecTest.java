package io.wmon.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerRecordCodecTest {

    private static final long BEAT = 1_767_225_600_000L;

    @Test
    void roundTripsEveryField() {
        WorkerRecord record = SampleRecords.full("w-1", BEAT);

        DecodedRecord decoded = WorkerRecordCodec.decode(WorkerRecordCodec.encode(record));

        assertThat(decoded.isValid()).isTrue();
        assertThat(decoded.problems()).isEmpty();
        assertThat(decoded.record()).isEqualTo(record).usingRecursiveComparison().isEqualTo(record);
    }

    @Test
    void encodesEveryV1FieldAsDecimalStrings() {
        Map<String, String> hash = WorkerRecordCodec.encode(SampleRecords.full("w-1", BEAT));

        assertThat(hash.keySet()).containsExactlyElementsOf(
                Arrays.stream(RecordField.values()).map(RecordField::wire).collect(Collectors.toList()));
        assertThat(hash).containsEntry("v", "1").containsEntry("beat", Long.toString(BEAT))
                .containsEntry("state", "busy").containsEntry("heap_max", "4294967296").containsEntry("cpu", "0.125")
                .containsEntry("pubsub", "1").containsEntry("breaker", "HALF_OPEN")
                .containsEntry("labels", "team=payments;query=a\\=b\\;c\\\\d")
                .containsEntry("local_ports", "50001,50002,65535").containsEntry("leak", "1");
    }

    @Test
    void unknownValuesAreWrittenEmptyAndReadBackAsUnknown() {
        WorkerRecord record = SampleRecords.minimal("w-2", BEAT, 1_000, WorkerState.IDLE);

        Map<String, String> hash = WorkerRecordCodec.encode(record);
        DecodedRecord decoded = WorkerRecordCodec.decode(hash);

        assertThat(hash).containsEntry("pid", "").containsEntry("cpu", "").containsEntry("breaker", "")
                .containsEntry("labels", "").containsEntry("local_ports", "").containsEntry("pubsub", "0");
        assertThat(decoded.problems()).isEmpty();
        assertThat(decoded.record()).isEqualTo(record);
        assertThat(decoded.record().pid()).isEqualTo(WorkerRecord.UNKNOWN);
        assertThat(decoded.record().cpuLoad()).isEqualTo(-1.0);
        assertThat(decoded.record().breaker()).isEqualTo(BreakerState.UNKNOWN);
    }

    @Test
    void tinyCpuLoadIsWrittenWithoutExponent() {
        WorkerRecord record = SampleRecords.full("w-1", BEAT).toBuilder().cpuLoad(0.0001).build();

        Map<String, String> hash = WorkerRecordCodec.encode(record);

        assertThat(hash.get("cpu")).isEqualTo("0.00010");
        assertThat(WorkerRecordCodec.decode(hash).record().cpuLoad()).isEqualTo(0.0001);
    }

    @Test
    void onlyRequiredFieldsMakeAValidRecord() {
        DecodedRecord decoded = WorkerRecordCodec.decode(
                Map.of("v", "1", "id", "w", "beat", "10", "interval", "5000", "state", "paused"));

        assertThat(decoded.isValid()).isTrue();
        assertThat(decoded.problems()).isEmpty();
        assertThat(decoded.record().state()).isEqualTo(WorkerState.PAUSED);
        assertThat(decoded.record().host()).isEmpty();
        assertThat(decoded.record().processedCount()).isEqualTo(WorkerRecord.UNKNOWN);
    }

    @ParameterizedTest
    @EnumSource(value = RecordField.class, names = {"V", "ID", "BEAT", "INTERVAL", "STATE"})
    void aMissingRequiredFieldMakesTheRecordInvalid(RecordField field) {
        Map<String, String> hash = WorkerRecordCodec.encode(SampleRecords.full("w-1", BEAT));
        hash.remove(field.wire());

        DecodedRecord decoded = WorkerRecordCodec.decode(hash);

        assertThat(field.isRequired()).isTrue();
        assertThat(decoded.isValid()).isFalse();
        assertThat(decoded.record()).isNull();
        assertThat(decoded.invalidReason()).contains("field " + field.wire()).doesNotContain("\n");
    }

    @Test
    void badRequiredValuesSayWhatIsWrong() {
        assertThat(reasonWith("beat", "soon")).isEqualTo("beat 'soon' is not a whole number in 0..9223372036854775807");
        assertThat(reasonWith("beat", "-5")).contains("'-5' is not a whole number");
        assertThat(reasonWith("interval", "99999999999999999999999")).contains("is not a whole number");
        assertThat(reasonWith("interval", "0")).isEqualTo("interval '0' must be a positive number of ms");
        assertThat(reasonWith("state", "BUSY")).isEqualTo("state 'BUSY' is not one of starting|idle|busy|paused|stopping|stopped");
        assertThat(reasonWith("state", "zombie")).startsWith("state 'zombie' is not one of");
        assertThat(reasonWith("id", "")).isEqualTo("no worker id (field id)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0", "1.0", " 1", "v1", "\uFFFD"})
    void anUnknownSchemaVersionIsInvalid(String version) {
        String reason = reasonWith("v", version);

        assertThat(reason).startsWith("schema version '").endsWith("is not supported (this reader knows v1)");
    }

    @Test
    void badOptionalValuesBecomeUnknownWithOneProblemEach() {
        Map<String, String> hash = WorkerRecordCodec.encode(SampleRecords.full("w-1", BEAT));
        hash.put("processed", "lots");
        hash.put("failed", "-1");
        hash.put("heap_used", "18446744073709551616");
        hash.put("threads", "0x10");
        hash.put("pid", " 42");
        hash.put("cpu", "NaN");
        hash.put("pubsub", "yes");
        hash.put("breaker", "closed");
        hash.put("local_ports", "50001,0,http,70000,50002");
        hash.put("labels", "ok=1;novalue;=nokey");

        DecodedRecord decoded = WorkerRecordCodec.decode(hash);

        assertThat(decoded.isValid()).isTrue();
        WorkerRecord record = decoded.record();
        assertThat(List.of(record.processedCount(), record.failedCount(), record.heapUsedBytes(), record.threadCount(),
                record.pid())).containsOnly(WorkerRecord.UNKNOWN);
        assertThat(record.cpuLoad()).isEqualTo(-1.0);
        assertThat(record.pubSubOpen()).isFalse();
        assertThat(record.breaker()).isEqualTo(BreakerState.UNKNOWN);
        assertThat(record.localPorts()).containsExactly(50001, 50002);
        assertThat(record.labels()).containsExactly(Map.entry("ok", "1"));
        assertThat(record.heapMaxBytes()).isEqualTo(4_294_967_296L);
        assertThat(decoded.problems()).contains(
                "processed: 'lots' is not a whole number in 0..9223372036854775807",
                "cpu: 'NaN' is not a decimal number in 0..1",
                "pubsub: 'yes' is neither 1 nor 0, read as 0",
                "breaker: 'closed' is not one of CLOSED|OPEN|HALF_OPEN",
                "local_ports: 'http' is not a port in 1..65535, left out");
        assertThat(decoded.problems()).hasSize(13).allSatisfy(problem -> assertThat(problem).doesNotContain("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "-0.1", "1e3", "Infinity", "0.5d", "0x1p-1", ".5"})
    void cpuOutsideZeroToOneOrNotPlainDecimalIsAProblem(String cpu) {
        DecodedRecord decoded = decodeWith("cpu", cpu);

        assertThat(decoded.record().cpuLoad()).isEqualTo(-1.0);
        assertThat(decoded.problems()).singleElement().asString().startsWith("cpu: ");
    }

    @Test
    void unknownFieldsAreIgnored() {
        Map<String, String> hash = WorkerRecordCodec.encode(SampleRecords.full("w-1", BEAT));
        hash.put("future_field", "whatever");
        hash.put("", "");

        DecodedRecord decoded = WorkerRecordCodec.decode(hash);

        assertThat(decoded.problems()).isEmpty();
        assertThat(decoded.record()).isEqualTo(SampleRecords.full("w-1", BEAT));
    }

    @Test
    void textThatWasNotUtf8IsKeptAndReported() {
        DecodedRecord decoded = decodeWith("host", "caf\uFFFD");

        assertThat(decoded.record().host()).isEqualTo("caf\uFFFD");
        assertThat(decoded.problems()).containsExactly("host: contains bytes that are not UTF-8 (shown as U+FFFD)");
    }

    @Test
    void hugeValuesAreQuotedShortInProblems() {
        DecodedRecord decoded = decodeWith("processed", "9".repeat(100_000));

        assertThat(decoded.problems()).singleElement().asString().hasSizeLessThan(120).contains("(100000 chars)");
    }

    @Test
    void localPortsAreCapped() {
        String ports = java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(Integer::toString)
                .collect(Collectors.joining(","));

        DecodedRecord decoded = decodeWith("local_ports", ports);

        assertThat(decoded.record().localPorts()).hasSize(WorkerRecord.MAX_LOCAL_PORTS);
        assertThat(decoded.problems()).containsExactly("local_ports: more than 64, the rest left out");
    }

    @Test
    void emptyOrMissingHashIsInvalid() {
        assertThat(WorkerRecordCodec.decode(Map.of()).invalidReason()).isEqualTo("the record hash is empty or missing");
        assertThat(WorkerRecordCodec.decode(null).isValid()).isFalse();
    }

    @Test
    void nullValuesNeverThrow() {
        Map<String, String> hash = new HashMap<>(WorkerRecordCodec.encode(SampleRecords.full("w-1", BEAT)));
        hash.replaceAll((field, value) -> field.equals("v") ? value : null);

        assertThat(WorkerRecordCodec.decode(hash).invalidReason()).isEqualTo("no worker id (field id)");
    }

    @Test
    void randomGarbageNeverThrows() {
        Random random = new Random(42);
        String[] pool = {"", "1", "0", "-1", "abc", "1.5", "\uFFFD", "busy", "OPEN", "a=b;c", "\\", "99999999999999999999",
            "5000", "1767225600000", "w-1", ";", "=", ",", " ", "\u0000"};
        String[] fields = Arrays.stream(RecordField.values()).map(RecordField::wire).toArray(String[]::new);
        for (int round = 0; round < 20_000; round++) {
            Map<String, String> hash = new LinkedHashMap<>();
            hash.put("v", "1");
            for (String field : fields) {
                if (random.nextInt(4) > 0) {
                    hash.put(field, pool[random.nextInt(pool.length)] + (random.nextBoolean() ? "" : pool[random.nextInt(pool.length)]));
                }
            }
            DecodedRecord decoded = WorkerRecordCodec.decode(hash);
            // "unreadable record" is the codec's last-resort catch: reaching it means a bug.
            assertThat(decoded.invalidReason()).doesNotContain("unreadable record").doesNotContain("\n");
        }
    }

    private static String reasonWith(String field, String value) {
        DecodedRecord decoded = decodeWith(field, value);
        assertThat(decoded.isValid()).as("valid with %s=%s", field, value).isFalse();
        return decoded.invalidReason();
    }

    private static DecodedRecord decodeWith(String field, String value) {
        Map<String, String> hash = WorkerRecordCodec.encode(SampleRecords.full("w-1", BEAT));
        hash.put(field, value);
        return WorkerRecordCodec.decode(hash);
    }
}

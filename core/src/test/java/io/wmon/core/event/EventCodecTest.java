package io.wmon.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The entry fields of an event, and the one-line reasons for entries that are not events. */
class EventCodecTest {

    private static final EventId ID = EventId.of(1_767_225_600_000L, 3);

    private static Map<String, String> fields(FleetEvent event) {
        return new HashMap<>(EventCodec.encode(event));
    }

    @Test
    void encodesTheContractsFieldsInOrderAndDecodesThemBack() {
        FleetEvent event = FleetEvent.of(EventType.POOL_EXHAUSTED, "w-1", "2", "5", 1_767_225_600_123L, "3 borrows");

        Map<String, String> encoded = EventCodec.encode(event);

        assertThat(encoded).containsExactly(Map.entry("type", "pool_exhausted"), Map.entry("worker", "w-1"),
                Map.entry("from", "2"), Map.entry("to", "5"), Map.entry("ts", "1767225600123"),
                Map.entry("detail", "3 borrows"));
        DecodedEvent decoded = EventCodec.decode(ID, encoded);
        assertThat(decoded.isValid()).isTrue();
        assertThat(decoded.id()).isEqualTo(ID);
        assertThat(decoded.event()).isEqualTo(event);
        assertThat(decoded.problems()).isEmpty();
    }

    @Test
    void optionalTextsDefaultToEmptyAndUnknownFieldsAreIgnored() {
        Map<String, String> fields = Map.of("type", "up", "worker", "w-2", "ts", "5", "colour", "blue");

        DecodedEvent decoded = EventCodec.decode(ID, fields);

        assertThat(decoded.event()).isEqualTo(FleetEvent.of(EventType.UP, "w-2", "", "", 5, ""));
    }

    @Test
    void anEntryWithoutAKnownTypeAWorkerOrAWholeTimeIsInvalidWithOneReason() {
        Map<String, String> good = fields(FleetEvent.of(EventType.STATE, "w", "idle", "busy", 7, ""));

        assertThat(reason(Map.of())).isEqualTo("the entry has no fields");
        assertThat(reason(without(good, "type"))).isEqualTo("no type (field type)");
        assertThat(reason(with(good, "type", "STATE"))).isEqualTo(
                "type 'STATE' is not one of up, state, down, stale, breaker, pool_exhausted, leak");
        assertThat(reason(with(good, "worker", ""))).isEqualTo("no worker (field worker)");
        assertThat(reason(without(good, "ts"))).isEqualTo("no time (field ts)");
        assertThat(reason(with(good, "ts", "-1"))).isEqualTo("ts '-1' is not a whole number of epoch milliseconds");
        assertThat(reason(with(good, "ts", "9223372036854775808"))).contains("is not a whole number");
        assertThat(reason(with(good, "type", "x".repeat(10_000)))).hasSizeLessThan(120);
    }

    @Test
    void textThatWasNotUtf8IsKeptAndReported() {
        Map<String, String> fields = with(fields(FleetEvent.of(EventType.STATE, "w", "idle", "busy", 7, "")), "detail",
                "job \uFFFD\uFFFD");

        DecodedEvent decoded = EventCodec.decode(ID, fields);

        assertThat(decoded.isValid()).isTrue();
        assertThat(decoded.event().detail()).isEqualTo("job \uFFFD\uFFFD");
        assertThat(decoded.problems()).containsExactly("detail contains bytes that are not UTF-8 (shown as U+FFFD)");
    }

    private static String reason(Map<String, String> fields) {
        DecodedEvent decoded = EventCodec.decode(ID, fields);
        assertThat(decoded.isValid()).isFalse();
        assertThat(decoded.event()).isNull();
        return decoded.invalidReason();
    }

    private static Map<String, String> with(Map<String, String> fields, String name, String value) {
        Map<String, String> copy = new HashMap<>(fields);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> fields, String name) {
        Map<String, String> copy = new HashMap<>(fields);
        copy.remove(name);
        return copy;
    }
}

package io.wmon.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of seeded random hashes through {@link WorkerRecordCodec#decode}: wrong types, huge
 * numbers and values, bytes that were not UTF-8, control and line-separator characters, missing and
 * unknown fields. Nothing escapes, nothing reaches the codec's last-resort "unreadable record (bug)"
 * path, and every reason or problem is one bounded line. A failure names the seed and the case, so
 * that {@code new Random(SEED)} replays it.
 */
@Timeout(10)
class WorkerRecordCodecFuzzTest {

    static final long SEED = 0x5EED_C0DECL;
    private static final int CASES = 5_000;
    private static final int MAX_LINE = 400;
    private static final String[] TOKENS = {
        "", " ", "0", "1", "-1", "42", "007", "1.5", "-0", "NaN", "Infinity", "1e9", "0x10", "+5",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999999999",
        "idle", "busy", "BUSY", "stopped", "paused", "starting", "stopping", "unknown",
        "CLOSED", "OPEN", "HALF_OPEN", "closed", "k=v", "k=v;a=b", "=v", "k=", ";;", "a;b", "k=v;k=w",
        "1+2", "6379", "65536", "0.5", "1.0000001", "true", "yes", "\u0000", "\n", "\r\n", "\t", "\u001b[31m",
        "\u2028", "\u2029", "\u0085", "\u200e", "\uFEFF", "\uFFFD", "\uD800", "\uDC00x", "😀", "é", "ß"
    };

    @Test
    void randomHashesDecodeToARecordOrOneLine_seed0x5EEDC0DE() {
        Random random = new Random(SEED);
        String[] fields = wireNames();
        for (int n = 0; n < CASES; n++) {
            Map<String, String> hash = randomHash(random, fields);
            DecodedRecord decoded = WorkerRecordCodec.decode(hash);

            String replay = "seed " + Long.toHexString(SEED) + ", case " + n;
            assertThat(decoded).as(replay).isNotNull();
            assertThat(decoded.invalidReason()).as(replay).doesNotStartWith("unreadable record (");
            if (decoded.isValid()) {
                assertThat(decoded.record()).as(replay).isNotNull();
                assertThat(decoded.invalidReason()).as(replay).isEmpty();
                decoded.problems().forEach(line -> assertOneLine(line, replay));
            } else {
                assertOneLine(decoded.invalidReason(), replay);
                assertThat(decoded.invalidReason()).as(replay).isNotEmpty();
            }
        }
    }

    @Test
    void aValidRecordWithOneFieldReplacedNeverFailsTheRecordForAnOptionalField_seed0x5EEDC0DE() {
        Random random = new Random(SEED + 1);
        Map<String, String> valid = WorkerRecordCodec.encode(SampleRecords.full("w-1", System.currentTimeMillis()));
        String[] fields = valid.keySet().toArray(new String[0]);
        for (int n = 0; n < CASES; n++) {
            Map<String, String> hash = new HashMap<>(valid);
            String field = fields[random.nextInt(fields.length)];
            hash.put(field, randomValue(random));
            DecodedRecord decoded = WorkerRecordCodec.decode(hash);

            String replay = "seed " + Long.toHexString(SEED + 1) + ", case " + n + ", field " + field;
            RecordField known = byWire(field);
            if (known != null && !known.isRequired()) {
                assertThat(decoded.isValid()).as(replay).isTrue();
            }
            if (decoded.isValid()) {
                decoded.problems().forEach(line -> assertOneLine(line, replay));
            } else {
                assertOneLine(decoded.invalidReason(), replay);
            }
        }
    }

    private static void assertOneLine(String line, String replay) {
        assertThat(line).as(replay).hasSizeLessThan(MAX_LINE);
        assertThat(line.chars()).as(replay + ": " + line)
                .noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
    }

    private static RecordField byWire(String wire) {
        for (RecordField field : RecordField.ALL) {
            if (field.wire().equals(wire)) {
                return field;
            }
        }
        return null;
    }

    private static String[] wireNames() {
        String[] names = new String[RecordField.ALL.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = RecordField.ALL[i].wire();
        }
        return names;
    }

    private static Map<String, String> randomHash(Random random, String[] fields) {
        Map<String, String> hash = new HashMap<>();
        int count = random.nextInt(fields.length + 6);
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(8) == 0 ? randomValue(random) : fields[random.nextInt(fields.length)];
            hash.put(name, randomValue(random));
        }
        return hash;
    }

    static String randomValue(Random random) {
        switch (random.nextInt(7)) {
            case 0:
                return TOKENS[random.nextInt(TOKENS.length)];
            case 1:
                return TOKENS[random.nextInt(TOKENS.length)] + TOKENS[random.nextInt(TOKENS.length)];
            case 2: {
                // What Redis hands back for bytes that were not UTF-8, decoded as Jedis decodes them.
                byte[] bytes = new byte[random.nextInt(24)];
                random.nextBytes(bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case 3: {
                StringBuilder sb = new StringBuilder();
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    sb.append((char) random.nextInt(0x3000));
                }
                return sb.toString();
            }
            case 4:
                return Long.toString(random.nextLong());
            case 5:
                return random.nextInt(50) == 0 ? "9".repeat(100_000) : Long.toString(System.currentTimeMillis()
                        - random.nextInt(1_000_000));
            default:
                return random.nextInt(40) == 0 ? "x\n".repeat(50_000) : "w-" + random.nextInt(100);
        }
    }
}

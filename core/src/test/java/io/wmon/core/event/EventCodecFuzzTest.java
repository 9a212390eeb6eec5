package io.wmon.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.test.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/**
 * Thousands of seeded hostile entries: random field sets, values that are not UTF-8, control and
 * separator characters, huge values, valid fields with one of them spoiled. Decoding never throws
 * and never reaches the codec's last resort; every reason and problem is one bounded line. The same
 * entries written to a real stream as raw bytes are read back by {@link EventStreamReader} whole:
 * as many entries as were added, each valid or invalid, none lost. A failure names the seed.
 */
@Timeout(60)
class EventCodecFuzzTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    static final long SEED = 0x5EED_E7E7L;
    private static final int CASES = 4_000;
    private static final int MAX_LINE = 200;
    private static final String[] NAMES = {EventCodec.TYPE, EventCodec.WORKER, EventCodec.FROM, EventCodec.TO,
        EventCodec.TS, EventCodec.DETAIL};
    private static final String[] TOKENS = {"", " ", "0", "-1", "1.5", "9223372036854775807", "9223372036854775808",
        "up", "state", "down", "stale", "breaker", "pool_exhausted", "leak", "STATE", "Up", "idle", "busy", "OPEN",
        "w-1", "w 1", "\u0000", "\n", "\r\n", "\t", "\u001b[31m", "\u001b]0;owned\u0007", "\u2028", "\u2029",
        "\u0085", "\u200e", "\u202e", "\uFEFF", "\uFFFD", "\uD800", "😀", "é"};

    @Test
    void hostileFieldMapsDecodeToAnEventOrOneLine_seed0x5EEDE7E7() {
        Random random = new Random(SEED);
        for (int n = 0; n < CASES; n++) {
            Map<String, String> fields = randomFields(random);
            DecodedEvent decoded = EventCodec.decode(EventId.of(n, 0), fields);
            checkDecoded(decoded, "seed " + Long.toHexString(SEED) + ", case " + n);
        }
    }

    @Test
    void hostileBytesInARealStreamAreAllReadBackValidOrInvalid_seed0x5EEDE7E8() {
        FleetKeys keys = FleetKeys.of("fuzz");
        Random random = new Random(SEED + 1);
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            jedis.del(keys.events());
            byte[] key = keys.events().getBytes(StandardCharsets.UTF_8);
            for (int n = 0; n < CASES; n++) {
                jedis.xadd(key, redis.clients.jedis.params.XAddParams.xAddParams(), randomBytes(random));
            }
            EventStreamReader reader = new EventStreamReader(keys);
            List<DecodedEvent> all = new ArrayList<>();
            EventId after = EventId.ZERO;
            EventBatch batch;
            do {
                batch = reader.readAfter(jedis, after, 0);
                all.addAll(batch.entries());
                after = batch.lastId();
            } while (!batch.isEmpty());

            assertThat(all).hasSize(CASES);
            all.forEach(decoded -> checkDecoded(decoded, "seed " + Long.toHexString(SEED + 1) + ", " + decoded.id()));
            assertThat(all).anyMatch(DecodedEvent::isValid).anyMatch(decoded -> !decoded.isValid());
        }
    }

    private static void checkDecoded(DecodedEvent decoded, String replay) {
        assertThat(decoded).as(replay).isNotNull();
        assertThat(decoded.invalidReason()).as(replay).doesNotStartWith("unreadable entry");
        if (decoded.isValid()) {
            assertThat(decoded.event().tsMillis()).as(replay).isNotNegative();
            decoded.problems().forEach(line -> assertOneLine(line, replay));
        } else {
            assertThat(decoded.invalidReason()).as(replay).isNotEmpty();
            assertOneLine(decoded.invalidReason(), replay);
        }
    }

    private static void assertOneLine(String line, String replay) {
        assertThat(line).as(replay).hasSizeLessThan(MAX_LINE);
        assertThat(line.chars()).as(replay + ": " + line).noneMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                || Character.getType(c) == Character.FORMAT);
    }

    private static Map<String, String> randomFields(Random random) {
        Map<String, String> fields = new HashMap<>();
        if (random.nextBoolean()) {
            fields.putAll(EventCodec.encode(FleetEvent.of(EventType.values()[random.nextInt(EventType.values().length)],
                    "w-" + random.nextInt(9), "idle", "busy", System.currentTimeMillis(), "job")));
        }
        int count = random.nextInt(NAMES.length + 3);
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(6) == 0 ? randomText(random) : NAMES[random.nextInt(NAMES.length)];
            fields.put(name, randomText(random));
        }
        return fields;
    }

    /** Field names and values as raw bytes: most of the time a near-valid entry, the rest random. */
    private static Map<byte[], byte[]> randomBytes(Random random) {
        Map<byte[], byte[]> raw = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : randomFields(random).entrySet()) {
            byte[] value = random.nextInt(5) == 0 ? bytes(random) : field.getValue().getBytes(StandardCharsets.UTF_8);
            raw.put(field.getKey().getBytes(StandardCharsets.UTF_8), value);
        }
        if (raw.isEmpty()) {
            raw.put(bytes(random), bytes(random)); // XADD needs a field; give it a random one
        }
        return raw;
    }

    private static byte[] bytes(Random random) {
        byte[] bytes = new byte[random.nextInt(random.nextInt(50) == 0 ? 100_000 : 32) + 1];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String randomText(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return TOKENS[random.nextInt(TOKENS.length)];
            case 1:
                return TOKENS[random.nextInt(TOKENS.length)] + TOKENS[random.nextInt(TOKENS.length)];
            case 2:
                return new String(bytes(random), StandardCharsets.UTF_8);
            case 3: {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    text.append((char) random.nextInt(0x3000));
                }
                return text.toString();
            }
            default:
                return random.nextInt(30) == 0 ? "x\n".repeat(20_000) : Long.toString(random.nextLong());
        }
    }
}

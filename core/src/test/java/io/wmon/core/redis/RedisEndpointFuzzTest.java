package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of seeded random Redis URLs, each with a password made for it, through
 * {@link RedisEndpoint#parse}: the result is an endpoint or an {@link InvalidEndpointException},
 * never another exception; the message is one bounded line; and neither the message nor a parsed
 * endpoint's printed forms ever show the password. A failure names the seed and the case.
 */
@Timeout(10)
class RedisEndpointFuzzTest {

    static final long SEED = 0x5EED_0AB1L;
    private static final int CASES = 10_000;
    private static final String[] SCHEMES = {"redis://", "rediss://", "REDIS://", "http://", "redis:/", "redis:",
        "", "//", "redis-sentinel://", "rediss:///", "red is://"};
    private static final String[] HOSTS = {"cache", "127.0.0.1", "[::1]", "[fe80::1%eth0]", "::1", "", " ",
        "h\nost", "höst", "a..b", "-x-", "cache.example.com", "[", "]", "%41", "h:1:2", "h,h2", "😀"};
    private static final String[] PORTS = {"", ":6379", ":0", ":65535", ":65536", ":-1", ":99999999999", ":x",
        ":", "::", ":6379:1", ": 1", ":\t1"};
    private static final String[] TAILS = {"", "/", "/0", "/15", "/16000", "/x", "/1/2", "?a=b", "#f", "/%00",
        "/\n", " ", "@", "@h", "/@", ",h2:26379"};
    private static final String SPECIAL = "@:/%,;?#[]\\ \n\r\t\u0000\u2028+=~";

    @Test
    void randomUrlsParseOrFailInOneLineWithoutThePassword_seed0x5EED0AB1() {
        Random random = new Random(SEED);
        for (int n = 0; n < CASES; n++) {
            String secret = secret(random);
            String url = url(random, secret);
            String replay = "seed " + Long.toHexString(SEED) + ", case " + n;
            try {
                RedisEndpoint endpoint = RedisEndpoint.parse(url);
                assertThat(endpoint.port()).as(replay).isBetween(1, 65_535);
                assertThat(endpoint.host()).as(replay).isNotEmpty();
                assertThat(endpoint.redacted()).as(replay).doesNotContain(secret);
                assertThat(endpoint.toString()).as(replay).doesNotContain(secret);
            } catch (InvalidEndpointException e) {
                String message = e.getMessage();
                assertThat(message).as(replay).startsWith("invalid Redis URL '").hasSizeLessThan(400)
                        .doesNotContain(secret);
                assertThat(message.chars()).as(replay + ": " + message)
                        .noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
            }
            assertThat(RedisEndpoint.redactUrl(url)).as(replay).doesNotContain(secret);
        }
    }

    /** A password no other part of a URL can contain by chance: a fixed head, random letters, special characters. */
    private static String secret(Random random) {
        StringBuilder sb = new StringBuilder("Pw");
        for (int i = 0; i < 10; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        int specials = random.nextInt(3);
        for (int i = 0; i < specials; i++) {
            sb.insert(2 + random.nextInt(sb.length() - 2), SPECIAL.charAt(random.nextInt(SPECIAL.length())));
        }
        return sb.toString();
    }

    private static String url(Random random, String secret) {
        String user = random.nextBoolean() ? "" : random.nextBoolean() ? "app" : "u%3Ax";
        String userInfo;
        switch (random.nextInt(4)) {
            case 0:
                userInfo = user + ":" + secret + "@";
                break;
            case 1:
                userInfo = ":" + secret + "@";
                break;
            case 2:
                userInfo = secret + "@"; // the password-only shorthand
                break;
            default:
                userInfo = user + ":" + secret + "@" + (random.nextBoolean() ? "x@" : "");
        }
        String url = pick(random, SCHEMES) + userInfo + pick(random, HOSTS) + pick(random, PORTS) + pick(random, TAILS);
        if (random.nextInt(20) == 0) {
            url = url + "x".repeat(random.nextInt(3000));
        }
        return random.nextInt(10) == 0 ? " " + url + "\n" : url;
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}

package io.wmon.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of seeded random option strings and environments through {@link AgentOptions#parse}:
 * known keys in the wrong case, unknown keys, bad and good values, escapes, control characters,
 * Redis URLs and environment variables carrying a password made for the case. The result is a
 * value whose start-up line is one line without the password, or an {@link AgentConfigException}
 * whose message is one bounded line without it; nothing else escapes. A failure names the seed and
 * the case.
 */
@Timeout(20)
class AgentOptionsFuzzTest {

    static final long SEED = 0x5EED_A6E7L;
    private static final int CASES = 4_000;
    private static final String[] KEYS = {"redis", "namespace", "id", "interval", "poolMaxTotal", "fleet",
        "passwordFile", "leakThreshold", "redisPorts", "config", "mode", "tlsTrustStore", "tlsTrustStorePasswordFile",
        "tlsKeyStore", "tlsKeyStorePasswordFile", "Redis", "namepsace", "password", "", " ", "x", "tls", "k\n"};
    private static final String[] VALUES = {"", " ", "5s", "500ms", "0s", "1h", "2h", "5", "5x", "4", "0", "65",
        "-1", "99999999999", "true", "false", "TRUE", "start", "stop", "prod", "a b", "w-7", "w:7@h", "6379+6380",
        "6379,6380", "+", "0+1", "/nonexistent/file", ".", "\\", "\\,", "\\\\", "=", "==", "\u0000", "\n", "\t",
        "\u2028", "😀", "\uD800", "x".repeat(1100), "redis://cache", "rediss://cache:6380", "http://x"};
    private static final String SPECIAL = "@:/%,;=\\ \n\t\u0000";

    @TempDir
    static Path dir;

    @Test
    void randomOptionStringsParseOrFailInOneLineWithoutThePassword_seed0x5EEDA6E7() throws IOException {
        Random random = new Random(SEED);
        Path passwordFile = Files.writeString(dir.resolve("pw"), "FilePwQzq\n");
        for (int n = 0; n < CASES; n++) {
            List<String> secrets = new ArrayList<>();
            secrets.add("FilePwQzq");
            String args = optionString(random, secrets, passwordFile);
            Map<String, String> env = environment(random, secrets);
            String replay = "seed " + Long.toHexString(SEED) + ", case " + n;
            try {
                AgentOptions options = AgentOptions.parse(args, env);
                String line = options.describe();
                assertOneLine(line, replay, secrets, Integer.MAX_VALUE);
                assertThat(options.redis().redacted()).as(replay).doesNotContain(secrets);
            } catch (AgentConfigException e) {
                assertThat(e.getMessage()).as(replay).startsWith(AgentConfigException.PREFIX);
                assertThat(e).as(replay).hasNoCause();
                assertOneLine(e.getMessage(), replay, secrets, 600);
            }
        }
    }

    private static void assertOneLine(String line, String replay, List<String> secrets, int maxLength) {
        assertThat(line).as(replay).hasSizeLessThan(maxLength);
        for (String secret : secrets) {
            assertThat(line).as(replay).doesNotContain(secret);
        }
        assertThat(line.chars()).as(replay + ": " + line)
                .noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
    }

    private static String optionString(Random random, List<String> secrets, Path passwordFile) {
        int count = random.nextInt(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(random.nextInt(15) == 0 ? ",," : ",");
            }
            int kind = random.nextInt(10);
            if (kind < 3) {
                sb.append("redis=").append(url(random, secrets));
            } else if (kind == 3) {
                sb.append("passwordFile=").append(random.nextBoolean() ? passwordFile : "/nonexistent/pw");
            } else if (kind == 4) {
                sb.append(pick(random, VALUES)); // a segment without '=', or a bare value
            } else {
                sb.append(pick(random, KEYS)).append('=').append(pick(random, VALUES));
            }
        }
        return random.nextInt(25) == 0 ? null : sb.toString();
    }

    /** A URL with a password in it, the password remembered; sometimes with an unescaped comma in the password. */
    private static String url(Random random, List<String> secrets) {
        String secret = secret(random);
        secrets.add(secret);
        String scheme = random.nextBoolean() ? "redis://" : random.nextBoolean() ? "rediss://" : "redis:";
        String user = random.nextBoolean() ? "" : "app";
        String host = random.nextBoolean() ? "cache" : random.nextBoolean() ? "[::1]" : "";
        return scheme + user + ":" + secret + "@" + host + (random.nextBoolean() ? ":6380" : "")
                + (random.nextInt(6) == 0 ? "/x" : "");
    }

    private static String secret(Random random) {
        StringBuilder sb = new StringBuilder("UrlPw");
        for (int i = 0; i < 8; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        if (random.nextInt(3) == 0) {
            // A special character in the middle; the head before it must still never show.
            sb.insert(5 + random.nextInt(8), SPECIAL.charAt(random.nextInt(SPECIAL.length())));
        }
        return sb.toString();
    }

    private static Map<String, String> environment(Random random, List<String> secrets) {
        Map<String, String> env = new HashMap<>();
        env.put("HOSTNAME", random.nextInt(10) == 0 ? "bad host\n" : "node-1");
        if (random.nextBoolean()) {
            String secret = "EnvPw" + random.nextInt(1_000_000) + (random.nextInt(4) == 0 ? "\n," : "");
            secrets.add(secret);
            env.put("WMON_REDIS_PASSWORD", random.nextInt(30) == 0 ? secret + "y".repeat(2000) : secret);
        }
        if (random.nextInt(4) == 0) {
            env.put("WMON_REDIS_URL", url(random, secrets));
        }
        if (random.nextInt(4) == 0) {
            env.put("WMON_NAMESPACE", pick(random, VALUES));
        }
        if (random.nextInt(4) == 0) {
            env.put("WMON_ID", pick(random, VALUES));
        }
        return env;
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}

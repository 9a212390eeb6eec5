package io.wmon.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.wmon.core.redis.RedisEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input gives one clear line; the agent would stay disabled and the host keep running. */
class AgentOptionsErrorTest {

    private static final Map<String, String> ENV = Map.of("HOSTNAME", "node-1");
    private static final String KEYS = "redis, namespace, id, interval, poolMaxTotal, fleet, passwordFile, sentinelPasswordFile, "
            + "sentinelUser, tlsTrustStore, tlsTrustStorePasswordFile, tlsKeyStore, tlsKeyStorePasswordFile, "
            + "leakThreshold, redisPorts, config, mode";
    private static final String URL_FORMS = "accepted forms: " + RedisEndpoint.ACCEPTED_FORMS;
    private static final String NO_EQUALS_AFTER_REDIS = "an option after redis= has no '=' (not shown: it may be part "
            + "of the URL); write key=value, and a comma inside a value as \\,";

    @TempDir
    Path dir;

    /** The message of the error {@code args} cause, checked to be one prefixed, short line. */
    static String error(String args, Map<String, String> env) {
        Throwable thrown = catchError(args, env);
        assertThat(thrown).isExactlyInstanceOf(AgentConfigException.class).hasNoCause();
        String message = thrown.getMessage();
        assertThat(message).startsWith("wmon agent disabled: ").hasSizeLessThan(400);
        assertThat(message.chars()).noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
        return message;
    }

    static String error(String args) {
        return error(args, ENV);
    }

    private static Throwable catchError(String args, Map<String, String> env) {
        try {
            AgentOptions.parse(args, env);
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("no error for " + args);
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                // unknown keys, with a suggestion when one is near
                Arguments.of("namepsace=prod", "unknown key 'namepsace'; did you mean namespace?"),
                Arguments.of("Namespace=prod", "unknown key 'Namespace'; did you mean namespace?"),
                Arguments.of("poolmaxtotal=2", "unknown key 'poolmaxtotal'; did you mean poolMaxTotal?"),
                Arguments.of("intervall=5s", "unknown key 'intervall'; did you mean interval?"),
                Arguments.of("password=hunter2", "unknown key 'password'; did you mean passwordFile?"),
                Arguments.of("colour=red", "unknown key 'colour'; known keys: " + KEYS),
                // syntax
                Arguments.of("namespace=prod,fleet", "option 'fleet' has no '='; write key=value, and a comma inside a value as \\,"),
                Arguments.of("fleet,namespace=prod", "option 'fleet' has no '='; write key=value, and a comma inside a value as \\,"),
                Arguments.of("id=a\\,b", "id='a,b' is not a valid worker id; use 1-128 characters from A-Z a-z 0-9 . _ - : @"),
                Arguments.of("=prod", "an option has nothing before '='; write key=value"),
                Arguments.of("id=a,id=b", "id is given twice; give each key once"),
                Arguments.of("id=a, id =a", "id is given twice; give each key once"),
                Arguments.of("namespace=", "namespace has an empty value; give a value or leave the key out"),
                Arguments.of("namespace=  ,id=x", "namespace has an empty value; give a value or leave the key out"),
                // numbers
                Arguments.of("poolMaxTotal=four", "poolMaxTotal='four' is not a whole number; use a number in 1..64"),
                Arguments.of("poolMaxTotal=-1", "poolMaxTotal='-1' is not a whole number; use a number in 1..64"),
                Arguments.of("poolMaxTotal=1.5", "poolMaxTotal='1.5' is not a whole number; use a number in 1..64"),
                Arguments.of("poolMaxTotal=0", "poolMaxTotal='0' is out of range; use a number in 1..64"),
                Arguments.of("poolMaxTotal=65", "poolMaxTotal='65' is out of range; use a number in 1..64"),
                Arguments.of("poolMaxTotal=99999999999999999999999",
                        "poolMaxTotal='99999999999999999999999' is out of range; use a number in 1..64"),
                Arguments.of("leakThreshold=0x20", "leakThreshold='0x20' is not a whole number; use a number in 1..65535"),
                Arguments.of("leakThreshold=0", "leakThreshold='0' is out of range; use a number in 1..65535"),
                Arguments.of("leakThreshold=65536", "leakThreshold='65536' is out of range; use a number in 1..65535"),
                // durations
                Arguments.of("interval=5x", "interval='5x' is not a duration; use e.g. 500ms, 5s, 2m"),
                Arguments.of("interval=5", "interval='5' has no unit; use e.g. 500ms, 5s, 2m"),
                Arguments.of("interval=5S", "interval='5S' is not a duration; use e.g. 500ms, 5s, 2m"),
                Arguments.of("interval=1.5s", "interval='1.5s' is not a duration; use e.g. 500ms, 5s, 2m"),
                Arguments.of("interval=-5s", "interval='-5s' is not a duration; use e.g. 500ms, 5s, 2m"),
                Arguments.of("interval=PT5S", "interval='PT5S' is not a duration; use e.g. 500ms, 5s, 2m"),
                Arguments.of("interval=999ms", "interval='999ms' is out of range; use a duration in 1s..1h"),
                Arguments.of("interval=61m", "interval='61m' is out of range; use a duration in 1s..1h"),
                Arguments.of("interval=9999999999h", "interval='9999999999h' is not a duration; use e.g. 500ms, 5s, 2m"),
                // booleans and modes
                Arguments.of("fleet=yes", "fleet='yes' is not a boolean; use true or false"),
                Arguments.of("fleet=TRUE", "fleet='TRUE' is not a boolean; use true or false"),
                Arguments.of("mode=restart", "mode='restart' is not a mode; use start or stop"),
                Arguments.of("mode=STOP", "mode='STOP' is not a mode; use start or stop"),
                // ports
                Arguments.of("redisPorts=6379;6380",
                        "redisPorts='6379;6380' is not a list of ports; use e.g. 6379+6380 (ports 1..65535 joined with '+')"),
                Arguments.of("redisPorts=6379++6380",
                        "redisPorts='6379++6380' has an empty entry; use e.g. 6379+6380 (ports 1..65535 joined with '+')"),
                Arguments.of("redisPorts=0",
                        "redisPorts='0' has a port out of range; use e.g. 6379+6380 (ports 1..65535 joined with '+')"),
                Arguments.of("redisPorts=6379+65536",
                        "redisPorts='6379+65536' has a port out of range; use e.g. 6379+6380 (ports 1..65535 joined with '+')"),
                // namespace and id, in FleetKeys' forms
                Arguments.of("namespace=my ns", "namespace='my ns' is not a valid namespace; use 1-64 characters from A-Z a-z 0-9 . _ -"),
                Arguments.of("namespace={prod}", "namespace='{prod}' is not a valid namespace; use 1-64 characters from A-Z a-z 0-9 . _ -"),
                Arguments.of("id=w 7", "id='w 7' is not a valid worker id; use 1-128 characters from A-Z a-z 0-9 . _ - : @"),
                Arguments.of("id=" + "w".repeat(129), "id='" + "w".repeat(60)
                        + "...' is not a valid worker id; use 1-128 characters from A-Z a-z 0-9 . _ - : @"),
                // Redis URLs: the parser's reason, with the URL redacted, cut and escaped by the parser
                Arguments.of("redis=http://cache:6379", "redis: invalid Redis URL 'http://cache:6379' "
                        + "(scheme must be redis, rediss, redis-sentinel or redis-cluster); " + URL_FORMS),
                Arguments.of("redis=redis://cache:6379/x", "redis: invalid Redis URL 'redis://cache:6379/x' "
                        + "(database must be a number after the slash, like /0); " + URL_FORMS),
                Arguments.of("redis=redis://cache:6379,fleet", NO_EQUALS_AFTER_REDIS),
                Arguments.of("redis=redis://cache:6379,cache2:6379", NO_EQUALS_AFTER_REDIS),
                Arguments.of("redis=redis-sentinel://h1:26379,h2:26379/main,namespace=x", NO_EQUALS_AFTER_REDIS),
                Arguments.of("redis=redis://cache:6379\\,cache2:6379", "redis: invalid Redis URL "
                        + "'redis://cache:6379,cache2:6379' (no host, or a port that is not a number); " + URL_FORMS),
                Arguments.of("redis=redis-sentinel://h1:26379\\,h2:26379,namespace=x", "redis: invalid Redis URL "
                        + "'redis-sentinel://h1:26379,h2:26379' (name the master after the sentinels, like /mymaster); "
                        + URL_FORMS),
                Arguments.of("redis=redis-cluster://h1:7000\\,h2:7001/3", "redis: invalid Redis URL "
                        + "'redis-cluster://h1:7000,h2:7001/3' (Redis Cluster has database 0 only); " + URL_FORMS),
                Arguments.of("redis=redis-cluster://h1:7000\\,", "redis: invalid Redis URL "
                        + "'redis-cluster://h1:7000,' (each node must be host[:port], separated by commas); " + URL_FORMS),
                Arguments.of("redis=redis://h/" + "0".repeat(100), "redis: invalid Redis URL "
                        + "'redis://h/" + "0".repeat(50) + "...' (database must be a number after the slash, like /0); "
                        + URL_FORMS),
                Arguments.of("redis=cache:6379", "redis: invalid Redis URL 'cache:6379' "
                        + "(scheme must be redis, rediss, redis-sentinel or redis-cluster); " + URL_FORMS));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionGivesOneClearLine(String args, String expected) {
        assertThat(error(args)).isEqualTo("wmon agent disabled: " + expected);
    }

    @Test
    void theContractsExampleMessage() {
        assertThat(error("interval=5x")).isEqualTo("wmon agent disabled: interval='5x' is not a duration; use e.g. 500ms, 5s, 2m");
    }

    @Test
    void aHugeValueIsRejectedWithACutMessage() {
        String message = error("interval=" + "9".repeat(100_000));

        assertThat(message).isEqualTo("wmon agent disabled: interval='" + "9".repeat(60)
                + "...' is too long; use at most 1024 characters");
    }

    @Test
    void aHugeRedisUrlIsRejectedQuicklyEvenWhenFullOfCommas() {
        assertThat(error("redis=redis://" + "h:1\\,".repeat(25_000)))
                .startsWith("wmon agent disabled: redis='redis://h:1,h:1,").contains("is too long");
        assertThat(error("redis=redis://" + "h:1,".repeat(25_000))).isEqualTo("wmon agent disabled: " + NO_EQUALS_AFTER_REDIS);
    }

    @Test
    void aHugeKeyOrSegmentIsCut() {
        assertThat(error("k".repeat(100_000) + "=1")).isEqualTo("wmon agent disabled: unknown key '"
                + "k".repeat(60) + "...'; known keys: " + KEYS);
        assertThat(error("x".repeat(100_000))).isEqualTo("wmon agent disabled: option '"
                + "x".repeat(60) + "...' has no '='; write key=value, and a comma inside a value as \\,");
    }

    @Test
    void controlCharactersAreMadeVisible() {
        assertThat(error("namespace=a\nb\u0007c\u202ed")).isEqualTo("wmon agent disabled: namespace='a\\nb\\u0007c\\u202ed' "
                + "is not a valid namespace; use 1-64 characters from A-Z a-z 0-9 . _ -");
        assertThat(error("name\u0007space=x")).isEqualTo("wmon agent disabled: unknown key 'name\\u0007space'; "
                + "did you mean namespace?");
    }

    @Test
    void anInvalidPathIsNamed() {
        assertThat(error("config=a\u0000b")).isEqualTo(
                "wmon agent disabled: config='a\\u0000b' is not a valid path; use the path of a readable file");
    }

    // --- config file -------------------------------------------------------------------------

    @Test
    void aMissingConfigFileIsNamed() {
        Path missing = dir.resolve("nope.properties");

        assertThat(error("config=" + missing)).isEqualTo("wmon agent disabled: config='" + missing
                + "' cannot be read (no such file); use the path of a readable file");
    }

    @Test
    void aDirectoryIsNotAConfigFile() {
        assertThat(error("config=" + dir)).isEqualTo("wmon agent disabled: config='" + dir
                + "' cannot be read (not a regular file); use the path of a readable file");
    }

    @Test
    void aHugeConfigFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("big.properties"), "#" + "x".repeat(70_000));

        assertThat(error("config=" + file)).isEqualTo("wmon agent disabled: config='" + file
                + "' is larger than 65536 bytes; use the path of a readable file");
    }

    @Test
    void aConfigFileThatIsNotPropertiesIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.properties"), "id=\\uZZZZ\n");

        assertThat(error("config=" + file)).isEqualTo("wmon agent disabled: config='" + file
                + "' is not a properties file; use key=value lines");
    }

    @Test
    void badValuesInTheConfigFileSaySo() throws Exception {
        Path file = Files.writeString(dir.resolve("wmon.properties"), "interval=5x\n");
        String in = " (in config file " + file + ")";

        assertThat(error("config=" + file)).isEqualTo(
                "wmon agent disabled: interval='5x' is not a duration; use e.g. 500ms, 5s, 2m" + in);
        assertThat(configError("namepsace=x\n")).endsWith("unknown key 'namepsace'; did you mean namespace?" + in);
        assertThat(configError("id=a\nid=b\n")).endsWith("id is given twice; give each key once" + in);
        assertThat(configError("namespace=\n")).endsWith("namespace has an empty value; give a value or leave the key out" + in);
        assertThat(configError("config=other.properties\n")).endsWith("config cannot be set inside a config file; name one file" + in);
        assertThat(configError("redis=ftp://h\n")).endsWith("(scheme must be redis, rediss, redis-sentinel or redis-cluster); " + URL_FORMS + in);
        assertThat(configError("namespace=a b\n")).endsWith("namespace='a b' is not a valid namespace; use 1-64 characters from A-Z a-z 0-9 . _ -" + in);
        assertThat(configError("redisPorts=1;2\n")).endsWith("is not a list of ports; use e.g. 6379+6380 (ports 1..65535 joined with '+')" + in);
    }

    private String configError(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("wmon.properties"), text);
        return error("config=" + file);
    }

    @Test
    void theOptionStringIsCheckedBeforeTheConfigFileIsRead() {
        assertThat(error("config=/does/not/exist,namepsace=x")).contains("did you mean namespace?");
    }

    // --- environment -------------------------------------------------------------------------

    @Test
    void badEnvironmentValuesSaySo() {
        assertThat(error(null, Map.of("WMON_NAMESPACE", "bad ns"))).isEqualTo("wmon agent disabled: namespace='bad ns' "
                + "is not a valid namespace; use 1-64 characters from A-Z a-z 0-9 . _ - (from environment variable WMON_NAMESPACE)");
        assertThat(error(null, Map.of("WMON_ID", "a/b"))).isEqualTo("wmon agent disabled: id='a/b' is not a valid "
                + "worker id; use 1-128 characters from A-Z a-z 0-9 . _ - : @ (from environment variable WMON_ID)");
        assertThat(error(null, Map.of("WMON_REDIS_URL", "localhost:6379"))).isEqualTo("wmon agent disabled: redis: "
                + "invalid Redis URL 'localhost:6379' (scheme must be redis, rediss, redis-sentinel or redis-cluster); " + URL_FORMS
                + " (from environment variable WMON_REDIS_URL)");
        assertThat(error(null, Map.of("WMON_ID", "i".repeat(5000)))).isEqualTo("wmon agent disabled: id='"
                + "i".repeat(60) + "...' is too long; use at most 1024 characters (from environment variable WMON_ID)");
    }

    // --- password file -----------------------------------------------------------------------

    @Test
    void aSentinelPasswordFileNeedsASentinelUrl() throws Exception {
        Path file = Files.writeString(dir.resolve("sentinel.pw"), "S3ntinelS3cret\n");

        assertThat(error("redis=redis://h,sentinelPasswordFile=" + file)).isEqualTo("wmon agent disabled: "
                + "sentinelPasswordFile='" + file + "' is given, but redis is no Redis Sentinel URL; use it with "
                + "redis=redis-sentinel://host:26379/<master>").doesNotContain("S3cret");
    }

    @Test
    void aSentinelUserNeedsASentinelUrlAPasswordAndAName() throws Exception {
        Path file = Files.writeString(dir.resolve("sentinel.pw"), "S3ntinelS3cret\n");
        String sentinel = "redis=redis-sentinel://s1:26379\\,s2:26379/jobs";

        assertThat(error("redis=redis://h,sentinelUser=watcher")).isEqualTo("wmon agent disabled: sentinelUser='watcher'"
                + " is given, but redis is no Redis Sentinel URL; use it with redis=redis-sentinel://host:26379/<master>");
        assertThat(error(sentinel + ",sentinelUser=watcher")).isEqualTo("wmon agent disabled: sentinelUser names the"
                + " sentinels' ACL user watcher, but no sentinel password is given (sentinelPasswordFile or"
                + " WMON_SENTINEL_PASSWORD)");
        assertThat(error(sentinel + ",sentinelPasswordFile=" + file + ",sentinelUser=wat cher")).isEqualTo(
                "wmon agent disabled: sentinelUser holds a space, a control or a format character (at 4); an ACL user name has none");
        assertThat(error(sentinel + ",sentinelPasswordFile=" + file, Map.of("HOSTNAME", "n", "WMON_SENTINEL_USER",
                "x".repeat(129)))).isEqualTo("wmon agent disabled: WMON_SENTINEL_USER is 129 characters long;"
                + " an ACL user name here is at most 128").doesNotContain("S3cret");
    }

    @Test
    void aMissingOrEmptySentinelPasswordFileIsNamed() throws Exception {
        Path missing = dir.resolve("sentinel.pw");
        String sentinel = "redis=redis-sentinel://s1:26379\\,s2:26379/jobs,sentinelPasswordFile=";

        assertThat(error(sentinel + missing)).isEqualTo("wmon agent disabled: sentinelPasswordFile='" + missing
                + "' cannot be read (no such file); use the path of a readable file");
        Path empty = Files.writeString(dir.resolve("empty.pw"), "\n");
        assertThat(error(sentinel + empty)).isEqualTo("wmon agent disabled: sentinelPasswordFile='" + empty
                + "' is empty; use a file holding the sentinels' password");
    }

    @Test
    void aMissingPasswordFileIsNamed() {
        Path missing = dir.resolve("redis.pw");

        assertThat(error("passwordFile=" + missing)).isEqualTo("wmon agent disabled: passwordFile='" + missing
                + "' cannot be read (no such file); use the path of a readable file");
    }

    @Test
    void aDirectoryIsNotAPasswordFile() {
        assertThat(error("passwordFile=" + dir)).isEqualTo("wmon agent disabled: passwordFile='" + dir
                + "' cannot be read (not a regular file); use the path of a readable file");
    }

    @Test
    void aDeviceIsNotReadAsAPasswordFile() {
        Path zero = Path.of("/dev/zero");
        assumeThat(Files.exists(zero)).isTrue();

        assertThat(error("passwordFile=/dev/zero")).isEqualTo("wmon agent disabled: passwordFile='/dev/zero' "
                + "cannot be read (not a regular file); use the path of a readable file");
    }

    @Test
    void anUnreadablePasswordFileIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("redis.pw"), "Unre4dableS3cret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(file)).as("not running as root").isFalse();

        assertThat(error("passwordFile=" + file)).isEqualTo("wmon agent disabled: passwordFile='" + file
                + "' cannot be read (permission denied); use the path of a readable file");
    }

    @Test
    void anEmptyPasswordFileIsAMistake() throws Exception {
        Path file = Files.writeString(dir.resolve("redis.pw"), "\n");

        assertThat(error("passwordFile=" + file)).isEqualTo("wmon agent disabled: passwordFile='" + file
                + "' is empty; use a file holding the Redis password");
    }

    @Test
    void aPasswordFileThatIsNotUtf8IsNamedNotShown() throws Exception {
        Path file = Files.write(dir.resolve("redis.pw"), new byte[] {'S', '3', 'c', (byte) 0xff, 'X'});

        assertThat(error("passwordFile=" + file)).isEqualTo("wmon agent disabled: passwordFile='" + file
                + "' is not UTF-8 text; use a UTF-8 text file");
    }

    @Test
    void aHugePasswordFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("redis.pw"), "S3cret".repeat(1000));

        assertThat(error("passwordFile=" + file)).isEqualTo("wmon agent disabled: passwordFile='" + file
                + "' is larger than 4096 bytes; use the path of a readable file").doesNotContain("S3cret");
    }

    @Test
    void aHugePasswordInTheEnvironmentIsRefusedWithoutShowingIt() {
        assertThat(error(null, Map.of("WMON_REDIS_PASSWORD", "S3cret".repeat(1000))))
                .isEqualTo("wmon agent disabled: WMON_REDIS_PASSWORD is too long; use at most 1024 characters");
    }

    // --- a password never shown --------------------------------------------------------------

    static Stream<String> urlsWithSecrets() {
        return Stream.of(
                "redis=redis://:S3cret@cache:port",           // bad port
                "redis=redis://app:S3cret@cache:6379/db",     // bad database
                "redis=http://app:S3cret@cache",              // bad scheme
                "redis=redis://:S3c@ret@cache:x",             // '@' in the password
                "redis=redis://:S3c/ret@cache",               // '/' in the password
                "redis=redis://:S3c#ret@cache",               // '#' in the password
                "redis=redis://:S3c ret@cache",               // space in the password
                "redis=redis://:S3cret",                      // forgot @host
                "redis=redis://:S3c,ret@cache:x",             // ',' in the password, not escaped
                "redis=redis://:S3c\\,ret@cache:x",            // ',' in the password, escaped
                "redis=redis://:S3c\\ret@cache",               // '\\' in the password
                "redis=redis://u:S3c\\,ret",                   // forgot @host, ',' in the password
                "redis=redis://:S3c\nret@cache",              // control character in the password
                "redis=redis://:" + "S3cret".repeat(300) + "@cache", // too long
                "redis=redis://:S3cret@cache,redis=redis://:S3cret@cache", // twice
                "redis=redis://:S3cret@cache,interval=5x",    // another key is bad
                "redis=redis://:S3c,ret=@cache");             // ',' and '=' in the password: not supported, not shown
    }

    @ParameterizedTest
    @MethodSource("urlsWithSecrets")
    void noErrorShowsAPasswordFromTheUrl(String args) {
        String message = error(args);

        assertThat(message).doesNotContain("S3c").doesNotContain("ret@").doesNotContain("ret=");
    }

    @Test
    void noErrorShowsAPasswordFromAFileOrTheEnvironment() throws Exception {
        Path pw = Files.writeString(dir.resolve("redis.pw"), "FileS3cret\n");
        Map<String, String> env = Map.of("WMON_REDIS_PASSWORD", "EnvS3cret", "HOSTNAME", "n");

        assertThat(error("passwordFile=" + pw + ",interval=5x", env)).doesNotContain("S3cret");
        assertThat(error("passwordFile=" + pw + ",redis=redis://h:x", env)).doesNotContain("S3cret");
        assertThat(error("redis=redis://h:x", env)).doesNotContain("S3cret");
        assertThat(error("passwordFile=" + pw + ",mode=x", env)).doesNotContain("S3cret");
    }

    @Test
    void theExceptionCarriesNoCauseThatCouldLeakTheUrl() {
        assertThatThrownBy(() -> AgentOptions.parse("redis=redis://:S3c/ret@h", ENV)).hasNoCause();
    }

    @Test
    void everyKeyRejectsAnEmptyValue() {
        StringJoiner failures = new StringJoiner("\n");
        for (OptionKey key : OptionKey.values()) {
            String message = error(key.key() + "=");
            if (!message.equals("wmon agent disabled: " + key.key() + " has an empty value; give a value or leave the key out")) {
                failures.add(message);
            }
        }
        assertThat(failures.toString()).isEmpty();
    }
}

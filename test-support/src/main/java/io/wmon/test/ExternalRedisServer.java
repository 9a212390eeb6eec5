package io.wmon.test;

import java.net.URI;
import java.net.URISyntaxException;
import org.opentest4j.TestAbortedException;

/**
 * A Redis server run by someone else (CI service, developer's instance), named by a URL.
 *
 * <p>It is used as is and never stopped, paused or flushed behind its owner's back by these
 * operations: every fault operation aborts the calling test, so fault tests are reported as
 * skipped rather than failed. Pausing is not emulated with {@code CLIENT PAUSE ... ALL} because
 * Redis then postpones every command of every normal client, {@code CLIENT UNPAUSE} included:
 * the pause could not be lifted before its timeout, and other users of the server would hang.
 */
final class ExternalRedisServer implements RedisServerBackend {

    /** Port used when the URL names none, as Redis clients do. */
    private static final int DEFAULT_PORT = 6379;

    private final String url;
    private final String host;
    private final int port;

    ExternalRedisServer(String url) {
        URI uri = parse(url);
        if (uri.getHost() == null || !("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("not a redis:// or rediss:// URL with a host: " + redacted(url));
        }
        this.url = url;
        this.host = uri.getHost();
        this.port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed Redis URL: " + redacted(url), e);
        }
    }

    @Override
    public String kind() {
        return "external";
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String url() {
        return url;
    }

    /** Nothing to bring up: the server belongs to someone else. */
    @Override
    public void open() {
    }

    @Override
    public void start() {
        throw unsupported("start");
    }

    @Override
    public void stop() {
        throw unsupported("stop");
    }

    @Override
    public void pause() {
        throw unsupported("pause");
    }

    @Override
    public void resume() {
        throw unsupported("resume");
    }

    /** Leaves the external server running. */
    @Override
    public void close() {
    }

    private TestAbortedException unsupported(String operation) {
        return new TestAbortedException("cannot " + operation + " the external Redis server "
                + redacted(url) + "; run without REDIS_URL to get a server the tests own");
    }

    /** The URL without its password, for messages. */
    static String redacted(String url) {
        return url.replaceFirst("//[^@/]*@", "//***@");
    }
}

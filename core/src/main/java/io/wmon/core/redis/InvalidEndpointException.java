package io.wmon.core.redis;

/**
 * A Redis URL that wmon cannot use. The message is one line, ready to show: it names the URL as
 * {@link RedisEndpoint#redactUrl} shows it, cut after 60 characters, the reason and the accepted
 * forms, e.g. {@code invalid Redis URL 'http://****@cache' (scheme must be redis, rediss, redis-sentinel or redis-cluster);
 * accepted forms: redis://[user:password@]host[:port][/db] or rediss://...}.
 */
public class InvalidEndpointException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidEndpointException(String shownUrl, String reason) {
        super("invalid Redis URL '" + shownUrl + "' (" + reason + "); accepted forms: " + RedisEndpoint.ACCEPTED_FORMS);
    }
}

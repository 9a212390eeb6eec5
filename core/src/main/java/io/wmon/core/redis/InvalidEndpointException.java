package io.wmon.core.redis;

/** A Redis URL that wmon cannot use; the message names the URL (password redacted) and the accepted forms. */
public class InvalidEndpointException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    static final String ACCEPTED_FORMS =
            "redis://[user:password@]host[:port][/db] or rediss://[user:password@]host[:port][/db]";

    InvalidEndpointException(String redactedUrl, String reason) {
        super("invalid Redis URL '" + redactedUrl + "' (" + reason + "); accepted forms: " + ACCEPTED_FORMS);
    }
}

package io.wmon.cli.command.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.naming.ServiceUnavailableException;
import org.junit.jupiter.api.Test;

/** The one line a failed JMX connection becomes, for the failures RMI and JNDI nest deepest. */
class JmxFailuresTest {

    @Test
    void aRefusedRegistryLookupSaysConnectionRefused() {
        ServiceUnavailableException naming = new ServiceUnavailableException();
        naming.setRootCause(new java.rmi.ConnectException("Connection refused to host: 127.0.0.1",
                new ConnectException("Connection refused")));
        IOException failure = new IOException("Failed to retrieve RMIServer stub: " + naming, naming);

        assertThat(JmxFailures.describe(failure, "127.0.0.1:9010", null))
                .startsWith("cannot connect to JMX at 127.0.0.1:9010: connection refused");
    }

    @Test
    void wrongCredentialsSayAuthenticationFailedAndForWhom() {
        SecurityException failure = new SecurityException("Authentication failed! Invalid username or password");

        assertThat(JmxFailures.describe(failure, "h:1", "monitor"))
                .startsWith("JMX authentication failed at h:1 for user 'monitor'");
    }

    @Test
    void missingCredentialsSayWhichFlagsToPass() {
        SecurityException failure = new SecurityException("Authentication failed! Credentials required");

        assertThat(JmxFailures.describe(failure, "h:1", null)).contains("--user and --password-file");
    }

    @Test
    void anUnknownHostIsNamed() {
        IOException failure = new IOException("x", new UnknownHostException("nosuchhost"));

        assertThat(JmxFailures.describe(failure, "nosuchhost:1", null)).endsWith("unknown host nosuchhost");
    }

    @Test
    void anythingElseKeepsItsFirstLine() {
        assertThat(JmxFailures.describe(new IOException("first\nsecond"), "h:1", null))
                .isEqualTo("cannot connect to JMX at h:1: first");
    }
}

package io.wmon.test.jvm;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs fixture classes through the JUnit Platform launcher, so that a test can check what an
 * extension did after the fixture's last callback, from outside. Fixture classes are nested
 * static classes, which neither surefire nor failsafe run by themselves.
 */
public final class FixtureRun {

    private FixtureRun() {
    }

    /** Runs {@code fixtures} and returns the summary (tests found, succeeded, failed, and the failures). */
    public static TestExecutionSummary of(Class<?>... fixtures) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(fixtures).map(fixture -> selectClass(fixture)).toList())
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }
}

package io.wmon.test.jvm;

import java.lang.instrument.Instrumentation;

/** A Java agent for the harness's own tests: records its options in {@value #PROPERTY} and says how it came. */
public final class TestAgent {

    static final String PROPERTY = "wmon.test.agent";

    private TestAgent() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        System.setProperty(PROPERTY, String.valueOf(options));
        System.out.println("test agent premain: " + options);
    }

    public static void agentmain(String options, Instrumentation instrumentation) {
        System.setProperty(PROPERTY, String.valueOf(options));
        System.out.println("test agent agentmain: " + options);
    }
}

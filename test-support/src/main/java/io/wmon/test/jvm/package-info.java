/**
 * Child processes of tests, JVMs above all: {@link io.wmon.test.jvm.Jdk} (which JDK),
 * {@link io.wmon.test.jvm.JvmCommand} and {@link io.wmon.test.jvm.ProcessCommand} (what to run),
 * {@link io.wmon.test.jvm.ChildProcesses} (the JUnit extension that starts them and kills them after
 * the test) and {@link io.wmon.test.jvm.ChildProcess} (output, stdin, signals, JMX, Attach API).
 * The jars under test come from system properties ({@link io.wmon.test.jvm.Artifacts}), never
 * from a dependency on the modules that build them.
 */
package io.wmon.test.jvm;

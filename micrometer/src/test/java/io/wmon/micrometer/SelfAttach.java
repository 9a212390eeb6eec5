package io.wmon.micrometer;

import com.sun.tools.attach.VirtualMachine;
import io.wmon.test.jvm.Artifacts;

/**
 * Loads the real shaded agent jar into this test JVM over the Attach API, as {@code wmon attach}
 * does into a worker; the pom's {@code -Djdk.attach.allowAttachSelf=true} permits it. The agent then
 * registers its beans on this JVM's platform MBeanServer, the one {@link WmonMetrics} reads.
 */
final class SelfAttach {

    private SelfAttach() {
    }

    static void loadAgent(String options) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(ProcessHandle.current().pid()));
        try {
            vm.loadAgent(Artifacts.agentJar().toString(), options);
        } finally {
            vm.detach();
        }
    }
}

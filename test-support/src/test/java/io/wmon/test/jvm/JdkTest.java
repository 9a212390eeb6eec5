package io.wmon.test.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class JdkTest {

    @Test
    void currentIsTheJdkRunningTheTests() {
        Jdk current = Jdk.current();

        assertThat(current.home()).isEqualTo(Path.of(System.getProperty("java.home")));
        assertThat(current.feature()).isEqualTo(Runtime.version().feature());
        assertThat(current.label()).isEqualTo("java" + Runtime.version().feature());
        assertThat(current.isInstalled()).isTrue();
    }

    @Test
    void java25ComesFromItsPropertyOrTheBuildMachinesDefault() {
        Jdk java25 = Jdk.java25();

        assertThat(java25.label()).isEqualTo("java25");
        assertThat(java25.home()).isEqualTo(Path.of(System.getProperty(Jdk.JAVA25_HOME_PROPERTY,
                Jdk.JAVA25_DEFAULT_HOME)));
        if (java25.isInstalled()) {
            assertThat(java25.feature()).isEqualTo(25);
        }
    }

    @Test
    void supportedIsCurrentThenJava25() {
        assertThat(Jdk.supported()).containsExactly(Jdk.current(), Jdk.java25());
    }

    @Test
    void aMissingJdkSkipsTheTestInsteadOfFailingIt() {
        Jdk missing = new Jdk("java99", Path.of("/nonexistent/jdk-99"));

        assertThat(missing.isInstalled()).isFalse();
        assertThatThrownBy(missing::assumeInstalled).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("/nonexistent/jdk-99");
    }
}

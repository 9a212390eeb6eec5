package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class RedisBinariesTest {

    @Test
    void mapsThisMachineToAResourceOfTheJar() {
        assertThat(RedisBinaries.platform()).matches("(linux|darwin)-(amd64|arm64|386)");
        assertThat(RedisBinaries.class.getClassLoader().getResource(RedisBinaries.resourceName())).isNotNull();
    }

    @Test
    void extractsTheEmbeddedBinaryOncePerJvm() {
        assertThat(RedisBinaries.embedded()).isSameAs(RedisBinaries.embedded());
        assertThat(Files.isExecutable(RedisBinaries.embedded())).isTrue();
    }

    @Test
    void theChildProcessBinaryIsThePathsUnlessTheEmbeddedOneIsForced() {
        String before = System.getProperty(BackendSelector.KIND_PROPERTY);
        try {
            System.setProperty(BackendSelector.KIND_PROPERTY, BackendSelector.REDIS_SERVER);
            assertThat(RedisBinaries.preferred()).isEqualTo(RedisBinaries.onPath().orElseGet(RedisBinaries::embedded));
            System.setProperty(BackendSelector.KIND_PROPERTY, BackendSelector.EMBEDDED);
            assertThat(RedisBinaries.preferred()).isEqualTo(RedisBinaries.embedded());
        } finally {
            if (before == null) {
                System.clearProperty(BackendSelector.KIND_PROPERTY);
            } else {
                System.setProperty(BackendSelector.KIND_PROPERTY, before);
            }
        }
    }

    @Test
    void readsTheMajorVersionOfTheEmbeddedBinary() {
        assertThat(RedisBinaries.majorVersion(RedisBinaries.embedded()))
                .isEqualTo(Integer.parseInt(RedisBinaries.resourceName().replaceAll("^redis-server-(\\d+)\\..*$", "$1")));
    }
}

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
}

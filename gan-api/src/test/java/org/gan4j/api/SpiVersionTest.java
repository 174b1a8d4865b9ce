package org.gan4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SpiVersionTest {

    /** The jars' manifests take their Gan4j-SPI-Version from the parent pom; the code's constant must agree. */
    @Test
    void theBuildDeclaresTheVersionTheCodeChecks() throws Exception {
        Properties built = new Properties();
        try (InputStream in = SpiVersionTest.class.getResourceAsStream("spi-version.properties")) {
            built.load(in);
        }
        assertThat(built.getProperty("version")).isEqualTo(String.valueOf(SpiVersion.MAJOR));
    }
}

package org.gan4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.api.spi.GradientPenalty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code r1}, {@code r2} and {@code penaltyEvery}: settings every loss section takes. */
class RegularisedLossConfigTest {

    @TempDir
    Path dir;

    private final ComponentRegistry registry = TestComponents.registry();

    private RunConfig read(String loss) throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, ConfigReaderTest.GOOD.replace("loss: {type: minimax}", "loss: " + loss));
        return ConfigReader.read(file, registry, Map.<String, String>of()::get);
    }

    @Test
    void anyLossTakesR1AndR2WithALazyInterval() throws Exception {
        RunConfig config = read("{type: non-saturating, r1: 10, r2: 0.5, penaltyEvery: 16}");
        assertThat(config.loss()).isInstanceOfSatisfying(RegularisedLoss.class, l -> {
            assertThat(l.loss()).isInstanceOf(TestComponents.TestNsLoss.class);
            assertThat(l.gradientPenalties()).extracting(GradientPenalty::name, GradientPenalty::samples, GradientPenalty::interval)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("r1", GradientPenalty.Samples.REAL, 16),
                            org.assertj.core.groups.Tuple.tuple("r2", GradientPenalty.Samples.FAKE, 16));
        });
        // the loss's own settings and recommendations come through
        RunConfig critic = read("{type: wasserstein, clip: 0.05, r1: 1}");
        assertThat(((RegularisedLoss) critic.loss()).loss()).isEqualTo(new TestComponents.TestCritic(0.05));
        assertThat(critic.schedule().discriminatorSteps(0)).isEqualTo(5);
    }

    @Test
    void withoutAPenaltyTheLossIsTheConfiguredOne() throws Exception {
        assertThat(read("{type: non-saturating}").loss()).isInstanceOf(TestComponents.TestNsLoss.class);
        assertThat(read("{type: non-saturating, r1: 0}").loss()).isInstanceOf(TestComponents.TestNsLoss.class);
    }

    @Test
    void theResolvedConfigWritesThePenaltiesBackIntoTheLossSection() throws Exception {
        RunConfig config = read("{type: non-saturating, r1: 10}");
        String yaml = ConfigReader.toYaml(config, registry);
        assertThat(yaml).containsPattern("loss:\\s+type: non-saturating\\s+r1: 10.0\\s+penaltyEvery: 1");
        Path again = dir.resolve("again.yaml");
        Files.writeString(again, yaml);
        assertThat(ConfigReader.read(again, registry, Map.<String, String>of()::get).loss()).isEqualTo(config.loss());
        // the loss's own settings are written, with or without penalties
        assertThat(ConfigReader.toYaml(read("{type: wasserstein, clip: 0.05, r2: 1}"), registry))
                .containsPattern("loss:\\s+type: wasserstein\\s+clip: 0.05\\s+r2: 1.0");
        assertThat(ConfigReader.toYaml(read("{type: wasserstein, clip: 0.05}"), registry))
                .containsPattern("loss:\\s+type: wasserstein\\s+clip: 0.05\\s+schedule:");
    }

    @Test
    void badValuesNameTheField() throws Exception {
        assertThatThrownBy(() -> read("{type: non-saturating, r1: -1}")).isInstanceOf(Gan4jException.class)
                .hasMessageContaining(":6:").hasMessageContaining("loss.r1: must be a finite number >= 0");
        assertThatThrownBy(() -> read("{type: non-saturating, r1: lots}")).isInstanceOf(Gan4jException.class)
                .hasMessageContaining(":6:").hasMessageContaining("loss.r1: must be a number, got \"lots\"");
        assertThatThrownBy(() -> read("{type: non-saturating, r1: 1, penaltyEvery: 2.5}")).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("loss.penaltyEvery: must be a whole number of discriminator steps, got 2.5");
        // the loss's own mistakes are reported as before, with their line
        assertThatThrownBy(() -> read("{type: wasserstein, clip: -1, r1: 1}")).isInstanceOf(Gan4jException.class)
                .hasMessageContaining(":6:").hasMessageContaining("loss").hasMessageContaining("clip");
        assertThatThrownBy(() -> read("{type: non-saturating, r1: 1, r3: 2}")).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("r3");
    }
}

package org.gan4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run config built in code trains as a file would, and its generator samples afterwards. */
class TrainingFromCodeTest {

    @TempDir
    Path dir;

    private RunBuilder ring(Gan4j gan) {
        return gan.newRun("ring-in-code")
                .seed(7)
                .data("ring", Map.of())
                .generator("mlp", Map.of("latentSize", 2, "hidden", List.of(16), "output", "linear", "dropout", 0))
                .discriminator("mlp", Map.of("hidden", List.of(16)))
                .loss("non-saturating")
                .schedule("alternating", Map.of("iterations", 30, "batchSize", 32))
                .output(Map.of("sampleCount", 16));
    }

    @Test
    void aConfigBuiltInCodeTrainsAndItsGeneratorSamples() {
        Gan4j gan = Gan4j.create();
        RunConfig config = ring(gan).build();
        assertThat(config.name()).isEqualTo("ring-in-code");
        assertThat(config.optimizer().generator()).as("defaults filled in").isNotNull();

        TrainedRun run = gan.train(config, TrainingSettings.defaults().withOutputRoot(dir));

        assertThat(run.directory()).isEqualTo(dir.resolve("ring-in-code"));
        assertThat(run.result().status()).isEqualTo(TrainingResult.Status.COMPLETED);
        assertThat(run.result().iterations()).isEqualTo(30);
        assertThat(run.directory().resolve("metrics.csv")).isRegularFile();
        TrainedGenerator g = run.generator();
        assertThat(g.sampleShape()).containsExactly(2);
        assertThat(g.sampleFloats(SampleRequest.of(5).withSeed(2))).hasSize(10);
    }

    @Test
    void theSameConfigFromCodeAndFromAFileGiveTheSameMetrics() throws Exception {
        Gan4j gan = Gan4j.create();
        gan.train(ring(gan).build(), TrainingSettings.defaults().withOutputRoot(dir.resolve("code")));
        Path yaml = Files.writeString(dir.resolve("ring-in-code.yaml"), """
                seed: 7
                data: { type: ring }
                generator: { type: mlp, latentSize: 2, hidden: [16], output: linear, dropout: 0 }
                discriminator: { type: mlp, hidden: [16] }
                loss: { type: non-saturating }
                schedule: { type: alternating, iterations: 30, batchSize: 32 }
                output: { sampleCount: 16 }
                """);
        gan.train(gan.readConfig(yaml), TrainingSettings.defaults().withOutputRoot(dir.resolve("file")));
        assertThat(Files.readAllBytes(dir.resolve("file/ring-in-code/metrics.csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("code/ring-in-code/metrics.csv")));
    }

    @Test
    void mistakesInACodeConfigAreReportedAsForAFile() {
        Gan4j gan = Gan4j.create();
        assertThatThrownBy(() -> ring(gan).loss("non-saturatin").build())
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("built in code")
                .hasMessageContaining("non-saturating"); // the suggestion
        assertThatThrownBy(() -> ring(gan).generator("mlp", Map.of("latentSize", -1)).build())
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("latentSize");
    }
}

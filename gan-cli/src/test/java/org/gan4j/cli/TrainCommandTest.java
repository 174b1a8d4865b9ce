package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gan4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan4j train} and {@code gan4j sample} end to end, through the built-in plugins found on the
 * class path, on the real MNIST test split from the shared data directory: short runs (30 iterations
 * of a small MLP) that check the run directory's contents, reproducibility and the sampler.
 */
class TrainCommandTest {

    @TempDir
    static Path dir;

    static Path mnist;


    @BeforeAll
    static void findData() {
        Optional<Path> shared = sharedData();
        assumeTrue(shared.isPresent(), "no shared data directory (set GAN4J_DATA)");
        mnist = shared.get().resolve("mnist");
    }

    /** {@code GAN4J_DATA}, else the nearest {@code shared/data} above the working directory. */
    static Optional<Path> sharedData() {
        String set = System.getenv("GAN4J_DATA");
        if (set != null && !set.isBlank()) {
            return Optional.of(Path.of(set)).filter(Files::isDirectory);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/data/mnist"))) {
                return Optional.of(p.resolve("shared/data"));
            }
        }
        return Optional.empty();
    }


    private static Path config(String name, String loss) throws Exception {
        String text = """
                name: %s
                seed: 7
                data: { type: mnist, path: "%s", split: test }
                generator: { type: mlp, latentSize: 16, hidden: [32], dropout: 0.3 }
                discriminator: { type: mlp, hidden: [32], dropout: 0.3 }
                loss: { type: %s }
                schedule: { type: alternating, iterations: 30, batchSize: 32 }
                output: { dir: "%s", sampleCount: 16 }
                """.formatted(name, mnist.toString().replace("\\", "/"), loss, dir.resolve("runs").toString().replace("\\", "/"));
        return Files.writeString(dir.resolve(name + ".yaml"), text);
    }

    @Test
    void trainWritesAWholeRunDirectoryAndSampleDrawsFromIt() throws Exception {
        CliRun.Result r = run("train", config("full", "non-saturating").toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path run = dir.resolve("runs/full");
        assertThat(r.out()).contains("Trained 30 iterations");

        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(metrics).hasSize(31);
        assertThat(metrics.get(0)).isEqualTo("iteration,epoch,d_loss,g_loss,d_real,d_fake,g_grad_norm,d_grad_norm");

        BufferedImage grid = ImageIO.read(run.resolve("samples/final.png").toFile());
        assertThat(grid).isNotNull();
        assertThat(grid.getWidth()).isGreaterThan(4 * 28);
        assertThat(ImageIO.read(run.resolve("loss-curves.png").toFile())).isNotNull();

        JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        assertThat(manifest.get("status").asText()).isEqualTo("completed");
        assertThat(manifest.at("/config/loss/type").asText()).isEqualTo("non-saturating");
        assertThat(manifest.at("/config/generator/type").asText()).isEqualTo("mlp");
        assertThat(manifest.at("/dataset/files/0/sha256").asText()).hasSize(64);
        assertThat(manifest.get("plugins").findValuesAsText("plugin"))
                .contains("org.gan4j.losses.LossesPlugin", "org.gan4j.models.mlp.MlpPlugin", "org.gan4j.data.DataPlugin");

        Path out = dir.resolve("drawn.png");
        CliRun.Result s = run("sample", run.toString(), "-n", "9", "-o", out.toString());
        assertThat(s.code()).as(s.err()).isZero();
        BufferedImage drawn = ImageIO.read(out.toFile());
        assertThat(drawn.getWidth()).isEqualTo(drawn.getHeight()).isGreaterThan(3 * 28);
    }

    @Test
    void sameSeedTwiceGivesByteIdenticalMetrics() throws Exception {
        CliRun.Result a = run("train", config("twin-a", "minimax").toString());
        CliRun.Result b = run("train", config("twin-b", "minimax").toString());
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        byte[] first = Files.readAllBytes(dir.resolve("runs/twin-a/metrics.csv"));
        byte[] second = Files.readAllBytes(dir.resolve("runs/twin-b/metrics.csv"));
        assertThat(first).isEqualTo(second);
        assertThat(new String(first, StandardCharsets.UTF_8).lines().count()).isEqualTo(31);
    }

    @Test
    void aSecondRunIntoTheSameDirectoryIsRefusedUnlessOverwrite() throws Exception {
        Path cfg = config("again", "wasserstein");
        assertThat(run("train", cfg.toString()).code()).isZero();
        byte[] before = Files.readAllBytes(dir.resolve("runs/again/metrics.csv"));

        CliRun.Result refused = run("train", cfg.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("runs/again", "--overwrite").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(dir.resolve("runs/again/metrics.csv"))).isEqualTo(before);

        assertThat(run("train", cfg.toString(), "--overwrite").code()).isZero();
    }
}

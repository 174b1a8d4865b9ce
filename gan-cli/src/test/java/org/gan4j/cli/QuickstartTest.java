package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gan4j.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.core.train.ModelArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/quickstart.yaml as a newcomer runs it: no data.path, no GAN4J_DATA, no data/mnist in the
 * working directory, so it trains on the MNIST test split that ships inside gan4j (a few iterations
 * here; the full run and its figures are in docs/models.md).
 */
class QuickstartTest {

    @TempDir
    Path dir;

    @Test
    void theQuickstartTrainsOnTheEmbeddedTestSplitWithTheAveragedGenerator() throws Exception {
        Path config = Path.of("..", "examples", "quickstart.yaml");
        assertThat(Files.readString(config)).doesNotContain("path:");
        assertThat(Path.of("data", "mnist")).doesNotExist();

        CliRun.Result r = run("train", config.toString(), "--max-iterations", "3", "--output", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out() + r.err()).contains("MNIST test split that ships with gan4j");
        Path run = dir.resolve("quickstart");
        JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        assertThat(manifest.at("/dataset/description").asText()).contains("10000 images 1x28x28").contains("the copy inside gan4j");
        assertThat(manifest.at("/config/optimizer/ema").asDouble()).isEqualTo(0.999);
        assertThat(manifest.at("/config/generator/type").asText()).isEqualTo("infogan");
        assertThat(ModelArchive.read(run.resolve("generator.zip")).sampleShape()).containsExactly(1, 28, 28);

        CliRun.Result s = run("sample", run.toString(), "-n", "16", "-o", dir.resolve("drawn.png").toString());
        assertThat(s.code()).as(s.err()).isZero();
    }
}

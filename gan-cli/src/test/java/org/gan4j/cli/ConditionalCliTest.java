package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gan4j.core.image.ImageGrid;
import org.gan4j.core.train.ModelArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A conditional run through the command line: a conditional MLP with a projection discriminator on
 * (synthetic) MNIST, its per-epoch grid one row per class, the labels recorded with the weights,
 * and {@code gan4j sample --class} for one class and for all.
 */
class ConditionalCliTest {

    @TempDir
    static Path dir;

    static Path run;

    @BeforeAll
    static void train() throws Exception {
        String config = BadInputCatalogueTest.config(dir, BadInputCatalogueTest.mnist(dir), Map.of(
                "generator", "generator: { type: mlp, latentSize: 8, hidden: [16], condition: concat, embedding: 4 }",
                "discriminator", "discriminator: { type: mlp, hidden: [16], condition: projection }",
                "schedule", "schedule: { type: alternating, epochs: 1, batchSize: 8 }",
                "output", "output: { dir: \"" + BadInputCatalogueTest.slash(dir.resolve("runs")) + "\", sampleCount: 25 }",
                "conditioning", "conditioning: { labels: uniform }"));
        CliRun.Result trained = CliRun.run(BadInputCatalogueTest.train(dir, config));
        assertThat(trained.code()).as(trained.err()).isZero();
        run = dir.resolve("runs/current");
    }

    /** Columns and rows of a grid of 28x28 images drawn at scale 2. */
    static int[] cells(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        int cell = 28 * ImageGrid.scaleFor(28) + ImageGrid.GAP;
        return new int[] {(image.getWidth() - ImageGrid.GAP) / cell, (image.getHeight() - ImageGrid.GAP) / cell};
    }

    @Test
    void theGridsHaveOneRowPerClass() throws Exception {
        // 25 samples over 10 classes: 3 columns, 10 rows
        assertThat(cells(run.resolve("samples/epoch-001.png"))).containsExactly(3, 10);
        assertThat(cells(run.resolve("samples/final.png"))).containsExactly(3, 10);
    }

    @Test
    void theWeightsRecordTheLabelsAndTheResolvedConfigTheConditioning() throws Exception {
        assertThat(ModelArchive.read(run.resolve("generator.zip")).condition().names()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7",
                "8", "9");
        assertThat(ModelArchive.read(run.resolve("discriminator.zip")).condition().size()).isEqualTo(10);
        JsonNode config = new ObjectMapper().readTree(run.resolve("checkpoints/config.json").toFile());
        assertThat(config.path("conditioning").path("labels").asText()).isEqualTo("uniform");
        assertThat(config.path("generator").path("condition").asText()).isEqualTo("concat");
    }

    @Test
    void sampleDrawsOneClassOrAllOfThem() throws Exception {
        CliRun.Result one = CliRun.run("sample", run.toString(), "--class", "7", "-n", "12");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).contains("samples of class 7", "sample-1-class-7.png");
        assertThat(cells(run.resolve("samples/sample-1-class-7.png"))).containsExactly(4, 3);

        CliRun.Result all = CliRun.run("sample", run.toString(), "--class", "all", "-n", "20", "--seed", "3");
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(cells(run.resolve("samples/sample-3-all.png"))).containsExactly(2, 10);

        CliRun.Result any = CliRun.run("sample", run.toString(), "-n", "9");
        assertThat(any.code()).as(any.err()).isZero();
        assertThat(cells(run.resolve("samples/sample-1.png"))).containsExactly(3, 3);
    }

    @Test
    void aClassDrawsTheSameNoiseAsWithoutOne() throws Exception {
        // --class changes only the labels: two classes from one seed differ, one class twice is the same picture
        assertThat(CliRun.run("sample", run.toString(), "--class", "2", "-n", "4", "-o", dir.resolve("a.png").toString()).code()).isZero();
        assertThat(CliRun.run("sample", run.toString(), "--class", "2", "-n", "4", "-o", dir.resolve("b.png").toString()).code()).isZero();
        assertThat(CliRun.run("sample", run.toString(), "--class", "5", "-n", "4", "-o", dir.resolve("c.png").toString()).code()).isZero();
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("a.png"))).isEqualTo(java.nio.file.Files.readAllBytes(dir.resolve("b.png")));
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("a.png"))).isNotEqualTo(java.nio.file.Files.readAllBytes(dir.resolve("c.png")));
    }

    @Test
    void exportWritesTheConditionInput() throws Exception {
        Path onnx = dir.resolve("conditional.onnx");
        CliRun.Result exported = CliRun.run("export", run.toString(), "--format", "onnx", "-o", onnx.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("input 'latent' [batch, 8]", "input 'condition' [batch, 10]", "one-hot");
        assertThat(onnx.toFile().length()).isPositive();
        Path npz = dir.resolve("conditional.npz");
        CliRun.Result weights = CliRun.run("export", run.toString(), "--format", "npz", "-o", npz.toString());
        assertThat(weights.code()).as(weights.err()).isZero();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(npz.toFile())) {
            assertThat(zip.getEntry("0.weight.npy")).as("the label embedding").isNotNull();
        }
    }
}

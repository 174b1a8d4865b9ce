package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gan4j.cli.CliRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan4j export} on a short run of the ring dataset (no data files needed). */
class ExportCommandTest {

    @TempDir
    static Path dir;

    static Path runDir;

    @BeforeAll
    static void train() throws Exception {
        Path config = Files.writeString(dir.resolve("ring.yaml"), """
                name: ring
                data: { type: ring }
                generator: { type: mlp, latentSize: 2, hidden: [16], output: linear }
                discriminator: { type: mlp, hidden: [16] }
                loss: { type: non-saturating }
                schedule: { type: alternating, iterations: 10, batchSize: 32 }
                output: { dir: "%s", sampleCount: 16 }
                """.formatted(dir.resolve("runs").toString().replace("\\", "/")));
        CliRun.Result r = run("train", config.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        runDir = dir.resolve("runs/ring");
    }

    @Test
    void onnxGoesBesideTheWeightsAndSaysWhatItHolds() throws Exception {
        CliRun.Result r = run("export", runDir.toString(), "--format", "onnx");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("generator.onnx", "opset 17", "input 'latent' [batch, 2]", "output 'sample' [batch, 2]");
        assertThat(Files.size(runDir.resolve("generator.onnx"))).as("at least its 82 float weights").isGreaterThan(82 * 4);
    }

    @Test
    void npzFromTheArchiveToAChosenFileHoldsPyTorchNames() throws Exception {
        Path out = dir.resolve("g.npz");
        CliRun.Result r = run("export", runDir.resolve("generator.zip").toString(), "--format", "npz", "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (ZipFile zip = new ZipFile(out.toFile())) {
            assertThat(zip.stream().map(e -> e.getName()).toList())
                    .containsExactly("0.weight.npy", "0.bias.npy", "3.weight.npy", "3.bias.npy");
        }
    }

    @Test
    void badInputIsExitCode2WithAMessage() {
        CliRun.Result noRun = run("export", dir.resolve("nothing").toString(), "--format", "onnx");
        assertThat(noRun.code()).isEqualTo(2);
        assertThat(noRun.err()).contains("nothing").doesNotContain("at org.");
        CliRun.Result badFormat = run("export", runDir.toString(), "--format", "tflite");
        assertThat(badFormat.code()).isEqualTo(2);
        assertThat(badFormat.err()).contains("onnx", "npz");
        CliRun.Result noFormat = run("export", runDir.toString());
        assertThat(noFormat.code()).isEqualTo(2);
        assertThat(noFormat.err()).contains("--format");
    }
}

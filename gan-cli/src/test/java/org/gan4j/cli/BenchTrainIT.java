package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.spi.ModelContext;
import org.gan4j.core.config.ConfigReader;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.plugin.PluginLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code gan4j bench --train} end to end on a tiny InfoGAN config (one epoch of 10 batches): both
 * sides train, the ratio is printed, and the PyTorch networks have exactly gan4j's parameter counts.
 * Skipped when /usr/bin/python3 cannot import torch. An IT (in verify): it starts a JVM and Python.
 */
class BenchTrainIT {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void trainsTheConfigWithBothAndPrintsTheRatio() throws Exception {
        assumeTrue(torchAvailable(), PYTHON + " cannot import torch");
        Path config = Files.writeString(dir.resolve("tiny.yaml"), """
                name: tiny
                seed: 3
                data: {type: mnist, split: test}
                generator: {type: infogan, latentSize: 8, ngf: 4, dense: 16}
                discriminator: {type: infogan, ndf: 4, dense: 16}
                loss: {type: non-saturating}
                schedule: {type: alternating, epochs: 3, batchSize: 1000}
                optimizer:
                  generator: {type: adam, lr: 1.0e-3, beta1: 0.5}
                  discriminator: {type: adam, lr: 1.0e-3, beta1: 0.5}
                  ema: 0.9
                output: {sampleEvery: 1}
                """);
        Path out = dir.resolve("bench");
        CliRun.Result r = CliRun.run("bench", "--train", config.toString(), "--epochs", "1", "--threads", "1", "--train-dir", out.toString(),
                "--python", PYTHON);

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("1 epoch, threads 1").containsPattern("(?m)^tiny\\.yaml\\s+1\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+$")
                .contains("pytorch | infogan ns: 10 iterations, 1 epochs");
        assertThat(out.resolve("tiny").resolve("generator.zip")).isRegularFile();
        assertThat(Files.size(out.resolve("tiny.torch-samples.npy"))).isBetween(64L * 28 * 28 * 4, 64L * 28 * 28 * 4 + 256); // (64, 1, 28, 28) floats

        Matcher counts = Pattern.compile("parameters generator=(\\d+) discriminator=(\\d+)").matcher(r.out());
        assertThat(counts.find()).as(r.out()).isTrue();
        ComponentRegistry registry = PluginLoader.load(BenchTrainIT.class.getClassLoader(), List.of());
        RunConfig c = ConfigReader.read(config, registry);
        ModelContext mnist = new ModelContext(new long[] {1, 28, 28}, DataType.FLOAT, 0);
        assertThat(Long.parseLong(counts.group(1))).isEqualTo(((GeneratorSpec) c.generator()).build(mnist).parameters().size());
        assertThat(Long.parseLong(counts.group(2))).isEqualTo(((DiscriminatorSpec) c.discriminator()).build(mnist).parameters().size());
    }

    private static boolean torchAvailable() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}

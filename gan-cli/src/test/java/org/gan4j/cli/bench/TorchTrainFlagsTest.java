package org.gan4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.plugin.PluginLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gan4j config becomes torch_train.py's flags, setting by setting, or is refused naming the field the script cannot mirror. */
class TorchTrainFlagsTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    private final ComponentRegistry registry = PluginLoader.load(TorchTrainFlagsTest.class.getClassLoader(), List.of());

    @TempDir
    Path dir;

    private JsonNode example(String name, Integer epochs) {
        return TrainBench.benchConfig(EXAMPLES.resolve(name), epochs, registry);
    }

    @Test
    void theQuickstartIsTheInfoganPairWithItsAverageAndIterationCount() {
        JsonNode quickstart = example("quickstart.yaml", null);
        assertThat(TorchTrainFlags.network(quickstart)).isEqualTo("infogan");
        assertThat(String.join(" ", TorchTrainFlags.of(quickstart))).isEqualTo("--seed 1 --latent 64 --noise normal"
                + " --ngf 32 --ndf 32 --g-dense 512 --d-dense 512 --leaky 0.2 --d-norm batch --loss ns --real-label 1.0"
                + " --iterations 1000 --batch 64 --d-steps 1 --g-steps 1"
                + " --opt adam --g-lr 5.0E-4 --d-lr 5.0E-4 --beta1 0.5 --beta2 0.999 --eps 1.0E-8 --ema 0.999");
    }

    @Test
    void theSeedMlpKeepsBothNetworksWidthsItsLabelSmoothingAndUniformNoise() {
        JsonNode mlp = example("mnist-mlp-non-saturating.yaml", null);
        assertThat(TorchTrainFlags.network(mlp)).isEqualTo("mlp");
        assertThat(String.join(" ", TorchTrainFlags.of(mlp))).isEqualTo("--seed 1 --latent 100 --noise uniform"
                + " --hidden 256,512,1024 --d-hidden 1024,512,256 --g-leaky 0.2 --leaky 0.2 --g-dropout 0.3 --d-dropout 0.3"
                + " --loss ns --real-label 0.9 --epochs 40 --batch 64 --d-steps 1 --g-steps 1"
                + " --opt adam --g-lr 2.0E-4 --d-lr 2.0E-4 --beta1 0.5 --beta2 0.999 --eps 1.0E-8 --ema 0.0");
    }

    @Test
    void epochsReplaceTheSchedulesLengthForBothSides() {
        JsonNode dcgan = example("mnist-dcgan.yaml", 2);
        assertThat(dcgan.path("schedule").path("epochs").asInt()).isEqualTo(2);
        assertThat(dcgan.path("schedule").path("iterations").asLong()).isZero();
        assertThat(TorchTrainFlags.of(dcgan)).containsSequence("--ngf", "64", "--ndf", "64", "--leaky", "0.2", "--d-norm", "batch")
                .containsSequence("--epochs", "2").doesNotContain("--iterations");
        // an iteration-bounded config (the quickstart) is bounded by epochs instead
        assertThat(TorchTrainFlags.of(example("quickstart.yaml", 2))).containsSequence("--epochs", "2").doesNotContain("--iterations");
        assertThatThrownBy(() -> example("quickstart.yaml", 0)).isInstanceOf(Gan4jException.class).hasMessageContaining("--epochs");
    }

    @Test
    void aConfigTheScriptCannotMirrorIsRefusedNamingTheField() throws IOException {
        String base = Files.readString(EXAMPLES.resolve("mnist-dcgan.yaml"));
        refused(base.replace("type: non-saturating", "type: hinge"), "loss.type");
        refused(base.replace("leakySlope: 0.2", "leakySlope: 0.2\n  spectralNorm: true"), "discriminator.spectralNorm");
        refused(base.replace("leakySlope: 0.2", "leakySlope: 0.2\n  normalization: layer"), "discriminator.normalization");
        refused(base.replace("type: non-saturating", "type: non-saturating\n  r1: 10"), "loss.r1");
        refused(base.replace("discriminator: { type: adam, lr: 2.0e-4, beta1: 0.5 }", "discriminator: { type: adam, lr: 2.0e-4, beta1: 0.0 }"),
                "optimizer.discriminator.beta1");
        refused(base.replace("discriminator: { type: adam, lr: 2.0e-4, beta1: 0.5 }", "discriminator: { type: rmsprop, lr: 2.0e-4 }"),
                "optimizer.discriminator.type");
        refused(base + "metrics:\n  - type: classifier-fid\n", "metrics");
        refused(base.replace("batchSize: 64", "batchSize: 64\n  seconds: 60"), "schedule.seconds");
        refused(base.replace("discriminator:\n  type: dcgan\n  ndf: 64", "discriminator:\n  type: mlp\n  hidden: [64]"), "discriminator.type");
    }

    private void refused(String yaml, String field) throws IOException {
        Path config = Files.writeString(dir.resolve("c" + yaml.hashCode() + ".yaml"), yaml);
        assertThatThrownBy(() -> TorchTrainFlags.of(TrainBench.benchConfig(config, null, registry)))
                .as(field).isInstanceOf(Gan4jException.class)
                .satisfies(e -> assertThat(((Gan4jException) e).exitCode()).isEqualTo(Gan4jException.BAD_INPUT))
                .hasMessageStartingWith(field + " ");
    }
}

package org.gan4j.models.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.nn.BatchNorm2d;
import org.gan4j.api.nn.Conv2d;
import org.gan4j.api.nn.ConvTranspose2d;
import org.gan4j.api.nn.GradientCheck;
import org.gan4j.api.nn.Layer;
import org.gan4j.api.nn.Pass;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.api.spi.ModelContext;
import org.gan4j.core.train.ModelArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The DCGAN networks: shapes, PyTorch's parameter counts, initialisation, gradients, modes, archives. */
class DcganNetworksTest {

    private static ModelContext context(DataType type, long... shape) {
        return new ModelContext(shape, type, 42);
    }

    private static INDArray normal(long seed, DataType type, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(type, shape);
    }

    @Test
    void outputShapesFor32And64PixelsAndOneOrThreeChannels() {
        for (long size : new long[] {32, 64}) {
            for (long channels : new long[] {1, 3}) {
                ModelContext c = context(DataType.FLOAT, channels, size, size);
                Generator g = new DcganGeneratorSpec(16, 4, null, null, LatentNoise.NORMAL).build(c);
                Discriminator d = new DcganDiscriminatorSpec(4, null, null, 0.2).build(c);
                assertThat(g.inputShape()).containsExactly(16, 1, 1);
                assertThat(g.outputShape()).containsExactly(channels, size, size);
                assertThat(d.inputShape()).containsExactly(channels, size, size);
                assertThat(d.outputShape()).containsExactly(1);
                INDArray images = g.newPass().forward(normal(1, DataType.FLOAT, 3, 16, 1, 1), true);
                assertThat(images.shape()).containsExactly(3, channels, size, size);
                assertThat(images.amaxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
                assertThat(d.newPass().forward(images, true).shape()).containsExactly(3, 1);
            }
        }
    }

    @Test
    void layersAreThePyTorchTutorials() {
        Sequential g = DcganGeneratorSpec.defaults().network(context(DataType.FLOAT, 1, 32, 32));
        assertThat(g.layers()).extracting(l -> l.getClass().getSimpleName()).containsExactly(
                "ConvTranspose2d", "BatchNorm2d", "Relu", "ConvTranspose2d", "BatchNorm2d", "Relu",
                "ConvTranspose2d", "BatchNorm2d", "Relu", "ConvTranspose2d", "Tanh");
        assertThat(g.layers()).extracting(Layer::outputShape).containsExactly(
                new long[] {256, 4, 4}, new long[] {256, 4, 4}, new long[] {256, 4, 4},
                new long[] {128, 8, 8}, new long[] {128, 8, 8}, new long[] {128, 8, 8},
                new long[] {64, 16, 16}, new long[] {64, 16, 16}, new long[] {64, 16, 16},
                new long[] {1, 32, 32}, new long[] {1, 32, 32});
        Sequential d = DcganDiscriminatorSpec.defaults().network(context(DataType.FLOAT, 3, 64, 64));
        assertThat(d.layers()).extracting(l -> l.getClass().getSimpleName()).containsExactly(
                "Conv2d", "LeakyRelu", "Conv2d", "BatchNorm2d", "LeakyRelu", "Conv2d", "BatchNorm2d", "LeakyRelu",
                "Conv2d", "BatchNorm2d", "LeakyRelu", "Conv2d", "Reshape");
        assertThat(d.layers()).filteredOn(Conv2d.class::isInstance).extracting(Layer::outputShape).containsExactly(
                new long[] {64, 32, 32}, new long[] {128, 16, 16}, new long[] {256, 8, 8}, new long[] {512, 4, 4}, new long[] {1, 1, 1});
        assertThat(d.parameters().slots().keySet()).noneMatch(name -> name.endsWith("bias"));
    }

    @Test
    void parameterCountsEqualPyTorchs() {
        // Counted with torch for the benchmark's dcgan_pair(100, nc, 64, 64, size): parameters(), running_* buffers.
        assertCounts(context(DataType.FLOAT, 1, 32, 32), 1_066_880, 896, 661_248, 768);
        assertCounts(context(DataType.FLOAT, 3, 32, 32), 1_068_928, 896, 663_296, 768);
        assertCounts(context(DataType.FLOAT, 3, 64, 64), 3_576_704, 1_920, 2_765_568, 1_792);
        // The same by the layer formula k*k*in*out per convolution plus 2 per batch-norm channel, 32x32 grey:
        long g = 16L * (100 * 256 + 256 * 128 + 128 * 64 + 64) + 2 * (256 + 128 + 64);
        long d = 16L * (64 + 64 * 128 + 128 * 256 + 256) + 2 * (128 + 256);
        assertThat(new long[] {g, d}).containsExactly(1_066_880, 661_248);
    }

    private static void assertCounts(ModelContext c, long g, long gState, long d, long dState) {
        Generator generator = DcganGeneratorSpec.defaults().build(c);
        Discriminator discriminator = DcganDiscriminatorSpec.defaults().build(c);
        assertThat(generator.parameters().size()).isEqualTo(g);
        assertThat(generator.parameters().state().length()).isEqualTo(gState);
        assertThat(discriminator.parameters().size()).isEqualTo(d);
        assertThat(discriminator.parameters().state().length()).isEqualTo(dState);
    }

    @Test
    void initialisationIsTheDcganPapers() {
        Sequential g = DcganGeneratorSpec.defaults().network(context(DataType.FLOAT, 1, 32, 32));
        for (Layer layer : g.layers()) {
            if (layer instanceof ConvTranspose2d t) {
                INDArray w = t.weight().value();
                assertThat(w.meanNumber().doubleValue()).isCloseTo(0, within(0.003));
                assertThat(w.stdNumber().doubleValue()).isCloseTo(0.02, within(0.002));
            } else if (layer instanceof BatchNorm2d bn) {
                assertThat(bn.gamma().value().meanNumber().doubleValue()).isCloseTo(1, within(0.01));
                assertThat(bn.gamma().value().stdNumber().doubleValue()).isCloseTo(0.02, within(0.006));
                assertThat(bn.beta().value().amaxNumber().doubleValue()).isZero();
                assertThat(bn.runningVar().value().minNumber().doubleValue()).isEqualTo(1.0);
            }
        }
        Sequential d = DcganDiscriminatorSpec.defaults().network(context(DataType.FLOAT, 1, 32, 32));
        INDArray big = ((Conv2d) d.layers().get(5)).weight().value();
        assertThat(big.stdNumber().doubleValue()).isCloseTo(0.02, within(0.001));
        // Same seed, same weights; another seed, other weights.
        Sequential again = DcganGeneratorSpec.defaults().network(context(DataType.FLOAT, 1, 32, 32));
        assertThat(again.parameters().values()).isEqualTo(g.parameters().values());
        Sequential other = DcganGeneratorSpec.defaults().network(new ModelContext(new long[] {1, 32, 32}, DataType.FLOAT, 43));
        assertThat(other.parameters().values()).isNotEqualTo(g.parameters().values());
    }

    @Test
    void tinyDcganGradientsInTraining() {
        ModelContext c = context(DataType.DOUBLE, 1, 32, 32);
        GradientCheck.Options options = GradientCheck.Options.defaults().withMaxChecksPerArray(12).withMaxRelativeError(1e-5);
        Generator g = new DcganGeneratorSpec(3, 2, null, null, LatentNoise.NORMAL).build(c);
        GradientCheck.Result rg = GradientCheck.check(g, normal(2, DataType.DOUBLE, 4, 3, 1, 1), true, options);
        assertThat(rg.passed()).as(rg.toString()).isTrue();
        Discriminator d = new DcganDiscriminatorSpec(2, null, null, 0.2).build(c);
        GradientCheck.Result rd = GradientCheck.check(d, normal(3, DataType.DOUBLE, 4, 1, 32, 32), true, options);
        assertThat(rd.passed()).as(rd.toString()).isTrue();
        // input and 4 convolution weights, 2 batch norms x 2 slots: 12 values each at most
        assertThat(rd.checked()).isGreaterThan(60);
    }

    /** The critics a gradient penalty can train: no batch norm, layer norm, spectral norm; each passes the double-backward check. */
    @Test
    void criticsWithoutBatchNormPassTheDoubleBackwardCheck() {
        ModelContext c = context(DataType.DOUBLE, 1, 32, 32);
        GradientCheck.Options options = GradientCheck.Options.defaults().withMaxChecksPerArray(12).withMaxRelativeError(1e-5);
        for (String normalization : List.of(DcganDiscriminatorSpec.NONE, DcganDiscriminatorSpec.LAYER)) {
            for (boolean spectral : new boolean[] {false, true}) {
                Discriminator d = new DcganDiscriminatorSpec(2, null, null, 0.2, normalization, spectral).build(c);
                assertThat(d.doubleBackwardRefusal()).isEmpty();
                GradientCheck.Result r = GradientCheck.checkDoubleBackward(d, normal(3, DataType.DOUBLE, 3, 1, 32, 32), true,
                        GradientCheck.InputGradientFunction.unitNormPenalty(), options);
                assertThat(r.passed()).as(normalization + ", spectral " + spectral + ": " + r).isTrue();
                assertThat(r.checked()).isGreaterThan(40);
            }
        }
    }

    @Test
    void normalizationAndSpectralNormChangeTheLayers() {
        ModelContext c = context(DataType.FLOAT, 1, 32, 32);
        Sequential layer = new DcganDiscriminatorSpec(8, null, null, 0.2, "layer", false).network(c);
        assertThat(layer.layers()).extracting(l -> l.getClass().getSimpleName()).containsExactly(
                "Conv2d", "LeakyRelu", "Conv2d", "LayerNorm", "LeakyRelu", "Conv2d", "LayerNorm", "LeakyRelu", "Conv2d", "Reshape");
        Sequential none = new DcganDiscriminatorSpec(8, null, null, 0.2, "none", true).network(c);
        assertThat(none.layers()).extracting(l -> l.getClass().getSimpleName()).containsExactly(
                "SpectralNorm", "LeakyRelu", "SpectralNorm", "LeakyRelu", "SpectralNorm", "LeakyRelu", "SpectralNorm", "Reshape");
        // the same parameters as without spectral norm (its u and v are state), initialised N(0, 0.02) likewise
        Sequential plain = new DcganDiscriminatorSpec(8, null, null, 0.2, "none", false).network(c);
        assertThat(none.parameters().values()).isEqualTo(plain.parameters().values());
        assertThat(none.parameters().state().length()).isEqualTo((8 + 16) + (16 + 128) + (32 + 256) + (1 + 512));
        assertThat(DcganDiscriminatorSpec.defaults().build(c).doubleBackwardRefusal()).hasValueSatisfying(
                reason -> assertThat(reason).contains("discriminator.normalization: batch").endsWith("set discriminator.normalization: layer or none"));
        assertThatThrownBy(() -> new DcganDiscriminatorSpec(8, null, null, 0.2, "instance", false))
                .hasMessage("normalization must be one of batch, layer, none, got 'instance'");
    }

    @Test
    void evaluationDiffersFromTrainingOnlyThroughBatchNorm() {
        Generator g = new DcganGeneratorSpec(8, 4, null, null, LatentNoise.NORMAL).build(context(DataType.FLOAT, 1, 32, 32));
        INDArray z = normal(4, DataType.FLOAT, 32, 8, 1, 1);
        Pass pass = g.newPass();
        INDArray train = pass.forward(z, true).dup();
        INDArray fresh = pass.forward(z, false).dup();
        assertThat(fresh.sub(train).amaxNumber().doubleValue()).isGreaterThan(0.01);
        // After many training passes over one batch, the running statistics are that batch's
        // (unbiased variance: a factor n/(n-1) with n >= 32*16), and evaluation reproduces training.
        for (int i = 0; i < 120; i++) {
            pass.forward(z, true);
        }
        INDArray converged = pass.forward(z, false);
        assertThat(converged.sub(train).amaxNumber().doubleValue()).isLessThan(0.01);
        // In evaluation a sample's image does not depend on the rest of the batch.
        INDArray first = g.newPass().forward(z.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), false);
        assertThat(first.sub(converged.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1))).amaxNumber().doubleValue())
                .isLessThan(1e-6);
    }

    @Test
    void savedAndRestoredGeneratorSamplesTheSameInEvaluation(@TempDir Path dir) {
        ModelContext c = context(DataType.FLOAT, 1, 32, 32);
        DcganGeneratorSpec spec = new DcganGeneratorSpec(8, 4, null, null, LatentNoise.NORMAL);
        Generator g = spec.build(c);
        Pass pass = g.newPass();
        for (int i = 0; i < 3; i++) {
            pass.forward(normal(10 + i, DataType.FLOAT, 16, 8, 1, 1), true); // moves the running statistics
        }
        g.parameters().values().addi(0.01); // as if trained
        INDArray z = normal(20, DataType.FLOAT, 5, 8, 1, 1);
        INDArray expected = g.newPass().forward(z, false).dup();
        Path file = dir.resolve("generator.zip");
        ModelArchive.write(file, "generator", g, "{\"type\":\"dcgan\"}", c.sampleShape(), 42, 1, 3);

        Generator restored = spec.build(c);
        assertThat(restored.newPass().forward(z, false)).isNotEqualTo(expected);
        ModelArchive.restore(ModelArchive.read(file), restored, file);
        assertThat(restored.parameters().state()).isEqualTo(g.parameters().state());
        assertThat(restored.newPass().forward(z, false)).isEqualTo(expected);
        assertThat(List.of(restored.parameters().state().length())).containsExactly(2L * (16 + 8 + 4));
    }
}

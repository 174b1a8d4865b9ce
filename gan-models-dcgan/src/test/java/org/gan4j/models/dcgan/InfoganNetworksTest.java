package org.gan4j.models.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.nn.BatchNorm2d;
import org.gan4j.api.nn.Conv2d;
import org.gan4j.api.nn.ConvTranspose2d;
import org.gan4j.api.nn.Dense;
import org.gan4j.api.nn.GradientCheck;
import org.gan4j.api.nn.Layer;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.nn.SpectralNorm;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.api.spi.ModelContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The InfoGAN-style networks at MNIST's own 28x28: layout, parameter counts, initialisation, gradients. */
class InfoganNetworksTest {

    private static ModelContext mnist(DataType type) {
        return new ModelContext(new long[] {1, 28, 28}, type, 42);
    }

    private static INDArray normal(long seed, DataType type, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(type, shape);
    }

    @Test
    void layersAreLucicEtAlsMnistArchitecture() {
        Sequential g = InfoganGeneratorSpec.defaults().network(mnist(DataType.FLOAT));
        assertThat(g.layers()).filteredOn(l -> l instanceof Dense || l instanceof ConvTranspose2d).extracting(Layer::outputShape)
                .containsExactly(new long[] {1024}, new long[] {128 * 7 * 7}, new long[] {64, 14, 14}, new long[] {1, 28, 28});
        assertThat(g.layers()).filteredOn(BatchNorm2d.class::isInstance).hasSize(3);
        assertThat(g.layers().get(g.layers().size() - 1).getClass().getSimpleName()).isEqualTo("Tanh");
        Sequential d = InfoganDiscriminatorSpec.defaults().network(mnist(DataType.FLOAT));
        assertThat(d.layers()).filteredOn(l -> l instanceof Dense || l instanceof Conv2d).extracting(Layer::outputShape)
                .containsExactly(new long[] {64, 14, 14}, new long[] {128, 7, 7}, new long[] {1024}, new long[] {1});
        assertThat(d.layers()).filteredOn(BatchNorm2d.class::isInstance).hasSize(2);
    }

    @Test
    void parameterCountsFollowTheLayerFormula() {
        // dense in*out + out, batch norm 2 per channel, transposed convolution 16*in*out (+ out with bias)
        long g = (64 * 1024 + 1024) + 2 * 1024 + (1024 * 6272 + 6272) + 2 * 128 + 16 * 128 * 64 + 2 * 64 + (16 * 64 + 1);
        long d = (16 * 64 + 64) + 16 * 64 * 128 + 2 * 128 + (6272 * 1024 + 1024) + 2 * 1024 + (1024 + 1);
        Generator generator = InfoganGeneratorSpec.defaults().build(mnist(DataType.FLOAT));
        Discriminator discriminator = InfoganDiscriminatorSpec.defaults().build(mnist(DataType.FLOAT));
        assertThat(generator.parameters().size()).isEqualTo(g).isEqualTo(6_629_889);
        assertThat(discriminator.parameters().size()).isEqualTo(d).isEqualTo(6_559_041);
        assertThat(generator.parameters().state().length()).isEqualTo(2L * (1024 + 128 + 64));
        assertThat(generator.inputShape()).containsExactly(64);
        assertThat(generator.noise()).isEqualTo(LatentNoise.NORMAL);
    }

    @Test
    void weightsAreNormalWithStd002AndBiasesZero() {
        Sequential g = InfoganGeneratorSpec.defaults().network(mnist(DataType.FLOAT));
        Dense big = (Dense) g.layers().stream().filter(Dense.class::isInstance).skip(1).findFirst().orElseThrow();
        assertThat(big.weight().value().stdNumber().doubleValue()).isCloseTo(0.02, within(0.0005));
        assertThat(big.weight().value().meanNumber().doubleValue()).isCloseTo(0, within(0.0005));
        assertThat(big.bias().value().amaxNumber().doubleValue()).isZero();
        Sequential d = InfoganDiscriminatorSpec.defaults().network(mnist(DataType.FLOAT));
        Conv2d first = (Conv2d) d.layers().get(0);
        assertThat(first.bias().value().amaxNumber().doubleValue()).isZero();
        assertThat(first.weight().value().stdNumber().doubleValue()).isCloseTo(0.02, within(0.004));
    }

    @Test
    void tinyNetworksGradientsInTraining() {
        ModelContext c = mnist(DataType.DOUBLE);
        GradientCheck.Options options = GradientCheck.Options.defaults().withMaxChecksPerArray(12).withMaxRelativeError(1e-5);
        Generator g = new InfoganGeneratorSpec(3, 2, 6, LatentNoise.NORMAL).build(c);
        GradientCheck.Result rg = GradientCheck.check(g, normal(2, DataType.DOUBLE, 4, 3), true, options);
        assertThat(rg.passed()).as(rg.toString()).isTrue();
        Discriminator d = new InfoganDiscriminatorSpec(2, 5, 0.2).build(c);
        GradientCheck.Result rd = GradientCheck.check(d, normal(3, DataType.DOUBLE, 4, 1, 28, 28), true, options);
        assertThat(rd.passed()).as(rd.toString()).isTrue();
        assertThat(rd.checked()).isGreaterThan(60);
        // dense: 0 leaves the hidden dense layers out
        Generator lean = new InfoganGeneratorSpec(3, 2, 0, LatentNoise.NORMAL).build(c);
        assertThat(lean.parameters().size()).isEqualTo((3 * 4 * 7 * 7 + 4 * 7 * 7) + 2 * 4 + 16 * 4 * 2 + 2 * 2 + (16 * 2 + 1));
        GradientCheck.Result rl = GradientCheck.check(lean, normal(4, DataType.DOUBLE, 4, 3), true, options);
        assertThat(rl.passed()).as(rl.toString()).isTrue();
        Discriminator leanD = new InfoganDiscriminatorSpec(2, 0, 0.2).build(c);
        assertThat(leanD.parameters().size()).isEqualTo((16 * 2 + 2) + 16 * 2 * 4 + 2 * 4 + (4 * 7 * 7 + 1));
        GradientCheck.Result rld = GradientCheck.check(leanD, normal(5, DataType.DOUBLE, 4, 1, 28, 28), true, options);
        assertThat(rld.passed()).as(rld.toString()).isTrue();
    }

    /** The critics a gradient penalty can train: layer norm or none, with or without spectral norm; each passes the double-backward check. */
    @Test
    void criticsWithoutBatchNormPassTheDoubleBackwardCheck() {
        ModelContext c = mnist(DataType.DOUBLE);
        GradientCheck.Options options = GradientCheck.Options.defaults().withMaxChecksPerArray(12).withMaxRelativeError(1e-5);
        for (String normalization : List.of("none", "layer")) {
            for (boolean spectral : new boolean[] {false, true}) {
                Discriminator d = new InfoganDiscriminatorSpec(2, 5, 0.2, normalization, spectral).build(c);
                assertThat(d.doubleBackwardRefusal()).isEmpty();
                GradientCheck.Result r = GradientCheck.checkDoubleBackward(d, normal(3, DataType.DOUBLE, 3, 1, 28, 28), true,
                        GradientCheck.InputGradientFunction.unitNormPenalty(), options);
                assertThat(r.passed()).as(normalization + ", spectral " + spectral + ": " + r).isTrue();
                assertThat(r.checked()).isGreaterThan(40);
            }
        }
    }

    @Test
    void normalizationAndSpectralNormChangeTheLayers() {
        ModelContext c = mnist(DataType.FLOAT);
        Sequential layer = new InfoganDiscriminatorSpec(8, 16, 0.2, "layer", false).network(c);
        assertThat(layer.layers()).extracting(l -> l.getClass().getSimpleName()).containsExactly(
                "Conv2d", "LeakyRelu", "Conv2d", "LayerNorm", "LeakyRelu", "Reshape", "Dense", "Reshape", "LayerNorm", "LeakyRelu",
                "Reshape", "Dense");
        // layer norm has a scale and shift per channel: 16 maps, then 16 dense units
        assertThat(layer.parameters().size()).isEqualTo((16 * 8 + 8) + 16 * 8 * 16 + 2 * 16 + (16 * 7 * 7 * 16 + 16) + 2 * 16 + (16 + 1));
        Sequential none = new InfoganDiscriminatorSpec(8, 16, 0.2, "none", true).network(c);
        assertThat(none.layers()).extracting(l -> l.getClass().getSimpleName()).containsExactly(
                "SpectralNorm", "LeakyRelu", "SpectralNorm", "LeakyRelu", "Reshape", "SpectralNorm", "Reshape", "LeakyRelu",
                "Reshape", "SpectralNorm");
        // the same parameters as without spectral norm (u and v are state), initialised alike: weights N(0, 0.02), biases 0
        Sequential plain = new InfoganDiscriminatorSpec(8, 16, 0.2, "none", false).network(c);
        assertThat(none.parameters().values()).isEqualTo(plain.parameters().values());
        assertThat(((SpectralNorm) none.layers().get(0)).slot("bias").value().amaxNumber().doubleValue()).isZero();
        assertThat(none.parameters().state().length()).isEqualTo((8 + 16) + (16 + 128) + (16 + 16 * 7 * 7) + (1 + 16));
        assertThat(InfoganDiscriminatorSpec.defaults().build(c).doubleBackwardRefusal()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("the infogan discriminator has batch norm").endsWith("set discriminator.normalization: layer or none"));
        assertThatThrownBy(() -> new InfoganDiscriminatorSpec(8, 16, 0.2, "instance", false))
                .hasMessage("normalization must be one of batch, layer, none, got 'instance'");
    }

    @Test
    void otherImageSidesWorkIfDivisibleByFourAndOthersAreRefused() {
        ModelContext c32 = new ModelContext(new long[] {3, 32, 32}, DataType.FLOAT, 1);
        Generator g = new InfoganGeneratorSpec(8, 4, 16, LatentNoise.UNIFORM).build(c32);
        assertThat(g.newPass().forward(normal(1, DataType.FLOAT, 2, 8), false).shape()).containsExactly(2, 3, 32, 32);
        ModelContext c30 = new ModelContext(new long[] {1, 30, 30}, DataType.FLOAT, 1);
        assertThatThrownBy(() -> InfoganDiscriminatorSpec.defaults().build(c30)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("multiple of 4").hasMessageContaining("30x30");
        assertThatThrownBy(() -> new InfoganGeneratorSpec(0, null, null, null)).hasMessageContaining("latentSize");
    }
}

package org.gan4j.models.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.ServiceLoader;
import org.gan4j.api.nn.GradientCheck;
import org.gan4j.api.nn.Pass;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.api.spi.ModelContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MlpSpecTest {

    private static final ModelContext MNIST = new ModelContext(new long[] {1, 28, 28}, DataType.FLOAT, 42);
    private static final ModelContext TINY = new ModelContext(new long[] {1, 2, 3}, DataType.DOUBLE, 5);

    private static INDArray uniform(DataType type, long... shape) {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.rand(type, shape).muli(2).subi(1);
    }

    @Test
    void defaultsAreTheTutorials() {
        MlpGeneratorSpec g = MlpGeneratorSpec.defaults();
        assertThat(g.latentSize()).isEqualTo(100);
        assertThat(g.hidden()).containsExactly(256, 512, 1024);
        assertThat(g.leakySlope()).isEqualTo(0.2);
        assertThat(g.dropout()).isEqualTo(0.3);
        assertThat(g.noise()).isEqualTo(LatentNoise.UNIFORM);
        MlpDiscriminatorSpec d = MlpDiscriminatorSpec.defaults();
        assertThat(d.hidden()).containsExactly(1024, 512, 256);
    }

    @Test
    void generatorShapesAndTanhRange() {
        Generator g = MlpGeneratorSpec.defaults().build(MNIST);
        assertThat(g.inputShape()).containsExactly(100);
        assertThat(g.outputShape()).containsExactly(1, 28, 28);
        // 100*256+256 + 256*512+512 + 512*1024+1024 + 1024*784+784
        assertThat(g.parameters().size()).isEqualTo(25856 + 131584 + 525312 + 803600);
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, 16, 100);
        g.noise().sample(z, Nd4j.getRandom());
        INDArray x = g.newPass().forward(z, true);
        assertThat(x.shape()).containsExactly(16, 1, 28, 28);
        assertThat(x.maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        assertThat(x.minNumber().doubleValue()).isGreaterThanOrEqualTo(-1.0);
        assertThat(x.stdNumber().doubleValue()).isGreaterThan(0.01);
    }

    @Test
    void discriminatorShapes() {
        Discriminator d = MlpDiscriminatorSpec.defaults().build(MNIST);
        assertThat(d.inputShape()).containsExactly(1, 28, 28);
        assertThat(d.outputShape()).containsExactly(1);
        INDArray scores = d.newPass().forward(uniform(DataType.FLOAT, 8, 1, 28, 28), false);
        assertThat(scores.shape()).containsExactly(8, 1);
    }

    @Test
    void sameSeedSameWeightsOtherSeedOther() {
        MlpGeneratorSpec spec = new MlpGeneratorSpec(10, List.of(8, 16), null, null, null);
        ModelContext a = new ModelContext(new long[] {12}, DataType.FLOAT, 1);
        ModelContext b = new ModelContext(new long[] {12}, DataType.FLOAT, 2);
        INDArray w1 = spec.build(a).parameters().values();
        INDArray w2 = spec.build(a).parameters().values();
        INDArray w3 = spec.build(b).parameters().values();
        assertThat(w1).isEqualTo(w2);
        assertThat(w1).isNotEqualTo(w3);
    }

    @Test
    void initialisationIsPyTorchsLinearBound() {
        Discriminator d = new MlpDiscriminatorSpec(List.of(64), 0.2, 0.0).build(new ModelContext(new long[] {400}, DataType.FLOAT, 3));
        INDArray w0 = d.parameters().slots().get("0.weight").value();
        double bound = 1 / Math.sqrt(400);
        assertThat(w0.amaxNumber().doubleValue()).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
        // Uniform on [-b, b] has standard deviation b / sqrt(3).
        assertThat(w0.stdNumber().doubleValue()).isCloseTo(bound / Math.sqrt(3), org.assertj.core.data.Offset.offset(0.05 * bound));
    }

    @Test
    void generatorGradientsInTraining() {
        Generator g = new MlpGeneratorSpec(4, List.of(5, 7), 0.2, 0.3, LatentNoise.NORMAL).build(TINY);
        GradientCheck.Result r = GradientCheck.check(g, uniform(DataType.DOUBLE, 3, 4), true);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void discriminatorGradientsInTraining() {
        Discriminator d = new MlpDiscriminatorSpec(List.of(7, 5), 0.2, 0.3).build(TINY);
        GradientCheck.Result r = GradientCheck.check(d, uniform(DataType.DOUBLE, 3, 1, 2, 3), true);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    /** As a critic with a gradient penalty: the double-backward check, with and without spectral norm. */
    @Test
    void discriminatorDoubleBackward() {
        for (boolean spectral : new boolean[] {false, true}) {
            Discriminator d = new MlpDiscriminatorSpec(List.of(7, 5), 0.2, 0.3, spectral).build(TINY);
            assertThat(d.doubleBackwardRefusal()).isEmpty();
            GradientCheck.Result r = GradientCheck.checkDoubleBackward(d, uniform(DataType.DOUBLE, 3, 1, 2, 3), true,
                    GradientCheck.InputGradientFunction.unitNormPenalty(), GradientCheck.Options.defaults());
            assertThat(r.passed()).as("spectral " + spectral + ": " + r).isTrue();
        }
    }

    @Test
    void spectralNormWrapsEveryDenseLayerAndKeepsTheParameters() {
        Discriminator plain = new MlpDiscriminatorSpec(List.of(7, 5), 0.2, 0.3, false).build(TINY);
        Discriminator spectral = new MlpDiscriminatorSpec(List.of(7, 5), 0.2, 0.3, true).build(TINY);
        assertThat(spectral.parameters().values()).isEqualTo(plain.parameters().values());
        assertThat(spectral.parameters().slots().keySet()).containsExactly("1.weight", "1.bias", "1.u", "1.v",
                "4.weight", "4.bias", "4.u", "4.v", "7.weight", "7.bias", "7.u", "7.v");
        GradientCheck.Result r = GradientCheck.check(spectral, uniform(DataType.DOUBLE, 3, 1, 2, 3), true);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void emptyHiddenIsALinearModel() {
        Discriminator d = new MlpDiscriminatorSpec(List.of(), null, null).build(TINY);
        assertThat(d.parameters().size()).isEqualTo(6 + 1);
        GradientCheck.Result r = GradientCheck.check(d, uniform(DataType.DOUBLE, 2, 1, 2, 3), true);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void dropoutIsOffOutsideTraining() {
        Generator g = new MlpGeneratorSpec(4, List.of(50), 0.2, 0.5, null).build(TINY);
        Pass pass = g.newPass();
        INDArray z = uniform(DataType.DOUBLE, 3, 4);
        INDArray eval1 = pass.forward(z, false).dup();
        INDArray eval2 = pass.forward(z, false).dup();
        INDArray train = pass.forward(z, true).dup();
        assertThat(eval1).isEqualTo(eval2);
        assertThat(train).isNotEqualTo(eval1);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new MlpGeneratorSpec(0, null, null, null, null)).hasMessageStartingWith("latentSize");
        assertThatThrownBy(() -> new MlpGeneratorSpec(null, List.of(8, 0), null, null, null)).hasMessageStartingWith("hidden[1]");
        assertThatThrownBy(() -> new MlpGeneratorSpec(null, null, null, 1.0, null)).hasMessageStartingWith("dropout");
        assertThatThrownBy(() -> new MlpDiscriminatorSpec(null, -0.1, null)).hasMessageStartingWith("leakySlope");
    }

    @Test
    void jacksonReadsSettingsAndLowerCaseNoise() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerSubtypes(new com.fasterxml.jackson.databind.jsontype.NamedType(MlpGeneratorSpec.class, "mlp"));
        MlpGeneratorSpec g = (MlpGeneratorSpec) mapper.readValue(
                "{\"type\":\"mlp\",\"latentSize\":64,\"hidden\":[32,64],\"noise\":\"normal\"}",
                org.gan4j.api.spi.GeneratorSpec.class);
        assertThat(g.latentSize()).isEqualTo(64);
        assertThat(g.hidden()).containsExactly(32, 64);
        assertThat(g.noise()).isEqualTo(LatentNoise.NORMAL);
        assertThat(g.dropout()).isEqualTo(0.3);
        MlpGeneratorSpec back = mapper.readValue(mapper.writeValueAsString(g), MlpGeneratorSpec.class);
        assertThat(back).isEqualTo(g);
        mapper.registerSubtypes(new com.fasterxml.jackson.databind.jsontype.NamedType(MlpDiscriminatorSpec.class, "mlp"));
        MlpDiscriminatorSpec d = (MlpDiscriminatorSpec) mapper.readValue("{\"type\":\"mlp\",\"spectralNorm\":true}",
                org.gan4j.api.spi.DiscriminatorSpec.class);
        assertThat(d.spectralNorm()).isTrue();
        assertThat(MlpDiscriminatorSpec.defaults().spectralNorm()).isFalse();
    }

    @Test
    void pluginIsFoundAndNamesBoth() {
        List<GanPlugin> plugins = ServiceLoader.load(GanPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
        assertThat(plugins).anySatisfy(p -> {
            assertThat(p).isInstanceOf(MlpPlugin.class);
            assertThat(p.components()).extracting(c -> c.name() + ":" + c.implementation().getSimpleName())
                    .containsExactly("mlp:MlpGeneratorSpec", "mlp:MlpDiscriminatorSpec");
        });
    }
}

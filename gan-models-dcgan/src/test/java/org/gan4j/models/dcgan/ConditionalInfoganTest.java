package org.gan4j.models.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.gan4j.api.nn.ConditionConcat;
import org.gan4j.api.nn.ConditionalScaleShift;
import org.gan4j.api.nn.GradientCheck;
import org.gan4j.api.nn.Projection;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.api.spi.ModelContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The conditional InfoGAN pair (the quickstart's 28x28 networks): shapes and layers of each form, gradients in double. */
class ConditionalInfoganTest {

    private static final Condition DIGITS = Condition.classes(10);
    private static final int[] LABELS = {3, 7, 0};

    private static ModelContext context(DataType type) {
        return new ModelContext(new long[] {1, 28, 28}, type, 42, DIGITS);
    }

    private static InfoganDiscriminatorSpec discriminator(String condition) {
        return new InfoganDiscriminatorSpec(4, 8, 0.2, null, null, condition, null);
    }

    private static INDArray images(DataType type) {
        Nd4j.getRandom().setSeed(5);
        return Nd4j.rand(type, 3, 1, 28, 28).muli(2).subi(1);
    }

    @Test
    void theGeneratorJoinsALabelEmbeddingToZ() {
        InfoganGeneratorSpec spec = new InfoganGeneratorSpec(16, 4, 8, LatentNoise.NORMAL, "concat", 6);
        assertThat(spec.conditional()).isTrue();
        Generator g = spec.build(context(DataType.FLOAT));
        assertThat(g.conditionSize()).isEqualTo(10);
        assertThat(g.inputShape()).containsExactly(16);
        assertThat(((ConditionConcat) spec.network(context(DataType.FLOAT)).layers().get(0)).outputShape()).containsExactly(22);
        Nd4j.getRandom().setSeed(1);
        INDArray z = Nd4j.randn(DataType.FLOAT, 3, 16);
        INDArray a = g.newPass().forward(z, DIGITS.oneHot(LABELS, DataType.FLOAT), false);
        INDArray b = g.newPass().forward(z, DIGITS.oneHot(new int[] {3, 7, 1}, DataType.FLOAT), false);
        assertThat(a.shape()).containsExactly(3, 1, 28, 28);
        // same z, another label for the last sample only: only its image changes (evaluation mode: no batch statistics)
        assertThat(a.slice(0)).isEqualTo(b.slice(0));
        assertThat(a.slice(2)).isNotEqualTo(b.slice(2));
        assertThat(InfoganGeneratorSpec.defaults().conditional()).isFalse();
    }

    /**
     * Conditional batch normalisation: every batch norm followed by a per-class scale and shift, z
     * alone at the input; its other weights are drawn as the unconditional generator's (the scale and
     * shift start at 0), so the two start as the same network.
     */
    @Test
    void theBatchNormGeneratorScalesAndShiftsEveryBatchNormPerClass() {
        InfoganGeneratorSpec spec = new InfoganGeneratorSpec(16, 4, 8, LatentNoise.NORMAL, "batchnorm", null);
        Sequential net = spec.network(context(DataType.FLOAT));
        assertThat(net.conditionSize()).isEqualTo(10);
        assertThat(net.inputShape()).containsExactly(16);
        java.util.List<org.gan4j.api.nn.Layer> layers = net.layers();
        int norms = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof org.gan4j.api.nn.BatchNorm2d) {
                norms++;
                assertThat(layers.get(i + 1)).isInstanceOf(ConditionalScaleShift.class);
            }
        }
        assertThat(norms).isEqualTo(3);
        assertThat(layers).noneMatch(l -> l instanceof ConditionConcat);
        Sequential plain = new InfoganGeneratorSpec(16, 4, 8, LatentNoise.NORMAL).network(context(DataType.FLOAT));
        // 3 scale-and-shift layers of [10, C] twice: C = 8 (dense), 8 (2 ngf maps), 4 (ngf maps)
        assertThat(net.parameters().size()).isEqualTo(plain.parameters().size() + 2 * 10 * (8 + 8 + 4));
        Nd4j.getRandom().setSeed(1);
        INDArray z = Nd4j.randn(DataType.FLOAT, 3, 16);
        assertThat(net.newPass().forward(z, DIGITS.oneHot(LABELS, DataType.FLOAT), false)).isEqualTo(plain.newPass().forward(z, false));
    }

    @Test
    void eachDiscriminatorFormHasItsLayersAndOutput() {
        Sequential concat = discriminator("concat").network(context(DataType.FLOAT));
        assertThat(concat.layers().get(0)).isInstanceOf(ConditionConcat.class);
        assertThat(concat.layers().get(1).inputShape()).containsExactly(2, 28, 28);
        Sequential projection = discriminator("projection").network(context(DataType.FLOAT));
        assertThat(projection.layers().get(projection.layers().size() - 1)).isInstanceOf(Projection.class);
        Discriminator auxiliary = discriminator("auxiliary").build(context(DataType.FLOAT));
        assertThat(auxiliary.auxiliaryClasses()).isEqualTo(10);
        assertThat(auxiliary.conditionSize()).isZero();
        assertThat(auxiliary.outputShape()).containsExactly(11);
        for (String form : new String[] {"concat", "projection"}) {
            Discriminator d = discriminator(form).build(context(DataType.FLOAT));
            assertThat(d.conditionSize()).as(form).isEqualTo(10);
            assertThat(d.newPass().forward(images(DataType.FLOAT), DIGITS.oneHot(LABELS, DataType.FLOAT), true).shape())
                    .as(form).containsExactly(3, 1);
        }
        long plain = discriminator(null).build(context(DataType.FLOAT)).parameters().size();
        // the projection keeps the score's dense weights and bias and adds the embedding [10, dense]
        assertThat(discriminator("projection").build(context(DataType.FLOAT)).parameters().size()).isEqualTo(plain + 10 * 8);
        assertThat(auxiliary.parameters().size()).isEqualTo(plain + 10 * 8 + 10);
    }

    @Test
    void gradientsInDouble() {
        for (String form : new String[] {"concat", "projection", "auxiliary"}) {
            Sequential d = discriminator(form).network(context(DataType.DOUBLE));
            INDArray condition = form.equals("auxiliary") ? null : DIGITS.oneHot(LABELS, DataType.DOUBLE);
            GradientCheck.Result r = GradientCheck.check(d, images(DataType.DOUBLE), condition, true,
                    GradientCheck.Options.defaults().withMaxChecksPerArray(12).withMaxRelativeError(1e-4));
            assertThat(r.passed()).as(form + ": " + r).isTrue();
        }
        Sequential g = new InfoganGeneratorSpec(5, 2, 6, LatentNoise.NORMAL, "concat", 3).network(context(DataType.DOUBLE));
        Nd4j.getRandom().setSeed(2);
        // The dense layers' biases feed batch norm in training mode, which subtracts the batch mean: their
        // true gradient is 0, and central differences give rounding noise of about 2e-9, hence the absolute tolerance.
        GradientCheck.Options options = new GradientCheck.Options(1e-6, 1e-4, 1e-8, 12, 12345);
        GradientCheck.Result r = GradientCheck.check(g, Nd4j.randn(DataType.DOUBLE, 3, 5), DIGITS.oneHot(LABELS, DataType.DOUBLE), true,
                options);
        assertThat(r.passed()).as(r.toString()).isTrue();
        Sequential cbn = new InfoganGeneratorSpec(5, 2, 6, LatentNoise.NORMAL, "batchnorm", null).network(context(DataType.DOUBLE));
        for (org.gan4j.api.nn.Layer layer : cbn.layers()) {
            if (layer instanceof ConditionalScaleShift s) {
                // away from their initial 0, so that the check sees class-dependent scales
                s.scale().value().assign(Nd4j.rand(DataType.DOUBLE, s.scale().value().shape()).subi(0.5));
                s.shift().value().assign(Nd4j.rand(DataType.DOUBLE, s.shift().value().shape()).subi(0.5));
            }
        }
        r = GradientCheck.check(cbn, Nd4j.randn(DataType.DOUBLE, 3, 5), DIGITS.oneHot(LABELS, DataType.DOUBLE), true, options);
        assertThat(r.passed()).as("batchnorm: " + r).isTrue();
    }

    @Test
    void settingsReadAndPrintBack() throws Exception {
        ObjectMapper m = new ObjectMapper();
        m.registerSubtypes(new NamedType(InfoganDiscriminatorSpec.class, "infogan"));
        DiscriminatorSpec d = m.readValue("{\"type\":\"infogan\",\"condition\":\"auxiliary\"}", DiscriminatorSpec.class);
        assertThat(d.conditional()).isTrue();
        assertThat(m.readValue(m.writerFor(DiscriminatorSpec.class).writeValueAsString(d), DiscriminatorSpec.class)).isEqualTo(d);
        assertThatThrownBy(() -> new InfoganGeneratorSpec(null, null, null, null, "projection", null))
                .hasMessageStartingWith("condition must be one of none, concat, batchnorm");
        assertThatThrownBy(() -> discriminator("projection").build(new ModelContext(new long[] {1, 28, 28}, DataType.FLOAT, 1)))
                .hasMessageContaining("the infogan discriminator is conditional but the context has no labels");
    }
}

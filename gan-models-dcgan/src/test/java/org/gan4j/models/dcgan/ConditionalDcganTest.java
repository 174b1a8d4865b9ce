package org.gan4j.models.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.gan4j.api.nn.ConditionConcat;
import org.gan4j.api.nn.GradientCheck;
import org.gan4j.api.nn.Projection;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.api.spi.ModelContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The conditional DCGAN: shapes and layers of each form, gradients in double, settings. */
class ConditionalDcganTest {

    private static final Condition DIGITS = Condition.classes(10);
    private static final int[] LABELS = {3, 7, 0};

    private static ModelContext context(DataType type) {
        return new ModelContext(new long[] {1, 32, 32}, type, 42, DIGITS);
    }

    private static DcganDiscriminatorSpec discriminator(String condition) {
        return new DcganDiscriminatorSpec(4, null, null, 0.2, null, null, condition, null);
    }

    private static INDArray images(DataType type) {
        Nd4j.getRandom().setSeed(5);
        return Nd4j.rand(type, 3, 1, 32, 32).muli(2).subi(1);
    }

    @Test
    void theGeneratorJoinsALabelEmbeddingToZ() {
        DcganGeneratorSpec spec = new DcganGeneratorSpec(16, 4, null, null, LatentNoise.NORMAL, "concat", 6);
        assertThat(spec.conditional()).isTrue();
        Generator g = spec.build(context(DataType.FLOAT));
        assertThat(g.conditionSize()).isEqualTo(10);
        assertThat(g.inputShape()).containsExactly(16, 1, 1);
        Sequential net = spec.network(context(DataType.FLOAT));
        assertThat(((ConditionConcat) net.layers().get(0)).outputShape()).containsExactly(22, 1, 1);
        Nd4j.getRandom().setSeed(1);
        INDArray z = Nd4j.randn(DataType.FLOAT, 3, 16, 1, 1);
        INDArray a = g.newPass().forward(z, DIGITS.oneHot(LABELS, DataType.FLOAT), false);
        INDArray b = g.newPass().forward(z, DIGITS.oneHot(new int[] {3, 7, 1}, DataType.FLOAT), false);
        assertThat(a.shape()).containsExactly(3, 1, 32, 32);
        // same z, another label for the last sample only: only its image changes
        assertThat(a.slice(0)).isEqualTo(b.slice(0));
        assertThat(a.slice(2)).isNotEqualTo(b.slice(2));
        assertThat(DcganGeneratorSpec.defaults().conditional()).isFalse();
    }

    @Test
    void eachDiscriminatorFormHasItsLayersAndOutput() {
        Sequential concat = discriminator("concat").network(context(DataType.FLOAT));
        assertThat(concat.layers().get(0)).isInstanceOf(ConditionConcat.class);
        assertThat(concat.layers().get(1).inputShape()).containsExactly(2, 32, 32); // the image and one label map
        Sequential projection = discriminator("projection").network(context(DataType.FLOAT));
        assertThat(projection.layers().get(projection.layers().size() - 1)).isInstanceOf(Projection.class);
        Discriminator auxiliary = discriminator("auxiliary").build(context(DataType.FLOAT));
        assertThat(auxiliary.auxiliaryClasses()).isEqualTo(10);
        assertThat(auxiliary.conditionSize()).isZero(); // it classifies, it does not read labels
        assertThat(auxiliary.outputShape()).containsExactly(11);
        for (String form : new String[] {"concat", "projection"}) {
            Discriminator d = discriminator(form).build(context(DataType.FLOAT));
            assertThat(d.conditionSize()).as(form).isEqualTo(10);
            assertThat(d.newPass().forward(images(DataType.FLOAT), DIGITS.oneHot(LABELS, DataType.FLOAT), true).shape())
                    .as(form).containsExactly(3, 1);
        }
        // the unconditional parameter count is unchanged, the projection's linear score has as many weights as the 4x4 convolution
        long plain = discriminator(null).build(context(DataType.FLOAT)).parameters().size();
        assertThat(discriminator("projection").build(context(DataType.FLOAT)).parameters().size())
                .isEqualTo(plain + 1 + 10 * 16 * 16); // bias + embedding [10, 4ndf * 4 * 4]
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
        Sequential g = new DcganGeneratorSpec(5, 2, null, null, LatentNoise.NORMAL, "concat", 3).network(context(DataType.DOUBLE));
        Nd4j.getRandom().setSeed(2);
        GradientCheck.Result r = GradientCheck.check(g, Nd4j.randn(DataType.DOUBLE, 3, 5, 1, 1), DIGITS.oneHot(LABELS, DataType.DOUBLE), true,
                GradientCheck.Options.defaults().withMaxChecksPerArray(12).withMaxRelativeError(1e-4));
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void settingsReadAndPrintBack() throws Exception {
        ObjectMapper m = new ObjectMapper();
        m.registerSubtypes(new NamedType(DcganGeneratorSpec.class, "dcgan"), new NamedType(DcganDiscriminatorSpec.class, "dcgan"));
        DiscriminatorSpec d = m.readValue("{\"type\":\"dcgan\",\"condition\":\"projection\"}", DiscriminatorSpec.class);
        assertThat(d.conditional()).isTrue();
        assertThat(m.readValue(m.writerFor(DiscriminatorSpec.class).writeValueAsString(d), DiscriminatorSpec.class)).isEqualTo(d);
        GeneratorSpec g = m.readValue("{\"type\":\"dcgan\",\"condition\":\"concat\",\"embedding\":20}", GeneratorSpec.class);
        assertThat(((DcganGeneratorSpec) g).embedding()).isEqualTo(20);
        assertThatThrownBy(() -> new DcganGeneratorSpec(null, null, null, null, null, "projection", null))
                .hasMessageStartingWith("condition must be one of none, concat");
        assertThatThrownBy(() -> discriminator("concat").build(new ModelContext(new long[] {1, 32, 32}, DataType.FLOAT, 1)))
                .hasMessageContaining("the dcgan discriminator is conditional but the context has no labels");
    }
}

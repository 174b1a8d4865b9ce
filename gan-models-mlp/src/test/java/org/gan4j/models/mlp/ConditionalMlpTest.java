package org.gan4j.models.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gan4j.api.nn.GradientCheck;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.ModelContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The conditional MLP: each form's shapes and parameter counts, gradients in double, attributes as well as classes. */
class ConditionalMlpTest {

    private static final Condition CLASSES = Condition.classes(4);
    private static final ModelContext TINY = new ModelContext(new long[] {1, 2, 3}, DataType.DOUBLE, 5, CLASSES);

    private static INDArray uniform(long... shape) {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.rand(DataType.DOUBLE, shape).muli(2).subi(1);
    }

    @Test
    void generatorWithALabelEmbedding() {
        Generator g = new MlpGeneratorSpec(4, List.of(5), 0.2, 0.0, null, null, "concat", 3).build(TINY);
        assertThat(g.conditionSize()).isEqualTo(4);
        // embedding 4x3, then dense (4 + 3) x 5 + 5, dense 5 x 6 + 6
        assertThat(g.parameters().size()).isEqualTo(12 + 40 + 36);
        INDArray c = CLASSES.oneHot(new int[] {1, 3}, DataType.DOUBLE);
        GradientCheck.Result r = GradientCheck.check(g, uniform(2, 4), c, false);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void discriminatorForms() {
        INDArray x = uniform(2, 1, 2, 3);
        INDArray c = CLASSES.oneHot(new int[] {0, 2}, DataType.DOUBLE);
        Discriminator concat = new MlpDiscriminatorSpec(List.of(5), 0.2, 0.0, "concat", 3).build(TINY);
        assertThat(concat.parameters().size()).isEqualTo(12 + (6 + 3) * 5 + 5 + 5 + 1);
        Discriminator projection = new MlpDiscriminatorSpec(List.of(5), 0.2, 0.0, "projection", null).build(TINY);
        assertThat(projection.parameters().size()).isEqualTo(6 * 5 + 5 + 5 + 1 + 4 * 5);
        Discriminator auxiliary = new MlpDiscriminatorSpec(List.of(5), 0.2, 0.0, "auxiliary", null).build(TINY);
        assertThat(auxiliary.outputShape()).containsExactly(5);
        assertThat(auxiliary.auxiliaryClasses()).isEqualTo(4);
        for (Discriminator d : List.of(concat, projection)) {
            GradientCheck.Result r = GradientCheck.check(d, x, c, false);
            assertThat(r.passed()).as(r.toString()).isTrue();
        }
        GradientCheck.Result r = GradientCheck.check(auxiliary, x, false);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void attributesAreConditionRowsLikeClasses() {
        ModelContext attributes = new ModelContext(new long[] {1, 2, 3}, DataType.DOUBLE, 5, Condition.attributes(List.of("a", "b", "c")));
        Discriminator d = new MlpDiscriminatorSpec(List.of(5), 0.2, 0.0, "projection", null).build(attributes);
        INDArray rows = Nd4j.createFromArray(new double[][] {{1, 0, 1}, {0, 1, 1}});
        GradientCheck.Result r = GradientCheck.check(d, uniform(2, 1, 2, 3), rows, false);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void badSettings() {
        assertThat(MlpDiscriminatorSpec.defaults().conditional()).isFalse();
        assertThat(new MlpDiscriminatorSpec(null, null, null, "auxiliary", null).conditional()).isTrue();
        assertThatThrownBy(() -> new MlpDiscriminatorSpec(null, null, null, "concat", 0)).hasMessageStartingWith("embedding");
        assertThatThrownBy(() -> new MlpGeneratorSpec(null, null, null, null, null, null, "auxiliary", null))
                .hasMessageStartingWith("condition must be one of none, concat");
    }
}

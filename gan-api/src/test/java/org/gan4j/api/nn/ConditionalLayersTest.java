package org.gan4j.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gan4j.api.nn.GradientCheckTest.input;

import org.gan4j.api.spi.Condition;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The label embedding and the projection output: closed forms, gradient checks in double, refusals. */
class ConditionalLayersTest {

    private static final int[] LABELS = {2, 0, 3, 2};

    private static INDArray oneHot(int classes) {
        return Condition.classes(classes).oneHot(LABELS, DataType.DOUBLE);
    }

    /** Rows of 0s and 1s, several set per row: an attribute condition. */
    private static INDArray attributes() {
        return Nd4j.createFromArray(new double[][] {{1, 0, 1, 1}, {0, 0, 0, 0}, {0, 1, 1, 0}, {1, 1, 1, 1}});
    }

    private static void assertPasses(Sequential net, INDArray x, INDArray condition) {
        GradientCheck.Result result = GradientCheck.check(net, x, condition, false);
        assertThat(result.passed()).as(result.toString()).isTrue();
        assertThat(result.checked()).isGreaterThan(0);
    }

    @Test
    void concatenationJoinsEachSampleWithItsLabelsEmbeddingRow() {
        Sequential net = Sequential.builder(3).conditionConcat(4, 5).build(DataType.DOUBLE, 1);
        assertThat(net.conditionSize()).isEqualTo(4);
        assertThat(net.outputShape()).containsExactly(8);
        INDArray x = input(4, 3);
        INDArray out = net.newPass().forward(x, oneHot(4), false);
        INDArray table = ((ConditionConcat) net.layers().get(0)).embedding().value();
        for (int i = 0; i < LABELS.length; i++) {
            assertThat(out.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, 3))).isEqualTo(x.getRow(i));
            assertThat(out.get(NDArrayIndex.point(i), NDArrayIndex.interval(3, 8))).isEqualTo(table.getRow(LABELS[i]));
        }
    }

    @Test
    void concatenationAsExtraChannels() {
        Sequential net = Sequential.builder(1, 3, 3).conditionConcat(4, 2, 3, 3).build(DataType.DOUBLE, 1);
        assertThat(net.outputShape()).containsExactly(3, 3, 3);
        INDArray x = input(4, 1, 3, 3);
        INDArray out = net.newPass().forward(x, oneHot(4), false);
        INDArray table = ((ConditionConcat) net.layers().get(0)).embedding().value();
        // channels 1 and 2 of sample 0 are row LABELS[0] of the table, as two 3x3 maps
        assertThat(out.get(NDArrayIndex.point(0), NDArrayIndex.interval(1, 3)).reshape(18)).isEqualTo(table.getRow(LABELS[0]));
        assertThat(out.get(NDArrayIndex.point(0), NDArrayIndex.point(0))).isEqualTo(x.get(NDArrayIndex.point(0), NDArrayIndex.point(0)));
    }

    @Test
    void concatenationGradients() {
        assertPasses(Sequential.builder(3).conditionConcat(4, 5).dense(2).build(DataType.DOUBLE, 1), input(4, 3), oneHot(4));
        assertPasses(Sequential.builder(3).conditionConcat(4, 5).dense(2).build(DataType.DOUBLE, 1), input(4, 3), attributes());
        assertPasses(Sequential.builder(2, 3, 3).conditionConcat(4, 1, 3, 3).flatten().dense(2).build(DataType.DOUBLE, 1),
                input(4, 2, 3, 3), oneHot(4));
    }

    @Test
    void projectionIsTheLinearScorePlusTheInnerProductWithTheLabelsEmbedding() {
        Sequential net = Sequential.builder(6).projection(4).build(DataType.DOUBLE, 3);
        Projection p = (Projection) net.layers().get(0);
        INDArray h = input(4, 6);
        INDArray out = net.newPass().forward(h, oneHot(4), false);
        assertThat(out.shape()).containsExactly(4, 1);
        for (int i = 0; i < LABELS.length; i++) {
            double expected = h.getRow(i).mul(p.weight().value().reshape(6)).sumNumber().doubleValue()
                    + p.bias().value().getDouble(0)
                    + h.getRow(i).mul(p.embedding().value().getRow(LABELS[i])).sumNumber().doubleValue();
            assertThat(out.getDouble(i, 0)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void projectionGradients() {
        assertPasses(Sequential.builder(6).projection(4).build(DataType.DOUBLE, 3), input(4, 6), oneHot(4));
        assertPasses(Sequential.builder(6).projection(4).build(DataType.DOUBLE, 3), input(4, 6), attributes());
        // a projection discriminator end to end: features, embedding joined at the input, projection out
        Sequential d = Sequential.builder(1, 4, 4).conditionConcat(4, 1, 4, 4).flatten().dense(5).leakyRelu(0.2).projection(4)
                .build(DataType.DOUBLE, 5);
        assertPasses(d, input(4, 1, 4, 4), oneHot(4));
    }

    @Test
    void aConditionalNetworkRefusesToRunWithoutItsCondition() {
        Sequential net = Sequential.builder(6).projection(4).build(DataType.DOUBLE, 3);
        assertThatThrownBy(() -> net.newPass().forward(input(4, 6), false))
                .hasMessageContaining("reads a condition of 4 values per sample");
        assertThatThrownBy(() -> net.newPass().forward(input(4, 6), Nd4j.zeros(DataType.DOUBLE, 4, 3), false))
                .hasMessageContaining("expects a condition [4, 4]").hasMessageContaining("[4, 3]");
        assertThatThrownBy(() -> net.newPass().forward(input(4, 6), Nd4j.zeros(DataType.FLOAT, 4, 4), false))
                .hasMessageContaining("DOUBLE").hasMessageContaining("FLOAT");
    }

    @Test
    void anUnconditionalNetworkRefusesACondition() {
        Sequential net = Sequential.builder(6).dense(1).build(DataType.DOUBLE, 3);
        assertThat(net.conditionSize()).isZero();
        assertThat(net.newPass().forward(input(4, 6), null, false).shape()).containsExactly(4, 1);
        assertThatThrownBy(() -> net.newPass().forward(input(4, 6), oneHot(4), false))
                .hasMessageContaining("reads no condition");
    }

    @Test
    void layersReadingDifferentWidthsAreRefused() {
        assertThatThrownBy(() -> Sequential.builder(3).conditionConcat(4, 5).dense(6).projection(3).build(DataType.DOUBLE, 1))
                .hasMessageContaining("different widths, 4 and 3");
    }

    @Test
    void embeddingsMustMatchTheInputBeyondTheFirstDimension() {
        assertThatThrownBy(() -> Sequential.builder(1, 4, 4).conditionConcat(4, 1, 3, 4))
                .hasMessageContaining("all dimensions but the first must match");
        assertThatThrownBy(() -> Sequential.builder(1, 4, 4).projection(4)).hasMessageContaining("flatten first");
    }

    private static void assertDoubleBackwardPasses(Sequential net, INDArray x, INDArray condition) {
        assertThat(net.doubleBackwardRefusal()).isEmpty();
        for (GradientCheck.InputGradientFunction phi : new GradientCheck.InputGradientFunction[] {
                GradientCheck.InputGradientFunction.linear(7), GradientCheck.InputGradientFunction.unitNormPenalty()}) {
            GradientCheck.Result result = GradientCheck.checkDoubleBackward(net, x, condition, false, phi,
                    GradientCheck.Options.defaults());
            assertThat(result.passed()).as(result.toString()).isTrue();
            assertThat(result.checked()).isGreaterThan(0);
        }
    }

    /** A gradient penalty on a conditional critic: the label embedding's second-order terms, in double. */
    @Test
    void concatenationDoubleBackward() {
        assertDoubleBackwardPasses(Sequential.builder(3).conditionConcat(4, 5).dense(6).tanh().dense(1).build(DataType.DOUBLE, 1),
                input(4, 3), oneHot(4));
        assertDoubleBackwardPasses(Sequential.builder(1, 3, 3).conditionConcat(4, 2, 3, 3)
                        .add(in -> new Conv2d(in, 2, 2, 1, 0)).tanh().flatten().dense(1).build(DataType.DOUBLE, 2),
                input(4, 1, 3, 3), attributes());
    }

    /** The projection's own terms ({@code dw += tᵀg}, {@code dV += cᵀ(g t)}) alone and behind a curved layer. */
    @Test
    void projectionDoubleBackward() {
        assertDoubleBackwardPasses(Sequential.builder(6).projection(4).build(DataType.DOUBLE, 3), input(4, 6), oneHot(4));
        assertDoubleBackwardPasses(Sequential.builder(5).dense(6).tanh().projection(4).build(DataType.DOUBLE, 4), input(4, 5),
                oneHot(4));
        assertDoubleBackwardPasses(Sequential.builder(5).dense(6).leakyRelu(0.2).projection(4).build(DataType.DOUBLE, 5),
                input(4, 5), attributes());
    }

    /** WGAN-GP's penalty on a one-layer projection critic has a closed form: {@code ∇ₕD = w + c V} per sample. */
    @Test
    void projectionPenaltyInputGradientIsTheLabelsDirection() {
        Sequential net = Sequential.builder(6).projection(4).build(DataType.DOUBLE, 3);
        Projection p = (Projection) net.layers().get(0);
        Pass pass = net.newPass();
        INDArray h = input(4, 6);
        pass.forward(h, oneHot(4), true);
        INDArray g = pass.backward(Nd4j.ones(DataType.DOUBLE, 4, 1), false, true);
        for (int i = 0; i < LABELS.length; i++) {
            INDArray expected = p.weight().value().reshape(6).add(p.embedding().value().getRow(LABELS[i]));
            assertThat(g.getRow(i).sub(expected).norm2Number().doubleValue()).isLessThan(1e-12);
        }
    }

    /** A network starting with a conditional scale and shift whose {@code Γ}, {@code Β} are drawn at random (they start at 0). */
    private static Sequential scaleShifted(Sequential.Builder builder, long seed) {
        Sequential net = builder.build(DataType.DOUBLE, seed);
        for (Layer layer : net.layers()) {
            if (layer instanceof ConditionalScaleShift s) {
                s.scale().value().assign(Nd4j.rand(DataType.DOUBLE, s.scale().value().shape()).subi(0.5));
                s.shift().value().assign(Nd4j.rand(DataType.DOUBLE, s.shift().value().shape()).subi(0.5));
            }
        }
        return net;
    }

    @Test
    void scaleShiftStartsAsTheIdentityAndScalesEachChannelByItsClassRow() {
        Sequential fresh = Sequential.builder(2, 3, 3).conditionalScaleShift(4).build(DataType.DOUBLE, 1);
        INDArray x = input(4, 2, 3, 3);
        assertThat(fresh.newPass().forward(x, oneHot(4), false)).isEqualTo(x);

        Sequential net = scaleShifted(Sequential.builder(2, 3, 3).conditionalScaleShift(4), 1);
        ConditionalScaleShift layer = (ConditionalScaleShift) net.layers().get(0);
        INDArray out = net.newPass().forward(x, oneHot(4), false);
        for (int i = 0; i < LABELS.length; i++) {
            for (int ch = 0; ch < 2; ch++) {
                double scale = 1 + layer.scale().value().getDouble(LABELS[i], ch);
                double shift = layer.shift().value().getDouble(LABELS[i], ch);
                INDArray expected = x.get(NDArrayIndex.point(i), NDArrayIndex.point(ch)).mul(scale).add(shift);
                assertThat(out.get(NDArrayIndex.point(i), NDArrayIndex.point(ch)).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
            }
        }
    }

    /** Behind a batch norm in training (conditional batch normalisation), with one-hot labels and with attribute rows. */
    @Test
    void scaleShiftGradients() {
        for (INDArray condition : new INDArray[] {oneHot(4), attributes()}) {
            Sequential net = scaleShifted(Sequential.builder(2, 3, 3).add(BatchNorm2d::new).conditionalScaleShift(4).relu()
                    .add(in -> new Conv2d(in, 2, 2, 1, 0)).tanh().flatten().dense(1), 3);
            GradientCheck.Result result = GradientCheck.check(net, input(4, 2, 3, 3), condition, true);
            assertThat(result.passed()).as(result.toString()).isTrue();
            assertThat(result.checked()).isGreaterThan(0);
        }
        assertPasses(scaleShifted(Sequential.builder(2, 3, 3).conditionalScaleShift(4).tanh().flatten().dense(1), 4),
                input(4, 2, 3, 3), oneHot(4));
    }

    /** The second-order term {@code dΓ += cᵀ Σ δ ⊙ t} behind and before curved layers. */
    @Test
    void scaleShiftDoubleBackward() {
        assertDoubleBackwardPasses(scaleShifted(Sequential.builder(2, 3, 3).conditionalScaleShift(4).tanh().flatten().dense(1), 5),
                input(4, 2, 3, 3), oneHot(4));
        assertDoubleBackwardPasses(scaleShifted(Sequential.builder(1, 3, 3).add(in -> new Conv2d(in, 2, 2, 1, 0)).tanh()
                        .conditionalScaleShift(4).leakyRelu(0.2).flatten().dense(1), 6), input(4, 1, 3, 3), attributes());
    }

    @Test
    void scaleShiftNeedsMaps() {
        assertThatThrownBy(() -> Sequential.builder(6).conditionalScaleShift(4)).hasMessageContaining("[channels, height, width]");
    }
}

package org.gan4j.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SequentialTest {

    private static INDArray input(long... shape) {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
    }

    @Test
    void shapesAndParameterNames() {
        Sequential net = Sequential.builder(1, 2, 3).flatten().dense(4).relu().dense(5).reshape(5, 1).build(DataType.FLOAT, 1);
        assertThat(net.inputShape()).containsExactly(1, 2, 3);
        assertThat(net.outputShape()).containsExactly(5, 1);
        assertThat(net.parameters().slots().keySet()).containsExactly("1.weight", "1.bias", "3.weight", "3.bias");
        assertThat(net.parameters().size()).isEqualTo(6 * 4 + 4 + 4 * 5 + 5);
        assertThat(net.newPass().forward(Nd4j.rand(DataType.FLOAT, 7, 1, 2, 3), false).shape()).containsExactly(7, 5, 1);
    }

    @Test
    void denseComputesXwPlusB() {
        Sequential net = Sequential.builder(2).dense(3).build(DataType.DOUBLE, 1);
        Dense dense = (Dense) net.layers().get(0);
        dense.weight().value().assign(Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        dense.bias().value().assign(Nd4j.createFromArray(0.5, -1.0, 0.0));
        INDArray y = net.newPass().forward(Nd4j.createFromArray(new double[][] {{1, 1}, {2, -1}}), false);
        assertThat(y.toDoubleMatrix()).isDeepEqualTo(new double[][] {{5.5, 6, 9}, {-1.5, -2, 0}});
    }

    @Test
    void buffersAreReusedForTheSameBatchSizeAndRightAfterAChange() {
        Sequential net = Sequential.builder(4).dense(3).tanh().build(DataType.DOUBLE, 1);
        Pass pass = net.newPass();
        INDArray first = pass.forward(input(2, 4), false);
        INDArray second = pass.forward(input(2, 4), false);
        assertThat(second).isSameAs(first);
        INDArray bigger = pass.forward(input(5, 4), false);
        assertThat(bigger.shape()).containsExactly(5, 3);
        GradientCheck.Result r = GradientCheck.check(net, input(5, 4), false);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void withoutInputGradientTheParameterGradientsAreTheSame() {
        Sequential net = Sequential.builder(4).dense(6).leakyRelu(0.2).dense(2).build(DataType.DOUBLE, 1);
        INDArray x = input(3, 4);
        INDArray g = input(3, 2);
        Pass pass = net.newPass();
        net.parameters().zeroGradients();
        pass.forward(x, false);
        assertThat(pass.backward(g, true, true)).isNotNull();
        INDArray withInput = net.parameters().gradients().dup();
        net.parameters().zeroGradients();
        pass.forward(x, false);
        assertThat(pass.backward(g, true, false)).isNull();
        assertThat(net.parameters().gradients()).isEqualTo(withInput);
    }

    @Test
    void dropoutDropsAboutPAndScalesTheRest() {
        Sequential net = Sequential.builder(1000).dropout(0.3).build(DataType.DOUBLE, 9);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 20, 1000);
        Pass pass = net.newPass();
        INDArray out = pass.forward(ones, true);
        double dropped = out.eq(0.0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertThat(dropped).isCloseTo(0.3, within(0.01));
        assertThat(out.maxNumber().doubleValue()).isCloseTo(1 / 0.7, within(1e-12));
        // The backward uses the same mask.
        INDArray back = pass.backward(ones, true);
        assertThat(back).isEqualTo(out);
        // Identity outside training, and new masks on each training forward.
        assertThat(pass.forward(ones, false)).isEqualTo(ones);
        INDArray a = pass.forward(ones, true).dup();
        INDArray b = pass.forward(ones, true).dup();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void frozenRandomnessReusesTheMask() {
        Sequential net = Sequential.builder(100).dropout(0.5).build(DataType.DOUBLE, 9);
        Sequential.SequentialPass pass = net.newPass();
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 4, 100);
        INDArray a = pass.forward(ones, true).dup();
        pass.freezeRandomness(true);
        assertThat(pass.forward(ones, true)).isEqualTo(a);
        pass.freezeRandomness(false);
        assertThat(pass.forward(ones, true)).isNotEqualTo(a);
    }

    @Test
    void sameSeedSameDropoutMasks() {
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 4, 100);
        INDArray a = Sequential.builder(100).dropout(0.5).build(DataType.DOUBLE, 9).newPass().forward(ones, true).dup();
        INDArray b = Sequential.builder(100).dropout(0.5).build(DataType.DOUBLE, 9).newPass().forward(ones, true).dup();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void rejectsMismatchesAndBadSizes() {
        assertThatThrownBy(() -> Sequential.builder(5).add(in -> new Dense(new long[] {7}, 3)))
                .hasMessageContaining("declared for input [7]");
        assertThatThrownBy(() -> Sequential.builder(5).dense(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Sequential.builder(2, 3).dense(4)).hasMessageContaining("Reshape");
        assertThatThrownBy(() -> Sequential.builder(6).reshape(4)).hasMessageContaining("cannot reshape");
        assertThatThrownBy(() -> Sequential.builder(6).dropout(1.0)).hasMessageContaining("dropout");
        Sequential twoOut = Sequential.builder(6).dense(2).build(DataType.FLOAT, 1);
        Pass pass = twoOut.newPass();
        assertThatThrownBy(() -> pass.forward(Nd4j.ones(DataType.FLOAT, 3, 5), false)).hasMessageContaining("[batch, 6]");
    }

    @Test
    void activationValuesMatchTheirDefinitions() {
        double[] xs = {-3.0, -0.5, -1e-3, 0.0, 2e-4, 0.7, 4.0};
        INDArray x = Nd4j.createFromArray(new double[][] {xs});
        double[] tanh = Sequential.builder(xs.length).tanh().build(DataType.DOUBLE, 1).newPass().forward(x, false).toDoubleVector();
        double[] sigmoid = Sequential.builder(xs.length).sigmoid().build(DataType.DOUBLE, 1).newPass().forward(x, false).toDoubleVector();
        double[] leaky = Sequential.builder(xs.length).leakyRelu(0.2).build(DataType.DOUBLE, 1).newPass().forward(x, false).toDoubleVector();
        double[] relu = Sequential.builder(xs.length).relu().build(DataType.DOUBLE, 1).newPass().forward(x, false).toDoubleVector();
        for (int i = 0; i < xs.length; i++) {
            assertThat(tanh[i]).isCloseTo(Math.tanh(xs[i]), within(1e-15));
            assertThat(sigmoid[i]).isCloseTo(1 / (1 + Math.exp(-xs[i])), within(1e-15));
            assertThat(leaky[i]).isCloseTo(xs[i] > 0 ? xs[i] : 0.2 * xs[i], within(1e-15));
            assertThat(relu[i]).isCloseTo(Math.max(xs[i], 0), within(1e-15));
        }
    }
}

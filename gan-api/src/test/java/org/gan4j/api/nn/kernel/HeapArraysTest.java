package org.gan4j.api.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import org.gan4j.api.nn.Pass;
import org.gan4j.api.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The Java path that small FLOAT arrays take ({@link HeapArrays}) against the native path that DOUBLE
 * arrays take, which the gradient checks cover.
 */
class HeapArraysTest {

    private static INDArray values(long rows, long cols, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, rows, cols).subi(0.5).muli(6);
    }

    /** Forward and backward of {@code layer} in FLOAT (Java path) and DOUBLE (native): the same to float rounding. */
    private static void sameInBothPaths(Function<Sequential.Builder, Sequential.Builder> layer) {
        INDArray x = values(5, 7, 1);
        INDArray[] results = new INDArray[4];
        int k = 0;
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Sequential net = layer.apply(Sequential.builder(7)).build(type, 1);
            Pass pass = net.newPass();
            INDArray xt = x.castTo(type);
            INDArray g = values(5, net.outputShape()[0], 2);
            assertThat(HeapArrays.fit(xt)).isEqualTo(type == DataType.FLOAT);
            results[k++] = pass.forward(xt, true).castTo(DataType.DOUBLE);
            results[k++] = pass.backward(g.castTo(type), false).castTo(DataType.DOUBLE);
        }
        for (int i = 0; i < 2; i++) {
            double[] f = results[i].ravel().toDoubleVector();
            double[] d = results[i + 2].ravel().toDoubleVector();
            for (int j = 0; j < f.length; j++) {
                assertThat(f[j]).as(i == 0 ? "forward" : "backward").isCloseTo(d[j], within(1e-5 * (1 + Math.abs(d[j]))));
            }
        }
    }

    @Test
    void activationsMatchTheNativePath() {
        sameInBothPaths(b -> b.leakyRelu(0.2));
        sameInBothPaths(Sequential.Builder::relu);
        sameInBothPaths(Sequential.Builder::tanh);
        sameInBothPaths(Sequential.Builder::sigmoid);
        sameInBothPaths(b -> b.dense(4));
    }

    @Test
    void leakyReluGradientAtZeroIsOneInBothPathsAsLibnd4jDefinesIt() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Pass pass = Sequential.builder(5).leakyRelu(0.2).build(type, 1).newPass();
            pass.forward(Nd4j.createFromArray(new double[][] {{0.0, -0.0, 1.5, -1.5, 1e-30}}).castTo(type), true);
            double[] g = pass.backward(Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}}).castTo(type), false).ravel().toDoubleVector();
            assertThat(g).as(type.toString()).containsExactly(new double[] {1, 1, 1, 0.2, 1}, within(1e-7));
        }
    }

    @Test
    void tanhOnTheJavaPathIsWithinAFewUlpOfTheExactValue() {
        double[] xs = new double[4001];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -20 + i * 0.01;
        }
        INDArray x = Nd4j.createFromArray(new double[][] {xs}).castTo(DataType.FLOAT);
        assertThat(HeapArrays.fit(x)).isTrue();
        double[] y = Sequential.builder(xs.length).tanh().build(DataType.FLOAT, 1).newPass().forward(x, false).ravel().toDoubleVector();
        double[] xf = x.ravel().toDoubleVector();
        for (int i = 0; i < xs.length; i++) {
            assertThat(y[i]).as("tanh(%s)", xf[i]).isCloseTo(Math.tanh(xf[i]), within(5e-7)).isBetween(-1.0, 1.0);
        }
    }

    @Test
    void dropoutZeroesOrScalesEachValueAndItsGradientAlike() {
        Sequential net = Sequential.builder(50).dropout(0.3).build(DataType.FLOAT, 4);
        Pass pass = net.newPass();
        INDArray x = values(8, 50, 3).addi(10).castTo(DataType.FLOAT); // no zeros among the inputs
        INDArray g = values(8, 50, 4).castTo(DataType.FLOAT);
        double[] y = pass.forward(x, true).ravel().toDoubleVector();
        double[] gi = pass.backward(g, false).ravel().toDoubleVector();
        double[] xs = x.ravel().toDoubleVector();
        double[] gs = g.ravel().toDoubleVector();
        int dropped = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 0) {
                dropped++;
                assertThat(gi[i]).isZero();
            } else {
                assertThat(y[i]).isCloseTo(xs[i] / 0.7, within(1e-4));
                assertThat(gi[i]).isCloseTo(gs[i] / 0.7, within(1e-5));
            }
        }
        assertThat(dropped).isBetween(60, 180); // 400 values, p = 0.3: 120 expected
    }

    @Test
    void javaDropoutMasksDropTheRightShareAndDependOnlyOnTheSeed() {
        Sequential net = Sequential.builder(1000).dropout(0.3).build(DataType.FLOAT, 4);
        Pass pass = net.newPass();
        INDArray ones = Nd4j.ones(DataType.FLOAT, 64, 1000);
        assertThat(HeapArrays.fit(ones)).isTrue();
        net.reseed(11);
        double[] first = pass.forward(ones, true).ravel().toDoubleVector();
        double[] second = pass.forward(ones, true).ravel().toDoubleVector();
        net.reseed(11);
        double[] again = pass.forward(ones, true).ravel().toDoubleVector();
        assertThat(again).containsExactly(first);
        assertThat(second).isNotEqualTo(first);
        long dropped = java.util.Arrays.stream(first).filter(v -> v == 0).count();
        // 64000 values, p = 0.3: the share's standard deviation is 0.0018.
        assertThat(dropped / 64000.0).isCloseTo(0.3, within(0.01));
        assertThat(java.util.Arrays.stream(first).filter(v -> v != 0)).allSatisfy(v -> assertThat(v).isCloseTo(1 / 0.7, within(1e-6)));
    }

    @Test
    void onlyDenseSmallFloatArraysFit() {
        assertThat(HeapArrays.fit(Nd4j.create(DataType.FLOAT, 4, 8))).isTrue();
        assertThat(HeapArrays.fit(Nd4j.create(DataType.DOUBLE, 4, 8))).isFalse();
        assertThat(HeapArrays.fit(Nd4j.create(DataType.FLOAT, 2, HeapArrays.MAX_LENGTH))).isFalse();
        assertThat(HeapArrays.fit(Nd4j.create(DataType.FLOAT, 4, 8).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4)))).isFalse();
        assertThat(HeapArrays.fit(Nd4j.create(DataType.FLOAT, 4, 8), Nd4j.create(DataType.FLOAT, 4, 9))).isFalse();
    }

    @Test
    void zeroClearsOnlyTheViewItIsGiven() {
        INDArray whole = Nd4j.createFromArray(1f, 2f, 3f, 4f, 5f);
        assertThat(HeapArrays.zero(whole.get(NDArrayIndex.interval(1, 4)))).isTrue();
        assertThat(whole.toFloatVector()).containsExactly(1f, 0f, 0f, 0f, 5f);
        Sequential net = Sequential.builder(3).dense(2).build(DataType.DOUBLE, 1);
        net.parameters().gradients().assign(7);
        net.parameters().zeroGradients();
        assertThat(net.parameters().gradients().ravel().toDoubleVector()).containsOnly(0.0);
        assertThat(net.parameters().values().ravel().toDoubleVector()).doesNotContain(7.0);
    }
}

package org.gan4j.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.api.array.Shapes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Closed forms of the convolution and batch-norm layers: shapes, matrix products, statistics. */
class ConvolutionLayersTest {

    private static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, shape).muli(4).subi(2);
    }

    @Test
    void outputShapesFollowPyTorchsFormulas() {
        assertThat(new Conv2d(new long[] {3, 64, 64}, 8, 4, 2, 1).outputShape()).containsExactly(8, 32, 32);
        assertThat(new Conv2d(new long[] {3, 4, 4}, 1, 4, 1, 0).outputShape()).containsExactly(1, 1, 1);
        assertThat(new ConvTranspose2d(new long[] {100, 1, 1}, 16, 4, 1, 0).outputShape()).containsExactly(16, 4, 4);
        assertThat(new ConvTranspose2d(new long[] {16, 4, 4}, 8, 4, 2, 1).outputShape()).containsExactly(8, 8, 8);
        assertThat(new Conv2d(new long[] {3, 5, 5}, 2, 3, 1, 0).weight()).isNull();
        assertThatThrownBy(() -> new Conv2d(new long[] {3, 2, 2}, 2, 5, 1, 0)).hasMessageContaining("leaves no output");
        assertThatThrownBy(() -> new Conv2d(new long[] {12}, 2, 3, 1, 0)).hasMessageContaining("[channels, height, width]");
    }

    @Test
    void oneByOneConvolutionIsAMatrixProductOverChannels() {
        Sequential net = Sequential.builder(3, 2, 2).add(in -> new Conv2d(in, 4, 1, 1, 0, true)).build(DataType.DOUBLE, 5);
        Conv2d conv = (Conv2d) net.layers().get(0);
        INDArray x = random(1, 2, 3, 2, 2);
        INDArray y = net.newPass().forward(x, true);
        INDArray w = conv.weight().value().reshape(3, 4);
        INDArray b = conv.bias().value();
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    for (int o = 0; o < 4; o++) {
                        double expected = b.getDouble(o);
                        for (int c = 0; c < 3; c++) {
                            expected += x.getDouble(n, c, i, j) * w.getDouble(c, o);
                        }
                        assertThat(y.getDouble(n, o, i, j)).isCloseTo(expected, within(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void transposedConvolutionFromOnePixelIsAnOuterProduct() {
        // A 1x1 input through a k x k transposed convolution, stride 1, no padding: y[o, i, j] = sum_c x[c] W[i, j, o, c].
        Sequential net = Sequential.builder(3, 1, 1).add(in -> new ConvTranspose2d(in, 2, 4, 1, 0)).build(DataType.DOUBLE, 5);
        ConvTranspose2d deconv = (ConvTranspose2d) net.layers().get(0);
        INDArray x = random(2, 1, 3, 1, 1);
        INDArray y = net.newPass().forward(x, true);
        INDArray w = deconv.weight().value();
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double expected = 0;
                    for (int c = 0; c < 3; c++) {
                        expected += x.getDouble(0, c, 0, 0) * w.getDouble(i, j, o, c);
                    }
                    assertThat(y.getDouble(0, o, i, j)).isCloseTo(expected, within(1e-12));
                }
            }
        }
    }

    @Test
    void backwardAddsIntoTheGradientsAndSkipsThemOnRequest() {
        Sequential net = Sequential.builder(2, 4, 4).add(in -> new Conv2d(in, 3, 2, 2, 0, true)).build(DataType.DOUBLE, 5);
        LayerPass pass = net.newPass();
        INDArray x = random(3, 2, 2, 4, 4);
        INDArray g = random(4, 2, 3, 2, 2);
        net.parameters().zeroGradients();
        pass.forward(x, true);
        pass.backward(g, true, false);
        INDArray once = net.parameters().gradients().dup();
        assertThat(once.norm2Number().doubleValue()).isGreaterThan(0);
        pass.backward(g, true, true);
        assertThat(net.parameters().gradients()).isEqualTo(once.mul(2));
        INDArray dx = pass.backward(g, false, true);
        assertThat(dx.shape()).containsExactly(2, 2, 4, 4);
        assertThat(net.parameters().gradients()).isEqualTo(once.mul(2));
        assertThat(pass.backward(g, true, false)).isNull();
    }

    @Test
    void inputGradientAloneMatchesTheFullBackward() {
        // Without parameter gradients the layers run the opposite convolution instead of the bp op.
        long[][] inputs = {{3, 8, 8}, {3, 7, 7}, {3, 5, 5}};
        for (long[] shape : inputs) {
            for (boolean transposed : new boolean[] {false, true}) {
                Sequential net = Sequential.builder(shape)
                        .add(in -> transposed ? new ConvTranspose2d(in, 2, 4, 2, 1, true) : new Conv2d(in, 2, 4, 2, 1, true))
                        .build(DataType.DOUBLE, 5);
                LayerPass pass = net.newPass();
                INDArray x = random(10, Shapes.withBatch(2, shape));
                INDArray y = pass.forward(x, true);
                INDArray g = random(11, y.shape());
                INDArray full = pass.backward(g, true, true).dup();
                net.parameters().zeroGradients();
                INDArray alone = pass.backward(g, false, true);
                assertThat(alone.shape()).containsExactly(x.shape());
                assertThat(alone.sub(full).amaxNumber().doubleValue()).as("%s %s", transposed, java.util.Arrays.toString(shape))
                        .isLessThan(1e-12);
                assertThat(net.parameters().gradients().amaxNumber().doubleValue()).isZero();
            }
        }
    }

    @Test
    void batchNormNormalisesEachChannelInTraining() {
        Sequential net = Sequential.builder(3, 4, 5).add(BatchNorm2d::new).build(DataType.DOUBLE, 1);
        INDArray x = random(5, 6, 3, 4, 5).muli(Nd4j.createFromArray(1.0, 3.0, 0.5).reshape(1, 3, 1, 1)).addi(7);
        INDArray y = net.newPass().forward(x, true);
        INDArray mean = y.mean(0, 2, 3);
        INDArray var = y.var(false, 0, 2, 3);
        for (int c = 0; c < 3; c++) {
            assertThat(mean.getDouble(c)).isCloseTo(0, within(1e-10));
            // var/(var + eps) with the batch variance of this channel
            double batchVar = x.var(false, 0, 2, 3).getDouble(c);
            assertThat(var.getDouble(c)).isCloseTo(batchVar / (batchVar + 1e-5), within(1e-10));
        }
    }

    @Test
    void runningStatisticsMoveByMomentumWithTheUnbiasedVariance() {
        Sequential net = Sequential.builder(2, 3, 3).add(BatchNorm2d::new).build(DataType.DOUBLE, 1);
        BatchNorm2d bn = (BatchNorm2d) net.layers().get(0);
        assertThat(bn.runningMean().value().toDoubleVector()).containsExactly(0, 0);
        assertThat(bn.runningVar().value().toDoubleVector()).containsExactly(1, 1);
        INDArray x = random(6, 4, 2, 3, 3).addi(1.5);
        net.newPass().forward(x, true);
        INDArray batchMean = x.mean(0, 2, 3);
        INDArray unbiasedVar = x.var(true, 0, 2, 3);
        for (int c = 0; c < 2; c++) {
            assertThat(bn.runningMean().value().getDouble(c)).isCloseTo(0.1 * batchMean.getDouble(c), within(1e-12));
            assertThat(bn.runningVar().value().getDouble(c)).isCloseTo(0.9 + 0.1 * unbiasedVar.getDouble(c), within(1e-12));
        }
        // The running statistics live in the network's state array, not with the trainable values.
        assertThat(net.parameters().size()).isEqualTo(4);
        assertThat(net.parameters().state().length()).isEqualTo(4);
    }

    @Test
    void evaluationUsesTheRunningStatisticsAndLeavesThemAlone() {
        Sequential net = Sequential.builder(2, 2, 2).add(BatchNorm2d::new).build(DataType.DOUBLE, 1);
        BatchNorm2d bn = (BatchNorm2d) net.layers().get(0);
        bn.runningMean().value().assign(Nd4j.createFromArray(1.0, -2.0));
        bn.runningVar().value().assign(Nd4j.createFromArray(4.0, 0.25));
        bn.gamma().value().assign(Nd4j.createFromArray(2.0, 1.0));
        bn.beta().value().assign(Nd4j.createFromArray(0.5, 0.0));
        INDArray x = random(7, 3, 2, 2, 2);
        INDArray y = net.newPass().forward(x, false);
        for (int n = 0; n < 3; n++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertThat(y.getDouble(n, 0, i, j)).isCloseTo(2 * (x.getDouble(n, 0, i, j) - 1) / Math.sqrt(4 + 1e-5) + 0.5, within(1e-12));
                    assertThat(y.getDouble(n, 1, i, j)).isCloseTo((x.getDouble(n, 1, i, j) + 2) / Math.sqrt(0.25 + 1e-5), within(1e-12));
                }
            }
        }
        assertThat(bn.runningMean().value().toDoubleVector()).containsExactly(1.0, -2.0);
        assertThat(bn.runningVar().value().toDoubleVector()).containsExactly(4.0, 0.25);
    }

    @Test
    void activationsWorkElementWiseOnImageBatches() {
        long[] shape = {3, 4, 4};
        INDArray x = random(9, 2, 3, 4, 4);
        INDArray leaky = Sequential.builder(shape).leakyRelu(0.2).build(DataType.DOUBLE, 1).newPass().forward(x, true);
        INDArray relu = Sequential.builder(shape).relu().build(DataType.DOUBLE, 1).newPass().forward(x, true);
        INDArray tanh = Sequential.builder(shape).tanh().build(DataType.DOUBLE, 1).newPass().forward(x, true);
        double[] in = x.data().asDouble();
        double[] l = leaky.dup().data().asDouble();
        double[] r = relu.dup().data().asDouble();
        double[] t = tanh.dup().data().asDouble();
        assertThat(in).hasSize(96);
        for (int i = 0; i < in.length; i++) {
            assertThat(l[i]).isCloseTo(Math.max(in[i], 0.2 * in[i]), within(1e-12));
            assertThat(r[i]).isCloseTo(Math.max(in[i], 0), within(1e-12));
            assertThat(t[i]).isCloseTo(Math.tanh(in[i]), within(1e-12));
        }
    }

    @Test
    void convolutionsRunInSinglePrecisionToo() {
        Sequential net = Sequential.builder(1, 8, 8)
                .add(in -> new Conv2d(in, 4, 4, 2, 1)).add(BatchNorm2d::new).leakyRelu(0.2)
                .add(in -> new ConvTranspose2d(in, 1, 4, 2, 1)).tanh()
                .build(DataType.FLOAT, 1);
        Sequential dnet = Sequential.builder(1, 8, 8)
                .add(in -> new Conv2d(in, 4, 4, 2, 1)).add(BatchNorm2d::new).leakyRelu(0.2)
                .add(in -> new ConvTranspose2d(in, 1, 4, 2, 1)).tanh()
                .build(DataType.DOUBLE, 1);
        dnet.parameters().values().assign(net.parameters().values().castTo(DataType.DOUBLE));
        INDArray x = random(8, 3, 1, 8, 8);
        INDArray yFloat = net.newPass().forward(x.castTo(DataType.FLOAT), true);
        INDArray yDouble = dnet.newPass().forward(x, true);
        assertThat(yFloat.shape()).containsExactly(3, 1, 8, 8);
        assertThat(yFloat.castTo(DataType.DOUBLE).sub(yDouble).amaxNumber().doubleValue()).isLessThan(1e-5);
    }
}

package org.gan4j.api.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.gan4j.api.nn.Conv2d;
import org.gan4j.api.nn.ConvTranspose2d;
import org.gan4j.api.nn.GradientCheck;
import org.gan4j.api.nn.LayerPass;
import org.gan4j.api.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The column (im2col/col2im + GEMM) paths of few-channel convolutions against the libnd4j ops the
 * gradient checks verify: a convolution's weight gradient alone and input gradient alone against
 * its full backward, and a transposed convolution's forward against a convolution's input gradient.
 */
class ColumnConvolutionTest {

    private static INDArray random(long seed, DataType type, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, shape).muli(4).subi(2).castTo(type);
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    /** Weight-only and input-only backward of a few-channel convolution equal the full bp op's. */
    private static void partialBackwardMatchesFull(DataType type, long channels, long side, boolean bias, double tolerance) {
        Sequential net = Sequential.builder(channels, side, side).add(in -> new Conv2d(in, 5, 4, 2, 1, bias)).build(type, 3);
        assertThat(ColumnConvolution.applies(channels, net.parameters().values())).isEqualTo(Gemm.directAvailable());
        INDArray x = random(1, type, 3, channels, side, side);
        LayerPass pass = net.newPass();
        INDArray y = pass.forward(x, true);
        INDArray g = random(2, type, y.shape());
        INDArray fullInput = pass.backward(g, true, true).dup();
        INDArray fullWeights = net.parameters().gradients().dup();
        assertThat(fullWeights.amaxNumber().doubleValue()).isGreaterThan(0.1);

        net.parameters().zeroGradients();
        assertThat(pass.backward(g, true, false)).isNull();
        assertThat(maxDifference(net.parameters().gradients(), fullWeights)).isLessThan(tolerance);
        // Adds into the gradients, as the bp path does.
        pass.backward(g, true, false);
        assertThat(maxDifference(net.parameters().gradients(), fullWeights.mul(2))).isLessThan(2 * tolerance);

        net.parameters().zeroGradients();
        INDArray inputOnly = pass.backward(g, false, true);
        assertThat(maxDifference(inputOnly, fullInput)).isLessThan(tolerance);
        assertThat(net.parameters().gradients().amaxNumber().doubleValue()).isEqualTo(0.0);
        // Run again on the same buffers: the result is overwritten, not accumulated.
        assertThat(maxDifference(pass.backward(g, false, true), fullInput)).isLessThan(tolerance);
        // The input-only pass reused the column buffer; the weight gradient must recompute its columns.
        net.parameters().zeroGradients();
        pass.backward(g, true, false);
        assertThat(maxDifference(net.parameters().gradients(), fullWeights)).isLessThan(tolerance);
    }

    @Test
    void oneChannelConvolutionInDouble() {
        partialBackwardMatchesFull(DataType.DOUBLE, 1, 8, false, 1e-12);
    }

    @Test
    void threeChannelConvolutionWithBiasAndAnOddSide() {
        // 7 + 2 - 4 is odd: the stride drops the last row, which the input gradient must leave at 0.
        partialBackwardMatchesFull(DataType.DOUBLE, 3, 7, true, 1e-12);
    }

    @Test
    void oneChannelConvolutionInSinglePrecision() {
        partialBackwardMatchesFull(DataType.FLOAT, 1, 8, false, 1e-5);
    }

    @Test
    void fewChannelTransposedConvolutionIsTheConvolutionsInputGradient() {
        // ConvTranspose2d(in 5 -> out 2) with weight [k, k, 2, 5] is the input gradient of
        // Conv2d(in 2 -> out 5) with the same weight array as [k, k, in 2, out 5].
        Sequential deconv = Sequential.builder(5, 4, 4).add(in -> new ConvTranspose2d(in, 2, 4, 2, 1)).build(DataType.DOUBLE, 4);
        Sequential conv = Sequential.builder(2, 8, 8).add(in -> new Conv2d(in, 5, 4, 2, 1)).build(DataType.DOUBLE, 4);
        conv.parameters().values().assign(deconv.parameters().values());
        INDArray x = random(5, DataType.DOUBLE, 2, 5, 4, 4);
        LayerPass d = deconv.newPass();
        INDArray y = d.forward(x, true).dup();
        LayerPass c = conv.newPass();
        c.forward(random(6, DataType.DOUBLE, 2, 2, 8, 8), true);
        INDArray expected = c.backward(x, true, true);
        assertThat(y.amaxNumber().doubleValue()).isGreaterThan(0.1);
        assertThat(maxDifference(y, expected)).isLessThan(1e-12);
        assertThat(maxDifference(d.forward(x, true), expected)).isLessThan(1e-12);
    }

    @Test
    void fewChannelTransposedConvolutionGivesEachGradientAlone() {
        Sequential net = Sequential.builder(6, 4, 4).add(in -> new ConvTranspose2d(in, 3, 4, 2, 1, true)).build(DataType.DOUBLE, 8);
        INDArray x = random(9, DataType.DOUBLE, 2, 6, 4, 4);
        LayerPass pass = net.newPass();
        INDArray g = random(10, DataType.DOUBLE, pass.forward(x, true).shape());
        INDArray fullInput = pass.backward(g, true, true).dup();
        INDArray fullParameters = net.parameters().gradients().dup();
        net.parameters().zeroGradients();
        assertThat(pass.backward(g, true, false)).isNull();
        assertThat(maxDifference(net.parameters().gradients(), fullParameters)).isLessThan(1e-12);
        net.parameters().zeroGradients();
        assertThat(maxDifference(pass.backward(g, false, true), fullInput)).isLessThan(1e-12);
        assertThat(net.parameters().gradients().amaxNumber().doubleValue()).isEqualTo(0.0);
    }

    @Test
    void fullImageConvolutionIsADenseLayer() {
        // Kernel 3 over a 3x3 input without padding: one output pixel per channel, through DenseConvolution.
        Sequential net = Sequential.builder(4, 3, 3).add(in -> new Conv2d(in, 2, 3, 1, 0, true)).build(DataType.DOUBLE, 12);
        Conv2d conv = (Conv2d) net.layers().get(0);
        INDArray x = random(13, DataType.DOUBLE, 3, 4, 3, 3);
        INDArray y = net.newPass().forward(x, true);
        assertThat(y.shape()).containsExactly(3, 2, 1, 1);
        INDArray w = conv.weight().value();
        for (int n = 0; n < 3; n++) {
            for (int o = 0; o < 2; o++) {
                double expected = conv.bias().value().getDouble(o);
                for (int c = 0; c < 4; c++) {
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            expected += x.getDouble(n, c, i, j) * w.getDouble(i, j, c, o);
                        }
                    }
                }
                assertThat(y.getDouble(n, o, 0, 0)).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
            }
        }
        GradientCheck.Result result = GradientCheck.check(net, x, false);
        assertThat(result.passed()).as(result.toString()).isTrue();
        assertThat(result.checked()).isEqualTo(3 * 4 * 9 + 4 * 9 * 2 + 2);
    }

    @Test
    void denseLayersInDisguiseGiveEachGradientAlone() {
        for (boolean transposed : new boolean[] {false, true}) {
            Sequential net = transposed
                    ? Sequential.builder(20, 1, 1).add(in -> new ConvTranspose2d(in, 32, 4, 1, 0)).build(DataType.FLOAT, 14)
                    : Sequential.builder(32, 4, 4).add(in -> new Conv2d(in, 1, 4, 1, 0)).build(DataType.FLOAT, 14);
            INDArray x = random(15, DataType.FLOAT, net.inputShape()[0] == 20 ? new long[] {5, 20, 1, 1} : new long[] {5, 32, 4, 4});
            LayerPass pass = net.newPass();
            INDArray g = random(16, DataType.FLOAT, pass.forward(x, true).shape());
            INDArray fullInput = pass.backward(g, true, true).dup();
            INDArray fullParameters = net.parameters().gradients().dup();
            assertThat(fullParameters.amaxNumber().doubleValue()).isGreaterThan(0.1);
            net.parameters().zeroGradients();
            assertThat(pass.backward(g, true, false)).isNull();
            pass.backward(g, true, false);
            assertThat(maxDifference(net.parameters().gradients(), fullParameters.mul(2))).isLessThan(1e-4);
            net.parameters().zeroGradients();
            assertThat(maxDifference(pass.backward(g, false, true), fullInput)).isLessThan(1e-5);
            assertThat(net.parameters().gradients().amaxNumber().doubleValue()).isEqualTo(0.0);
        }
    }

    /** Forward, weight gradient and input gradient of a one-channel convolution and of a transposed one, at {@code threads}. */
    private static INDArray[] columnPassesAt(int threads, DataType type) {
        INDArray[] out = new INDArray[5];
        Parallel.withThreads(threads, () -> {
            // 40 samples of 32 x 196 x 16 multiply-adds each: split into up to 4 ranges of 10
            Sequential conv = Sequential.builder(1, 28, 28).add(in -> new Conv2d(in, 32, 4, 2, 1, true)).build(type, 21);
            INDArray x = random(22, type, 40, 1, 28, 28);
            LayerPass pass = conv.newPass();
            out[0] = pass.forward(x, true).dup();
            pass.backward(random(23, type, out[0].shape()), true, false);
            out[1] = conv.parameters().gradients().dup().reshape(-1);
            Sequential deconv = Sequential.builder(32, 14, 14).add(in -> new ConvTranspose2d(in, 1, 4, 2, 1)).build(type, 24);
            LayerPass d = deconv.newPass();
            out[2] = d.forward(random(25, type, 40, 32, 14, 14), true).dup();
            out[3] = d.backward(random(26, type, out[2].shape()), true, true).dup();
            out[4] = deconv.parameters().gradients().dup();
        });
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i].reshape(-1);
        }
        return out;
    }

    /**
     * The per-sample GEMMs split over threads: separate products (forward, input gradient) are the
     * same bits at every thread count; the summed weight gradients are the same bits on every run at
     * a given thread count, and agree with the one-thread sum to rounding.
     */
    @Test
    void splitOverThreadsIsDeterministic() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Gemm.directAvailable(), "the column path needs OpenBLAS");
        INDArray[] one = columnPassesAt(1, DataType.DOUBLE);
        assertThat(one[1].amaxNumber().doubleValue()).isGreaterThan(0.1);
        for (int threads = 2; threads <= 4; threads++) {
            INDArray[] split = columnPassesAt(threads, DataType.DOUBLE);
            INDArray[] again = columnPassesAt(threads, DataType.DOUBLE);
            for (int i : new int[] {0, 2, 3}) {
                assertThat(java.util.Arrays.equals(split[i].toDoubleVector(), one[i].toDoubleVector())).as("threads %d, separate products %d", threads, i).isTrue();
            }
            for (int i : new int[] {1, 4}) {
                assertThat(java.util.Arrays.equals(again[i].toDoubleVector(), split[i].toDoubleVector())).as("threads %d, summed %d, rerun", threads, i).isTrue();
                assertThat(maxDifference(split[i], one[i])).as("threads %d, summed %d", threads, i).isLessThan(1e-11);
            }
        }
        INDArray[] f1 = columnPassesAt(2, DataType.FLOAT);
        INDArray[] f2 = columnPassesAt(2, DataType.FLOAT);
        for (int i = 0; i < f1.length; i++) {
            assertThat(java.util.Arrays.equals(f2[i].toFloatVector(), f1[i].toFloatVector())).as("float, output %d, rerun", i).isTrue();
        }
    }
}

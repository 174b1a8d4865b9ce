package org.gan4j.api.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.gan4j.api.nn.Conv2d;
import org.gan4j.api.nn.LayerPass;
import org.gan4j.api.nn.Sequential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one-GEMM weight gradient on FLOAT batches against the weight gradient of libnd4j's
 * {@code conv2d_bp} in double (the op the gradient checks verify), with padding that makes patches
 * overhang the border, and accumulating into what the gradient already holds.
 */
class PatchWeightGradientTest {

    private static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, shape).muli(4).subi(2);
    }

    @ParameterizedTest
    @CsvSource({"16, 8, 4, 2, 1", "32, 9, 3, 1, 1", "16, 6, 4, 2, 0"})
    void matchesTheBackwardOpInDouble(int channels, int side, int kernel, int stride, int padding) {
        Sequential net = Sequential.builder(channels, side, side).add(in -> new Conv2d(in, 5, kernel, stride, padding, false))
                .build(DataType.DOUBLE, 3);
        INDArray x = random(1, 3, channels, side, side);
        LayerPass pass = net.newPass();
        INDArray y = pass.forward(x, true);
        INDArray dy = random(2, y.shape());
        net.parameters().zeroGradients();
        pass.backward(dy, true, true);
        INDArray expected = net.parameters().gradients().dup();
        assertThat(expected.amaxNumber().doubleValue()).isGreaterThan(0.1);

        INDArray gradWeight = Nd4j.ones(DataType.FLOAT, kernel, kernel, channels, 5);
        INDArray xf = x.castTo(DataType.FLOAT);
        INDArray dyf = dy.castTo(DataType.FLOAT);
        assertThat(PatchWeightGradient.applies(xf, dyf, gradWeight)).isEqualTo(Gemm.directAvailable());
        if (!Gemm.directAvailable()) {
            return;
        }
        PatchWeightGradient kernelUnderTest = new PatchWeightGradient(kernel, stride, padding);
        kernelUnderTest.add(xf, dyf, gradWeight);
        INDArray added = gradWeight.castTo(DataType.DOUBLE).subi(1).reshape(expected.shape());
        double scale = expected.amaxNumber().doubleValue();
        assertThat(added.sub(expected).amaxNumber().doubleValue() / scale).isLessThan(1e-5);
        // Again with new values in the same arrays: the buffers are refilled, not reused stale.
        xf.muli(-1);
        kernelUnderTest.add(xf, dyf, gradWeight);
        assertThat(gradWeight.castTo(DataType.DOUBLE).subi(1).amaxNumber().doubleValue() / scale).isLessThan(1e-5);
    }

    @org.junit.jupiter.api.Test
    void leavesDoubleAndFewChannelBatchesToTheOtherPaths() {
        assertThat(PatchWeightGradient.applies(Nd4j.zeros(DataType.DOUBLE, 2, 16, 8, 8), Nd4j.zeros(DataType.DOUBLE, 2, 4, 4, 4),
                Nd4j.zeros(DataType.DOUBLE, 4, 4, 16, 4))).isFalse();
        assertThat(PatchWeightGradient.applies(Nd4j.zeros(DataType.FLOAT, 2, 1, 8, 8), Nd4j.zeros(DataType.FLOAT, 2, 4, 4, 4),
                Nd4j.zeros(DataType.FLOAT, 4, 4, 1, 4))).isFalse();
    }
}

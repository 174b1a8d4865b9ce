package org.gan4j.api.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNorm2d's single-precision loops (the ones training runs) against its double-precision ones,
 * which the gradient checks verify: forward, input and parameter gradients, in and out of training.
 */
class BatchNormSinglePrecisionTest {

    private static double maxDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    private static void compare(boolean training) {
        // An odd spatial size (3x5) exercises the unrolled loops' remainder.
        Sequential f = Sequential.builder(3, 3, 5).add(BatchNorm2d::new).build(DataType.FLOAT, 1);
        Sequential d = Sequential.builder(3, 3, 5).add(BatchNorm2d::new).build(DataType.DOUBLE, 1);
        Nd4j.getRandom().setSeed(11);
        f.parameters().values().assign(Nd4j.rand(DataType.FLOAT, f.parameters().size()).addi(0.5));
        f.parameters().state().assign(Nd4j.rand(DataType.FLOAT, f.parameters().state().length()).addi(0.5));
        d.parameters().values().assign(f.parameters().values().castTo(DataType.DOUBLE));
        d.parameters().state().assign(f.parameters().state().castTo(DataType.DOUBLE));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3, 3, 5).muli(3).subi(1);
        INDArray dy = Nd4j.rand(DataType.DOUBLE, 4, 3, 3, 5).subi(0.5);
        LayerPass pf = f.newPass();
        LayerPass pd = d.newPass();
        INDArray yf = pf.forward(x.castTo(DataType.FLOAT), training);
        INDArray yd = pd.forward(x, training);
        assertThat(maxDifference(yf, yd)).isLessThan(1e-5);
        INDArray gf = pf.backward(dy.castTo(DataType.FLOAT), true, true);
        INDArray gd = pd.backward(dy, true, true);
        assertThat(gd.amaxNumber().doubleValue()).isGreaterThan(0.01);
        assertThat(maxDifference(gf, gd)).isLessThan(1e-5);
        assertThat(maxDifference(f.parameters().gradients(), d.parameters().gradients())).isLessThan(1e-4);
        assertThat(maxDifference(f.parameters().state(), d.parameters().state())).isLessThan(1e-5);
    }

    @Test
    void singlePrecisionMatchesDoubleInTraining() {
        compare(true);
    }

    @Test
    void singlePrecisionMatchesDoubleOutOfTraining() {
        compare(false);
    }
}

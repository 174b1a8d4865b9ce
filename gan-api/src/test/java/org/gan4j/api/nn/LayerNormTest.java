package org.gan4j.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gan4j.api.nn.GradientCheckTest.assertPasses;
import static org.gan4j.api.nn.GradientCheckTest.input;

import org.assertj.core.data.Offset;
import org.gan4j.api.nn.Pass;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link LayerNorm}: its definition, and its backward against finite differences (double backward: {@link DoubleBackwardTest}). */
class LayerNormTest {

    @Test
    void eachSampleHasMeanZeroAndUnitVarianceThenTheChannelAffine() {
        Sequential net = Sequential.builder(2, 3).layerNorm().build(DataType.DOUBLE, 1);
        LayerNorm ln = (LayerNorm) net.layers().get(0);
        ln.gamma().value().assign(Nd4j.createFromArray(2.0, -1.0));
        ln.beta().value().assign(Nd4j.createFromArray(0.5, 3.0));
        INDArray x = input(4, 2, 3);
        INDArray y = net.newPass().forward(x, true);
        for (int i = 0; i < 4; i++) {
            INDArray xi = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).reshape(6);
            double mean = xi.meanNumber().doubleValue();
            double var = xi.sub(mean).muli(xi.sub(mean)).meanNumber().doubleValue();
            for (int j = 0; j < 6; j++) {
                int channel = j / 3;
                double normalised = (xi.getDouble(j) - mean) / Math.sqrt(var + LayerNorm.DEFAULT_EPSILON);
                double expected = (channel == 0 ? 2.0 : -1.0) * normalised + (channel == 0 ? 0.5 : 3.0);
                assertThat(y.getDouble(i, channel, j % 3)).isCloseTo(expected, Offset.offset(1e-12));
            }
        }
        // the same out of training: no batch statistics, nothing kept
        assertThat(net.newPass().forward(x, false)).isEqualTo(y);
        assertThat(net.parameters().state().length()).isZero();
    }

    @Test
    void gradientsFlat() {
        Sequential net = Sequential.builder(5).layerNorm().build(DataType.DOUBLE, 1);
        randomAffine(net);
        assertPasses(net, input(3, 5), true);
    }

    @Test
    void gradientsOnImages() {
        Sequential net = Sequential.builder(3, 2, 2).layerNorm().build(DataType.DOUBLE, 1);
        randomAffine(net);
        assertPasses(net, input(4, 3, 2, 2), true);
    }

    @Test
    void singlePrecisionMatchesDouble() {
        Sequential d = Sequential.builder(4, 3, 3).layerNorm().build(DataType.DOUBLE, 1);
        Sequential f = Sequential.builder(4, 3, 3).layerNorm().build(DataType.FLOAT, 1);
        randomAffine(d);
        f.parameters().values().assign(d.parameters().values().castTo(DataType.FLOAT));
        INDArray x = input(5, 4, 3, 3);
        INDArray dy = input(5, 4, 3, 3).muli(0.3);
        Pass pd = d.newPass();
        Pass pf = f.newPass();
        assertThat(pf.forward(x.castTo(DataType.FLOAT), true).castTo(DataType.DOUBLE).sub(pd.forward(x, true)).amaxNumber().doubleValue())
                .isLessThan(1e-5);
        assertThat(pf.backward(dy.castTo(DataType.FLOAT), true).castTo(DataType.DOUBLE).sub(pd.backward(dy, true)).amaxNumber().doubleValue())
                .isLessThan(1e-5);
    }

    private static void randomAffine(Sequential net) {
        Nd4j.getRandom().setSeed(3);
        net.parameters().values().assign(Nd4j.rand(DataType.DOUBLE, net.parameters().size()).addi(0.5));
    }
}

package org.gan4j.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gan4j.api.nn.GradientCheckTest.assertPasses;
import static org.gan4j.api.nn.GradientCheckTest.input;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Conv2d, ConvTranspose2d and BatchNorm2d backward passes against finite differences in double precision. */
class ConvolutionGradientTest {

    @Test
    void conv2dStrided() {
        assertPasses(Sequential.builder(2, 6, 6).add(in -> new Conv2d(in, 3, 4, 2, 1)).build(DataType.DOUBLE, 1), input(2, 2, 6, 6), false);
    }

    @Test
    void conv2dWithBias() {
        assertPasses(Sequential.builder(2, 5, 5).add(in -> new Conv2d(in, 3, 3, 1, 0, true)).build(DataType.DOUBLE, 1), input(2, 2, 5, 5), false);
    }

    @Test
    void convTranspose2dStrided() {
        assertPasses(Sequential.builder(3, 3, 3).add(in -> new ConvTranspose2d(in, 2, 4, 2, 1)).build(DataType.DOUBLE, 1), input(2, 3, 3, 3), false);
    }

    @Test
    void convTranspose2dFromAVectorWithBias() {
        assertPasses(Sequential.builder(5, 1, 1).add(in -> new ConvTranspose2d(in, 2, 4, 1, 0, true)).build(DataType.DOUBLE, 1), input(3, 5, 1, 1), false);
    }

    @Test
    void batchNormTraining() {
        Sequential net = Sequential.builder(3, 4, 4).add(BatchNorm2d::new).build(DataType.DOUBLE, 1);
        randomiseAffine(net);
        // Gradients through the batch statistics are small differences of large sums: their
        // finite differences carry ~1e-6 relative noise, so 1e-5 here.
        GradientCheck.Result result = GradientCheck.check(net, input(4, 3, 4, 4), true,
                GradientCheck.Options.defaults().withMaxRelativeError(1e-5));
        assertThat(result.passed()).as(result.toString()).isTrue();
        assertThat(result.checked()).isEqualTo(4 * 3 * 16 + 3 + 3);
    }

    @Test
    void batchNormEval() {
        Sequential net = Sequential.builder(3, 4, 4).add(BatchNorm2d::new).build(DataType.DOUBLE, 1);
        randomiseAffine(net);
        BatchNorm2d bn = (BatchNorm2d) net.layers().get(0);
        bn.runningMean().value().assign(Nd4j.createFromArray(0.3, -0.2, 0.1));
        bn.runningVar().value().assign(Nd4j.createFromArray(1.5, 0.7, 2.0));
        assertPasses(net, input(4, 3, 4, 4), false);
    }

    private static void randomiseAffine(Sequential net) {
        Nd4j.getRandom().setSeed(3);
        net.parameters().values().assign(Nd4j.rand(DataType.DOUBLE, net.parameters().size()).addi(0.5));
    }
}

package org.gan4j.api.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every layer's backward against finite differences in double precision. */
class GradientCheckTest {

    /** Uniform values in [-2, 2) from a fixed seed. */
    static INDArray input(long... shape) {
        Nd4j.getRandom().setSeed(7);
        return Nd4j.rand(DataType.DOUBLE, shape).muli(4).subi(2);
    }

    static void assertPasses(Sequential net, INDArray x, boolean training) {
        GradientCheck.Result result = GradientCheck.check(net, x, training);
        assertThat(result.passed()).as(result.toString()).isTrue();
        assertThat(result.checked()).isGreaterThan(0);
    }

    @Test
    void dense() {
        Sequential net = Sequential.builder(5).dense(3).build(DataType.DOUBLE, 1);
        GradientCheck.Result result = GradientCheck.check(net, input(4, 5), false);
        assertThat(result.passed()).as(result.toString()).isTrue();
        // 4*5 inputs, 5*3 weights, 3 biases
        assertThat(result.checked()).isEqualTo(20 + 15 + 3);
    }

    @Test
    void leakyRelu() {
        assertPasses(Sequential.builder(6).leakyRelu(0.2).build(DataType.DOUBLE, 1), input(3, 6), false);
    }

    @Test
    void relu() {
        assertPasses(Sequential.builder(6).relu().build(DataType.DOUBLE, 1), input(3, 6), false);
    }

    @Test
    void tanh() {
        assertPasses(Sequential.builder(6).tanh().build(DataType.DOUBLE, 1), input(3, 6), false);
    }

    @Test
    void sigmoid() {
        assertPasses(Sequential.builder(6).sigmoid().build(DataType.DOUBLE, 1), input(3, 6), false);
    }

    @Test
    void dropoutWithFrozenMask() {
        Sequential net = Sequential.builder(50).dropout(0.5).dense(2).build(DataType.DOUBLE, 1);
        assertPasses(net, input(4, 50), true);
    }

    @Test
    void reshape() {
        assertPasses(Sequential.builder(2, 3).reshape(6).dense(2).reshape(1, 2).build(DataType.DOUBLE, 1), input(3, 2, 3), false);
    }

    @Test
    void wholeMlpInTraining() {
        Sequential net = Sequential.builder(7)
                .dense(8).leakyRelu(0.2).dropout(0.3)
                .dense(6).leakyRelu(0.2).dropout(0.3)
                .dense(12).tanh().reshape(1, 3, 4)
                .build(DataType.DOUBLE, 3);
        assertPasses(net, input(5, 7), true);
    }

    @Test
    void detectsAWrongBackward() {
        // A layer whose backward is off by a factor 2 must fail the check: the check can fail.
        Sequential net = Sequential.builder(4).add(in -> new Layer() {
            @Override
            public long[] inputShape() {
                return in;
            }

            @Override
            public long[] outputShape() {
                return in;
            }

            @Override
            public LayerPass newPass(org.nd4j.linalg.api.rng.Random random) {
                return new LayerPass() {
                    @Override
                    public INDArray forward(INDArray x, boolean training) {
                        return x.mul(3);
                    }

                    @Override
                    public INDArray backward(INDArray g, boolean p, boolean i) {
                        return g.mul(6);
                    }
                };
            }
        }).build(DataType.DOUBLE, 1);
        GradientCheck.Result result = GradientCheck.check(net, input(2, 4), false);
        assertThat(result.passed()).isFalse();
        assertThat(result.mismatches()).hasSize(8);
        assertThat(result.mismatches().get(0).relativeError()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void parameterGradientsFalseLeavesGradientsUntouched() {
        Sequential net = Sequential.builder(5).dense(4).leakyRelu(0.2).dense(2).build(DataType.DOUBLE, 1);
        net.parameters().gradients().assign(0.25);
        Pass pass = net.newPass();
        INDArray out = pass.forward(input(3, 5), true);
        INDArray dx = pass.backward(Nd4j.onesLike(out), false);
        assertThat(dx.shape()).containsExactly(3, 5);
        assertThat(dx.amaxNumber().doubleValue()).isGreaterThan(0);
        assertThat(net.parameters().gradients().minNumber().doubleValue()).isEqualTo(0.25);
        assertThat(net.parameters().gradients().maxNumber().doubleValue()).isEqualTo(0.25);
    }

    @Test
    void twoBackwardsAccumulate() {
        Sequential net = Sequential.builder(5).dense(4).leakyRelu(0.2).dense(2).build(DataType.DOUBLE, 1);
        INDArray a = input(3, 5);
        INDArray b = a.mul(-0.5).addi(0.1);
        INDArray g = Nd4j.rand(DataType.DOUBLE, 3, 2);

        net.parameters().zeroGradients();
        Pass pass = net.newPass();
        pass.forward(a, true);
        pass.backward(g, true);
        INDArray onlyA = net.parameters().gradients().dup();

        net.parameters().zeroGradients();
        pass.forward(b, true);
        pass.backward(g, true);
        INDArray onlyB = net.parameters().gradients().dup();

        // Two passes alive at once, as in a discriminator step: real and fake, then both backwards.
        net.parameters().zeroGradients();
        Pass real = net.newPass();
        Pass fake = net.newPass();
        real.forward(a, true);
        fake.forward(b, true);
        real.backward(g, true);
        fake.backward(g, true);
        INDArray both = net.parameters().gradients();

        assertThat(both.sub(onlyA.add(onlyB)).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(onlyA.amaxNumber().doubleValue()).isGreaterThan(0);
    }
}

package org.gan4j.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gan4j.api.nn.GradientCheckTest.input;

import org.gan4j.api.nn.GradientCheck.InputGradientFunction;
import org.gan4j.api.nn.Pass;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Double back-propagation ({@link Pass#doubleBackward}) of every layer a critic uses, and of whole
 * critics, against central finite differences of the first-order input gradient, in double
 * precision; and against closed forms.
 */
class DoubleBackwardTest {

    /** Φ(g) = sum(c g) for random c: every direction of the sweeps. */
    private static final InputGradientFunction LINEAR = InputGradientFunction.linear(99);

    static void assertPasses(Sequential net, INDArray x, boolean training) {
        assertPasses(net, x, training, LINEAR, GradientCheck.Options.defaults());
    }

    static void assertPasses(Sequential net, INDArray x, boolean training, InputGradientFunction phi, GradientCheck.Options options) {
        assertThat(net.doubleBackwardRefusal()).isEmpty();
        GradientCheck.Result result = GradientCheck.checkDoubleBackward(net, x, training, phi, options);
        assertThat(result.passed()).as(result.toString()).isTrue();
        assertThat(result.checked()).isGreaterThan(0);
    }

    @Test
    void dense() {
        Sequential net = Sequential.builder(5).dense(3).build(DataType.DOUBLE, 1);
        GradientCheck.Result result = GradientCheck.checkDoubleBackward(net, input(4, 5), false, LINEAR, GradientCheck.Options.defaults());
        assertThat(result.passed()).as(result.toString()).isTrue();
        assertThat(result.checked()).isEqualTo(20 + 15 + 3);
    }

    @Test
    void denseLeakyReluDense() {
        assertPasses(Sequential.builder(5).dense(7).leakyRelu(0.2).dense(2).build(DataType.DOUBLE, 1), input(4, 5), false);
    }

    @Test
    void relu() {
        assertPasses(Sequential.builder(5).dense(7).relu().dense(2).build(DataType.DOUBLE, 1), input(4, 5), false);
    }

    @Test
    void tanh() {
        assertPasses(Sequential.builder(5).dense(7).tanh().dense(2).build(DataType.DOUBLE, 1), input(4, 5), false);
    }

    @Test
    void sigmoid() {
        assertPasses(Sequential.builder(5).dense(7).sigmoid().dense(2).build(DataType.DOUBLE, 1), input(4, 5), false);
    }

    @Test
    void tanhAlone() {
        assertPasses(Sequential.builder(6).tanh().build(DataType.DOUBLE, 1), input(3, 6), false);
    }

    @Test
    void reshape() {
        assertPasses(Sequential.builder(2, 3).reshape(6).dense(4).tanh().reshape(2, 2).build(DataType.DOUBLE, 1), input(3, 2, 3), false);
    }

    @Test
    void dropoutWithFrozenMask() {
        assertPasses(Sequential.builder(20).dense(8).dropout(0.5).tanh().dense(2).build(DataType.DOUBLE, 1), input(4, 20), true);
    }

    @Test
    void layerNormFlat() {
        Sequential net = Sequential.builder(5).dense(6).layerNorm().tanh().dense(1).build(DataType.DOUBLE, 1);
        randomise(net, "1.gamma", "1.beta");
        assertPasses(net, input(4, 5), false);
    }

    @Test
    void layerNormAloneOnImages() {
        Sequential net = Sequential.builder(3, 2, 2).layerNorm().build(DataType.DOUBLE, 1);
        randomise(net, "0.gamma", "0.beta");
        assertPasses(net, input(4, 3, 2, 2), false);
    }

    @Test
    void layerNormBetweenConvolutions() {
        Sequential net = Sequential.builder(2, 6, 6).add(in -> new Conv2d(in, 3, 4, 2, 1)).layerNorm().leakyRelu(0.2)
                .add(in -> new Conv2d(in, 1, 3, 1, 0)).flatten().build(DataType.DOUBLE, 1);
        randomise(net, "1.gamma", "1.beta");
        assertPasses(net, input(3, 2, 6, 6), true);
    }

    @Test
    void conv2dStridedOneChannel() {
        // one input channel: the column (im2col + GEMM) path
        assertPasses(Sequential.builder(1, 6, 6).add(in -> new Conv2d(in, 3, 4, 2, 1)).tanh()
                .add(in -> new Conv2d(in, 2, 3, 1, 0)).build(DataType.DOUBLE, 1), input(2, 1, 6, 6), false);
    }

    @Test
    void conv2dWithBiasAndManyChannels() {
        // 16 input channels in the second layer: libnd4j's conv2d for the tangent, im2col for its weight term
        Sequential net = Sequential.builder(2, 6, 6).add(in -> new Conv2d(in, 16, 3, 1, 1, true)).leakyRelu(0.2)
                .add(in -> new Conv2d(in, 4, 4, 2, 1, true)).tanh().flatten().dense(1).build(DataType.DOUBLE, 1);
        assertPasses(net, input(2, 2, 6, 6), false, LINEAR, GradientCheck.Options.defaults().withMaxChecksPerArray(40));
    }

    @Test
    void conv2dCoveringTheWholeInput() {
        // a kernel covering the whole unpadded input: the dense-in-disguise path (DCGAN's last layer)
        assertPasses(Sequential.builder(3, 4, 4).add(in -> new Conv2d(in, 1, 4, 1, 0)).flatten().build(DataType.DOUBLE, 1),
                input(3, 3, 4, 4), false);
    }

    @Test
    void convTranspose2d() {
        assertPasses(Sequential.builder(3, 3, 3).add(in -> new ConvTranspose2d(in, 2, 4, 2, 1)).tanh().flatten().dense(1)
                .build(DataType.DOUBLE, 1), input(2, 3, 3, 3), false);
    }

    /** gan-models-mlp's discriminator: flatten, dense + leaky ReLU + dropout per hidden layer, dense to one score. */
    @Test
    void wholeMlpCriticWithTheWganGpPenalty() {
        Sequential net = Sequential.builder(1, 4, 4).flatten()
                .dense(12).leakyRelu(0.2).dropout(0.3)
                .dense(8).leakyRelu(0.2).dropout(0.3)
                .dense(1).build(DataType.DOUBLE, 3);
        assertPasses(net, input(5, 1, 4, 4), true, InputGradientFunction.unitNormPenalty(), GradientCheck.Options.defaults());
        assertPasses(net, input(5, 1, 4, 4), true);
    }

    /** gan-models-dcgan's 32x32 discriminator without batch norm (the WGAN-GP critic), ndf 16. */
    @Test
    void wholeDcganCriticWithoutBatchNorm() {
        Sequential net = Sequential.builder(1, 32, 32)
                .add(in -> new Conv2d(in, 16, 4, 2, 1)).leakyRelu(0.2)
                .add(in -> new Conv2d(in, 32, 4, 2, 1)).leakyRelu(0.2)
                .add(in -> new Conv2d(in, 64, 4, 2, 1)).leakyRelu(0.2)
                .add(in -> new Conv2d(in, 1, 4, 1, 0)).flatten()
                .build(DataType.DOUBLE, 5);
        assertPasses(net, input(2, 1, 32, 32), true, InputGradientFunction.unitNormPenalty(),
                GradientCheck.Options.defaults().withMaxChecksPerArray(30));
    }

    @Test
    void spectrallyNormalisedCritic() {
        Sequential net = Sequential.builder(6)
                .spectralNorm(in -> new Dense(in, 5)).tanh()
                .spectralNorm(in -> new Dense(in, 1))
                .build(DataType.DOUBLE, 2);
        assertPasses(net, input(4, 6), true, InputGradientFunction.unitNormPenalty(), GradientCheck.Options.defaults());
    }

    @Test
    void spectrallyNormalisedConvolutionCritic() {
        Sequential net = Sequential.builder(2, 6, 6)
                .spectralNorm(in -> new Conv2d(in, 3, 4, 2, 1)).leakyRelu(0.2)
                .spectralNorm(in -> new Conv2d(in, 1, 3, 1, 0, true)).flatten()
                .build(DataType.DOUBLE, 2);
        assertPasses(net, input(3, 2, 6, 6), true, LINEAR, GradientCheck.Options.defaults().withMaxChecksPerArray(30));
    }

    /**
     * A linear critic {@code D(x) = x·w + b}: {@code ∇ₓD = w} for every sample, so WGAN-GP's penalty
     * {@code λ mean_i (‖w‖ - 1)²} has the gradient {@code 2λ (‖w‖ - 1) w / ‖w‖} and none in {@code b}.
     */
    @Test
    void linearCriticPenaltyClosedForm() {
        Sequential net = Sequential.builder(4).dense(1).build(DataType.DOUBLE, 11);
        Dense dense = (Dense) net.layers().get(0);
        INDArray w = Nd4j.createFromArray(0.3, -1.2, 0.8, 0.5).reshape(4, 1);
        dense.weight().value().assign(w);
        double norm = Math.sqrt(0.09 + 1.44 + 0.64 + 0.25);
        double lambda = 10;
        int n = 6;
        Pass pass = net.newPass();
        pass.forward(input(n, 4), true);
        INDArray g = pass.backward(Nd4j.ones(DataType.DOUBLE, n, 1), false, true);
        for (int i = 0; i < n; i++) {
            assertThat(g.getRow(i).sub(w.reshape(4)).amaxNumber().doubleValue()).isLessThan(1e-15);
        }
        INDArray penaltyGradient = InputGradientFunction.unitNormPenalty().gradient().apply(g.dup()).muli(lambda / n);
        double penalty = lambda / n * InputGradientFunction.unitNormPenalty().value().applyAsDouble(g);
        assertThat(penalty).isCloseTo(lambda * (norm - 1) * (norm - 1), org.assertj.core.data.Offset.offset(1e-12));
        net.parameters().zeroGradients();
        INDArray dx = pass.doubleBackward(penaltyGradient, true, true);
        INDArray expected = w.mul(2 * lambda * (norm - 1) / norm);
        assertThat(dense.weight().gradient().sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(dense.bias().gradient().getDouble(0)).isEqualTo(0.0);
        assertThat(dx.amaxNumber().doubleValue()).isEqualTo(0.0); // the penalty does not depend on x
    }

    @Test
    void doubleBackwardAddsToExistingGradientsAndLeavesTheFirstOrderIntact() {
        Sequential net = Sequential.builder(5).dense(6).tanh().dense(1).build(DataType.DOUBLE, 1);
        INDArray x = input(3, 5);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 3, 1);
        Pass pass = net.newPass();
        net.parameters().zeroGradients();
        pass.forward(x, true);
        INDArray g = pass.backward(ones, false, true).dup();
        pass.doubleBackward(g, true, false);
        INDArray alone = net.parameters().gradients().dup();

        net.parameters().gradients().assign(0.5);
        pass.forward(x, true);
        INDArray g2 = pass.backward(ones, false, true).dup();
        assertThat(g2).isEqualTo(g);
        pass.doubleBackward(g2, true, false);
        assertThat(net.parameters().gradients().sub(alone.add(0.5)).amaxNumber().doubleValue()).isLessThan(1e-15);

        // a first-order step afterwards gives what it gives on a fresh pass
        net.parameters().zeroGradients();
        pass.forward(x, true);
        INDArray again = pass.backward(ones, true, true).dup();
        INDArray paramsAgain = net.parameters().gradients().dup();
        net.parameters().zeroGradients();
        Pass fresh = net.newPass();
        fresh.forward(x, true);
        assertThat(fresh.backward(ones, true, true)).isEqualTo(again);
        assertThat(net.parameters().gradients()).isEqualTo(paramsAgain);
    }

    /** The FLOAT kernels (heap loops, direct BLAS, im2col) give what the DOUBLE ones give, to float precision. */
    @Test
    void singlePrecisionMatchesDouble() {
        for (boolean convolutional : new boolean[] {false, true}) {
            Sequential d = critic(convolutional, DataType.DOUBLE);
            Sequential f = critic(convolutional, DataType.FLOAT);
            f.parameters().values().assign(d.parameters().values().castTo(DataType.FLOAT));
            INDArray x = convolutional ? input(8, 1, 16, 16) : input(8, 40);
            INDArray gd = penaltyGradient(d, x);
            INDArray gf = penaltyGradient(f, x.castTo(DataType.FLOAT)).castTo(DataType.DOUBLE);
            double scale = gd.amaxNumber().doubleValue();
            assertThat(scale).isGreaterThan(0);
            assertThat(gf.sub(gd).amaxNumber().doubleValue() / scale).as("convolutional " + convolutional).isLessThan(1e-4);
        }
    }

    private static Sequential critic(boolean convolutional, DataType type) {
        if (convolutional) {
            return Sequential.builder(1, 16, 16)
                    .add(in -> new Conv2d(in, 16, 4, 2, 1)).leakyRelu(0.2)
                    .add(in -> new Conv2d(in, 32, 4, 2, 1)).layerNorm().leakyRelu(0.2)
                    .add(in -> new Conv2d(in, 1, 4, 1, 0)).flatten()
                    .build(type, 4);
        }
        return Sequential.builder(40).dense(64).leakyRelu(0.2).dense(32).tanh().dense(1).build(type, 4);
    }

    private static INDArray penaltyGradient(Sequential net, INDArray x) {
        Pass pass = net.newPass();
        net.parameters().zeroGradients();
        pass.forward(x, true);
        INDArray g = pass.backward(Nd4j.ones(x.dataType(), x.size(0), 1), false, true);
        pass.doubleBackward(InputGradientFunction.unitNormPenalty().gradient().apply(g.dup()), true, false);
        return net.parameters().gradients().dup();
    }

    @Test
    void batchNormIsRefusedWithItsReason() {
        Sequential net = Sequential.builder(2, 4, 4).add(in -> new Conv2d(in, 3, 3, 1, 1)).add(BatchNorm2d::new).leakyRelu(0.2)
                .build(DataType.DOUBLE, 1);
        assertThat(net.doubleBackwardRefusal()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("layer 1 (BatchNorm2d): batch normalisation mixes the samples of a batch"));
        Pass pass = net.newPass();
        pass.forward(input(2, 2, 4, 4), true);
        pass.backward(Nd4j.ones(DataType.DOUBLE, 2, 3, 4, 4), false, true);
        assertThatThrownBy(() -> pass.doubleBackward(Nd4j.ones(DataType.DOUBLE, 2, 2, 4, 4), true, false))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void tangentBeforeBackwardIsRefused() {
        Sequential net = Sequential.builder(3).dense(2).build(DataType.DOUBLE, 1);
        Pass pass = net.newPass();
        pass.forward(input(2, 3), true);
        assertThatThrownBy(() -> pass.doubleBackward(Nd4j.ones(DataType.DOUBLE, 2, 3), true, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before forward and backward");
    }

    private static void randomise(Sequential net, String... slots) {
        Nd4j.getRandom().setSeed(17);
        for (String name : slots) {
            INDArray v = net.parameters().slots().get(name).value();
            v.assign(Nd4j.rand(DataType.DOUBLE, v.shape()).subi(0.5).muli(2).addi(name.endsWith("gamma") ? 1 : 0));
        }
    }
}

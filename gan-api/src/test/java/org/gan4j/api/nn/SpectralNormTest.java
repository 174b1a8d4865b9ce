package org.gan4j.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gan4j.api.nn.GradientCheckTest.input;

import org.gan4j.api.nn.Pass;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link SpectralNorm} against an SVD, finite differences and the checkpoint contract. */
class SpectralNormTest {

    /** LAPACK's singular values of {@code m}, largest first. */
    private static INDArray singularValues(INDArray m) {
        INDArray a = m.dup('f');
        long k = Math.min(m.rows(), m.columns());
        INDArray s = Nd4j.create(DataType.DOUBLE, k);
        Nd4j.getBlasWrapper().lapack().gesvd(a, s, null, null);
        return s;
    }

    @Test
    void powerIterationConvergesToTheLargestSingularValueAndTheOutputIsNormalised() {
        Sequential net = Sequential.builder(6).spectralNorm(in -> new Dense(in, 4)).build(DataType.DOUBLE, 3);
        SpectralNorm sn = (SpectralNorm) net.layers().get(0);
        INDArray w = sn.weight().value();
        INDArray b = sn.slot("bias").value();
        double sigma = singularValues(w).getDouble(0);
        Pass pass = net.newPass();
        INDArray x = input(5, 6);
        for (int i = 0; i < 100; i++) {
            pass.forward(x, true);
        }
        INDArray expected = x.mmul(w.div(sigma)).addRowVector(b);
        assertThat(pass.forward(x, false).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
        // the normalised weight has spectral norm 1
        assertThat(singularValues(w.div(sigma)).getDouble(0)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        // u and v are the top singular vectors (up to sign): M u = σ v
        INDArray u = sn.u().value().reshape(4, 1);
        INDArray v = sn.v().value().reshape(6, 1);
        assertThat(w.mmul(u).sub(v.mul(sigma)).amaxNumber().doubleValue()).isLessThan(1e-10);
    }

    @Test
    void convolutionWeightsAreNormalisedAsTheMatrixKkInByOut() {
        Sequential net = Sequential.builder(3, 5, 5).spectralNorm(in -> new Conv2d(in, 2, 3, 1, 0)).build(DataType.DOUBLE, 4);
        SpectralNorm sn = (SpectralNorm) net.layers().get(0);
        INDArray w = sn.weight().value();                       // [3, 3, 3 in, 2 out]
        INDArray torchLayout = w.permute(3, 2, 0, 1).dup('c').reshape(2, 27); // PyTorch's [out, in k k]
        double sigma = singularValues(torchLayout).getDouble(0);
        assertThat(singularValues(w.reshape('c', 27, 2)).getDouble(0)).isCloseTo(sigma, org.assertj.core.data.Offset.offset(1e-12));
        Pass pass = net.newPass();
        INDArray x = input(2, 3, 5, 5);
        for (int i = 0; i < 100; i++) {
            pass.forward(x, true);
        }
        Sequential plain = Sequential.builder(3, 5, 5).add(in -> new Conv2d(in, 2, 3, 1, 0)).build(DataType.DOUBLE, 4);
        plain.parameters().values().assign(w.reshape(w.length()).div(sigma));
        assertThat(pass.forward(x, false).sub(plain.newPass().forward(x, false)).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    /** Gradients through σ(W) = vᵀ M u with u, v held (frozen after the first forward, one power-iteration step). */
    @Test
    void gradientsThroughSigmaPassTheFiniteDifferenceCheck() {
        Sequential net = Sequential.builder(5).spectralNorm(in -> new Dense(in, 4)).leakyRelu(0.2)
                .spectralNorm(in -> new Dense(in, 2)).build(DataType.DOUBLE, 8);
        GradientCheck.Result result = GradientCheck.check(net, input(3, 5), true);
        assertThat(result.passed()).as(result.toString()).isTrue();
        Sequential conv = Sequential.builder(2, 5, 5).spectralNorm(in -> new Conv2d(in, 3, 3, 2, 1, true)).build(DataType.DOUBLE, 8);
        GradientCheck.Result convResult = GradientCheck.check(conv, input(2, 2, 5, 5), true);
        assertThat(convResult.passed()).as(convResult.toString()).isTrue();
    }

    /**
     * At convergence {@code ∂σ_max/∂W = v₁u₁ᵀ}: the weight gradient of {@code sum(y · w_out)} equals
     * {@code (G - ⟨G, W/σ⟩ v uᵀ)/σ} with the top singular vectors.
     */
    @Test
    void weightGradientIsTheClosedForm() {
        Sequential net = Sequential.builder(6).spectralNorm(in -> new Dense(in, 4)).build(DataType.DOUBLE, 3);
        SpectralNorm sn = (SpectralNorm) net.layers().get(0);
        INDArray w = sn.weight().value();
        double sigma = singularValues(w).getDouble(0);
        Pass pass = net.newPass();
        INDArray x = input(5, 6);
        for (int i = 0; i < 100; i++) {
            pass.forward(x, true);
        }
        INDArray dy = Nd4j.rand(DataType.DOUBLE, 5, 4);
        net.parameters().zeroGradients();
        pass.backward(dy, true, false);
        INDArray g = x.transpose().mmul(dy); // gradient with respect to W/σ
        INDArray u = sn.u().value().reshape(1, 4);
        INDArray v = sn.v().value().reshape(6, 1);
        double inner = g.mul(w.div(sigma)).sumNumber().doubleValue();
        INDArray expected = g.sub(v.mmul(u).mul(inner)).div(sigma);
        assertThat(sn.weight().gradient().sub(expected).amaxNumber().doubleValue()).isLessThan(1e-10);
        assertThat(sn.slot("bias").gradient().sub(dy.sum(0)).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void slotsKeepTheWrappedNamesAndTheVectorsAreState() {
        Sequential net = Sequential.builder(6).dense(3).spectralNorm(in -> new Dense(in, 2)).build(DataType.FLOAT, 3);
        assertThat(net.parameters().slots().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias", "1.u", "1.v");
        assertThat(net.parameters().size()).isEqualTo(6 * 3 + 3 + 3 * 2 + 2);
        assertThat(net.parameters().state().length()).isEqualTo(2 + 3);
        SpectralNorm sn = (SpectralNorm) net.layers().get(1);
        assertThat(sn.u().value().norm2Number().doubleValue()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(sn.v().value().norm2Number().doubleValue()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    /** Each training forward is one power-iteration step; evaluation does none; the state alone decides σ. */
    @Test
    void powerIterationStepsOnlyInTrainingAndContinuesFromTheSavedState() {
        Sequential a = Sequential.builder(6).spectralNorm(in -> new Dense(in, 4)).build(DataType.FLOAT, 3);
        Sequential b = Sequential.builder(6).spectralNorm(in -> new Dense(in, 4)).build(DataType.FLOAT, 3);
        INDArray x = input(5, 6).castTo(DataType.FLOAT);
        Pass pa = a.newPass();
        pa.forward(x, true);
        INDArray state = a.parameters().state().dup();
        pa.forward(x, false);
        assertThat(a.parameters().state()).isEqualTo(state);
        INDArray next = pa.forward(x, true).dup();
        assertThat(a.parameters().state()).isNotEqualTo(state);
        // a network restored from the values and state after the first step computes the same second step
        b.parameters().values().assign(a.parameters().values());
        b.parameters().state().assign(state);
        assertThat(b.newPass().forward(x, true)).isEqualTo(next);
    }

    @Test
    void refusesLayersWithoutAWeight() {
        assertThatThrownBy(() -> Sequential.builder(3, 2, 2).spectralNorm(LayerNorm::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a layer with a trainable 'weight' slot");
        assertThatThrownBy(() -> Sequential.builder(3, 2, 2).spectralNorm(BatchNorm2d::new))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package org.gan4j.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The built-in penalties' values and gradients in closed form (their contract: gan-testkit's BuiltInPenaltiesContractTest). */
class GradientPenaltiesTest {

    /** Two samples of shape [2]: norms 5 and 0. */
    private static final INDArray G = Nd4j.createFromArray(new double[][] {{3, 4}, {0, 0}});

    @Test
    void wganGpIsLambdaMeanOfNormMinusOneSquared() {
        GradientPenalty.Result r = GradientPenalties.wganGp(10).evaluate(G);
        assertThat(r.value()).isCloseTo(10 * (16 + 1) / 2.0, within(1e-12));
        // 2 λ (n - 1) g / (n batch) = 2*10*4/(5*2) g = 8 g for the first; 0 where g = 0
        assertThat(r.gradient().getRow(0).toDoubleVector()).containsExactly(new double[] {24, 32}, within(1e-12));
        assertThat(r.gradient().getRow(1).toDoubleVector()).containsExactly(0, 0);
    }

    @Test
    void r1AndR2AreHalfGammaMeanSquaredNorm() {
        GradientPenalty r1 = GradientPenalties.r1(10, 1);
        GradientPenalty.Result r = r1.evaluate(G);
        assertThat(r.value()).isCloseTo(5 * 25 / 2.0, within(1e-12));
        assertThat(r.gradient().getRow(0).toDoubleVector()).containsExactly(new double[] {15, 20}, within(1e-12));
        assertThat(r1.samples()).isEqualTo(GradientPenalty.Samples.REAL);
        GradientPenalty r2 = GradientPenalties.r2(1, 16);
        assertThat(r2.samples()).isEqualTo(GradientPenalty.Samples.FAKE);
        assertThat(r2.interval()).isEqualTo(16);
        assertThat(r2.toString()).isEqualTo("r2 (γ 1.0, every 16 steps)");
    }

    @Test
    void floatInFloatOutImagesKeepTheirShape() {
        INDArray g = Nd4j.rand(DataType.FLOAT, 3, 1, 4, 4);
        GradientPenalty.Result r = GradientPenalties.wganGp(10).evaluate(g);
        assertThat(r.gradient().shape()).containsExactly(3, 1, 4, 4);
        assertThat(r.gradient().dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void refusesNegativeWeightsAndIntervals() {
        assertThatThrownBy(() -> GradientPenalties.r1(-1, 1)).hasMessage("r1 weight must be a finite value >= 0, got -1.0");
        assertThatThrownBy(() -> GradientPenalties.r2(1, 0)).hasMessage("r2 interval must be at least 1, got 0");
    }
}

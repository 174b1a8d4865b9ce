package org.gan4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.api.nn.Parameters;
import org.gan4j.api.spi.Optimizer;
import org.gan4j.api.spi.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The optimizers against their update rules computed by hand. */
class OptimizerClosedFormTest {

    private static final double[] P0 = {0.5, -1.0, 2.0, 0.0};
    private static final double[] G1 = {0.1, -0.2, 3.0, -1e-3};
    private static final double[] G2 = {-0.3, -0.1, 1.0, 2.0};

    private static Parameters params(DataType type) {
        Parameters.Builder b = Parameters.builder();
        b.add("a", 1, 3);
        b.add("b", 1);
        Parameters p = b.build(type);
        p.values().assign(Nd4j.createFromArray(P0).castTo(type));
        return p;
    }

    private static void step(Parameters p, Optimizer opt, double[] g) {
        p.gradients().assign(Nd4j.createFromArray(g).castTo(p.values().dataType()));
        opt.step();
    }

    private static void assertValues(Parameters p, double[] expected, double tolerance) {
        double[] actual = p.values().toDoubleVector();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("value %d", i).isCloseTo(expected[i], within(tolerance));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void sgd(DataType type) {
        Parameters p = params(type);
        Optimizer opt = new SgdSpec(0.1).create(p);
        step(p, opt, G1);
        step(p, opt, G2);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = P0[i] - 0.1 * G1[i] - 0.1 * G2[i];
        }
        assertValues(p, expected, type == DataType.DOUBLE ? 1e-12 : 1e-6);
        assertThat(opt.steps()).isEqualTo(2);
    }

    /** PyTorch's Adam, step by step, in double. */
    private static double[] adamByHand(double lr, double b1, double b2, double eps, double[]... gradients) {
        double[] p = P0.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        int t = 0;
        for (double[] g : gradients) {
            t++;
            for (int i = 0; i < p.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        return p;
    }

    @Test
    void adamFirstStepIsLrTimesSignScaled() {
        // After one step m̂ = g and v̂ = g², so the step is lr * g / (|g| + eps) whatever beta1 and beta2.
        Parameters p = params(DataType.DOUBLE);
        Optimizer opt = new AdamSpec(0.01, 0.5, 0.999, 0.05).create(p);
        step(p, opt, G1);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = P0[i] - 0.01 * G1[i] / (Math.abs(G1[i]) + 0.05);
        }
        assertValues(p, expected, 1e-12);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void adamTwoSteps(DataType type) {
        Parameters p = params(type);
        Optimizer opt = new AdamSpec(0.01, 0.5, 0.999, 1e-3).create(p);
        step(p, opt, G1);
        step(p, opt, G2);
        assertValues(p, adamByHand(0.01, 0.5, 0.999, 1e-3, G1, G2), type == DataType.DOUBLE ? 1e-12 : 1e-6);
    }

    @Test
    void rmsPropTwoSteps() {
        double lr = 0.01;
        double d = 0.9;
        double eps = 1e-4;
        Parameters p = params(DataType.DOUBLE);
        Optimizer opt = new RmsPropSpec(lr, d, eps).create(p);
        step(p, opt, G1);
        step(p, opt, G2);
        double[] expected = P0.clone();
        double[] v = new double[4];
        for (double[] g : new double[][] {G1, G2}) {
            for (int i = 0; i < 4; i++) {
                v[i] = d * v[i] + (1 - d) * g[i] * g[i];
                expected[i] -= lr * g[i] / Math.sqrt(v[i] + eps);
            }
        }
        assertValues(p, expected, 1e-12);
    }

    private static void assertRestoreGivesSameNextStep(OptimizerSpec spec) {
        Parameters a = params(DataType.DOUBLE);
        Optimizer optA = spec.create(a);
        step(a, optA, G1);
        step(a, optA, G2);
        var savedState = optA.state().dup();
        long savedSteps = optA.steps();
        var savedValues = a.values().dup();
        step(a, optA, G1);

        Parameters b = params(DataType.DOUBLE);
        b.values().assign(savedValues);
        Optimizer optB = spec.create(b);
        optB.restore(savedState, savedSteps);
        assertThat(optB.steps()).isEqualTo(2);
        step(b, optB, G1);
        assertThat(b.values().toDoubleVector()).containsExactly(a.values().toDoubleVector());
        // Without the restore the third step differs: the check can fail.
        Parameters c = params(DataType.DOUBLE);
        c.values().assign(savedValues);
        Optimizer optC = spec.create(c);
        step(c, optC, G1);
        assertThat(c.values().toDoubleVector()).isNotEqualTo(a.values().toDoubleVector());
    }

    @Test
    void adamRestore() {
        assertRestoreGivesSameNextStep(new AdamSpec(0.01, 0.5, 0.999, 1e-8));
    }

    @Test
    void rmsPropRestore() {
        assertRestoreGivesSameNextStep(new RmsPropSpec(0.01, 0.9, 1e-8));
    }

    @Test
    void stateHasTheMomentsInOrder() {
        Parameters p = params(DataType.DOUBLE);
        Optimizer opt = new AdamSpec(0.01, 0.5, 0.999, 1e-8).create(p);
        step(p, opt, G1);
        double[] state = opt.state().toDoubleVector();
        assertThat(state).hasSize(8);
        for (int i = 0; i < 4; i++) {
            assertThat(state[i]).isCloseTo(0.5 * G1[i], within(1e-15));
            assertThat(state[4 + i]).isCloseTo(0.001 * G1[i] * G1[i], within(1e-15));
        }
    }
}

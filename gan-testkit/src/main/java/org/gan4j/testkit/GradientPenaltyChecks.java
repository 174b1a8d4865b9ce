package org.gan4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.GradientCheck;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.GradientPenalty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The contract of a {@link GradientPenalty} as static assertions (each throws an
 * {@link AssertionError} naming the penalty and what broke); {@link GradientPenaltyContract} runs
 * them as JUnit 5 tests, and {@link LossContract} runs {@link #all} for every penalty a loss declares.
 *
 * <p>The contract, from {@link GradientPenalty}: the gradient with respect to the input gradients
 * matches finite differences of the value; the value is a mean over the batch; value and gradient
 * are finite for any finite input gradients, zero included; the gradient keeps their shape and type
 * and the input is left alone, and evaluating into a buffer gives the same value and gradient; the interval is at least 1; and trained through a critic's double
 * back-propagation, the penalty's gradient with respect to the critic's parameters matches finite
 * differences of the penalty of the critic's input gradient.
 */
public final class GradientPenaltyChecks {

    private GradientPenaltyChecks() {
    }

    /** Every check, with input gradients of three samples of shape {@code [2, 2]}. */
    public static void all(GradientPenalty penalty) {
        INDArray g = inputGradients(3, 2, 2);
        gradientMatchesFiniteDifferences(penalty, g, 1e-6, 1e-7);
        valueIsAMean(penalty, g);
        finiteOnZeroAndExtremeGradients(penalty);
        shapesTypesAndInputs(penalty, g);
        assertThat(penalty.interval()).as("%s: interval", penalty).isGreaterThanOrEqualTo(1);
        assertThat(penalty.name()).as("%s: name", penalty).isNotBlank();
        assertThat(penalty.samples()).as("%s: samples", penalty).isNotNull();
        trainsACriticThroughDoubleBackward(penalty);
    }

    /** Normal input gradients, {@code [batch, shape...]}, from a fixed seed, scaled so that norms straddle 1. */
    public static INDArray inputGradients(long batch, long... shape) {
        long[] full = Shapes.withBatch(batch, shape);
        Nd4j.getRandom().setSeed(31);
        return Nd4j.randn(DataType.DOUBLE, full).muli(0.6);
    }

    public static void gradientMatchesFiniteDifferences(GradientPenalty penalty, INDArray g, double step, double tolerance) {
        INDArray gradient = penalty.evaluate(g).gradient();
        assertThat(gradient.length()).as("%s: gradient length", penalty).isEqualTo(g.length());
        assertThat(flat(gradient))
                .as("%s: evaluate's gradient against finite differences of its value", penalty)
                .containsExactly(FiniteDifferences.gradient(x -> penalty.evaluate(x).value(), g.dup('c'), step), within(tolerance));
    }

    /** The same batch twice over: the same value, each sample's gradient halved. */
    public static void valueIsAMean(GradientPenalty penalty, INDArray g) {
        GradientPenalty.Result once = penalty.evaluate(g);
        GradientPenalty.Result twice = penalty.evaluate(Nd4j.concat(0, g, g));
        assertThat(twice.value()).as("%s: value of a batch repeated twice (the value must be a mean)", penalty)
                .isCloseTo(once.value(), within(1e-12 * Math.max(1, Math.abs(once.value()))));
        double[] a = flat(once.gradient());
        double[] b = flat(twice.gradient());
        for (int i = 0; i < b.length; i++) {
            assertThat(b[i]).as("%s: gradient element %d of a batch repeated twice must be half the single batch's", penalty, i)
                    .isCloseTo(a[i % a.length] / 2, within(1e-12 * Math.max(1, Math.abs(a[i % a.length]))));
        }
    }

    /** Zero input gradients (a flat critic), tiny and huge ones, in double and float: finite values and gradients. */
    public static void finiteOnZeroAndExtremeGradients(GradientPenalty penalty) {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (double scale : new double[] {0, 1e-20, 1e3}) {
                INDArray g = inputGradients(2, 3).muli(scale).castTo(type);
                GradientPenalty.Result r = penalty.evaluate(g);
                String what = penalty + " on " + type + " input gradients of scale " + scale;
                assertThat(r.value()).as("%s: value", what).isFinite();
                for (double v : flat(r.gradient())) {
                    assertThat(v).as("%s: gradient", what).isFinite();
                }
            }
        }
    }

    public static void shapesTypesAndInputs(GradientPenalty penalty, INDArray g) {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray input = g.castTo(type);
            INDArray copy = input.dup();
            GradientPenalty.Result r = penalty.evaluate(input);
            assertThat(r.gradient()).as("%s: gradient", penalty).isNotNull();
            assertThat(r.gradient().shape()).as("%s: gradient shape", penalty).containsExactly(input.shape());
            assertThat(r.gradient().dataType()).as("%s: gradient data type", penalty).isEqualTo(type);
            assertThat(r.gradient()).as("%s: the gradient must be a new array, not the input", penalty).isNotSameAs(input);
            assertThat(input).as("%s modified the input gradients it was given", penalty).isEqualTo(copy);
            INDArray buffer = Nd4j.valueArrayOf(input.shape(), Double.NaN, type);
            double value = penalty.evaluate(input, buffer);
            assertThat(value).as("%s: evaluate(g, buffer)'s value against evaluate(g)'s", penalty).isEqualTo(r.value());
            assertThat(buffer).as("%s: evaluate(g, buffer)'s gradient against evaluate(g)'s", penalty).isEqualTo(r.gradient());
            assertThat(input).as("%s modified the input gradients it was given (evaluate(g, buffer))", penalty).isEqualTo(copy);
        }
    }

    /**
     * Through a small critic (dense 4-6-1 with a tanh, in double): the penalty of its input gradient,
     * trained by {@code Pass.doubleBackward}, against central differences over every parameter and
     * input value.
     */
    public static void trainsACriticThroughDoubleBackward(GradientPenalty penalty) {
        Sequential critic = Sequential.builder(4).dense(6).tanh().dense(1).build(DataType.DOUBLE, 3);
        GradientCheck.InputGradientFunction phi = new GradientCheck.InputGradientFunction(
                g -> penalty.evaluate(g).value(), g -> penalty.evaluate(g).gradient());
        GradientCheck.Result result = GradientCheck.checkDoubleBackward(critic, inputGradients(5, 4), true, phi,
                GradientCheck.Options.defaults().withMaxRelativeError(1e-5));
        assertThat(result.passed()).as("%s through a critic's double back-propagation: %s", penalty, result).isTrue();
    }

    /** The values in row-major order, as doubles. */
    private static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').reshape(a.length()).toDoubleVector();
    }
}

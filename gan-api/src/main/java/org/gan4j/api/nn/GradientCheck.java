package org.gan4j.api.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks a network's hand-written backward pass against central finite differences, in double
 * precision.
 *
 * <p>The checked function is {@code f(x, θ) = sum(forward(x) * w)} with fixed random weights
 * {@code w}, so {@code df/dOutput = w}: the check runs one {@code backward(w, true)} and compares the
 * input gradient it returns and the parameter gradients it accumulates with
 * {@code (f(v + ε) - f(v - ε)) / 2ε} for each checked input value and parameter value {@code v}.
 *
 * <p>For a training-mode check of a network with dropout, the pass must implement
 * {@link RandomnessControl}: the check freezes it after the first forward so every evaluation
 * uses the same masks ({@link Sequential}'s passes do).
 *
 * <p>{@link #checkDoubleBackward} checks {@link Pass#doubleBackward} the same way: the gradient of
 * a function {@code Φ} of the input gradient {@code g = ∇ₓ sum(forward(x) * w)} with respect to the
 * parameters and the input, against central differences of {@code Φ(g)} recomputed by a forward and
 * a first-order backward for each perturbed value.
 *
 * <p>The network's parameter gradients are overwritten. Use a network built with
 * {@link DataType#DOUBLE}; single precision cannot resolve the differences.
 */
public final class GradientCheck {

    private GradientCheck() {
    }

    /**
     * @param epsilon           the finite-difference step
     * @param maxRelativeError  largest accepted {@code |a - n| / max(|a|, |n|)}
     * @param absoluteTolerance differences {@code |a - n|} at or below this pass whatever their relative error
     *                          (gradients that are zero analytically and ~1e-11 numerically)
     * @param maxChecksPerArray at most this many values of the input and of each parameter slot are
     *                          checked, evenly spread; keeps checks of wide layers fast
     * @param seed              seed of the random output weights {@code w}
     */
    public record Options(double epsilon, double maxRelativeError, double absoluteTolerance, int maxChecksPerArray, long seed) {

        public Options {
            if (!(epsilon > 0) || !(maxRelativeError > 0) || !(absoluteTolerance >= 0) || maxChecksPerArray <= 0) {
                throw new IllegalArgumentException("invalid gradient-check options");
            }
        }

        /** ε 1e-6, relative error 1e-6, absolute tolerance 1e-9, every value checked, seed 12345. */
        public static Options defaults() {
            return new Options(1e-6, 1e-6, 1e-9, Integer.MAX_VALUE, 12345);
        }

        public Options withMaxChecksPerArray(int n) {
            return new Options(epsilon, maxRelativeError, absoluteTolerance, n, seed);
        }

        public Options withMaxRelativeError(double e) {
            return new Options(epsilon, e, absoluteTolerance, maxChecksPerArray, seed);
        }
    }

    /**
     * A scalar function {@code Φ} of a network's input gradient {@code g} and its gradient
     * {@code ∂Φ/∂g}, e.g. a gradient penalty.
     */
    public record InputGradientFunction(ToDoubleFunction<INDArray> value, UnaryOperator<INDArray> gradient) {

        /** {@code Φ(g) = sum(c * g)} for fixed random {@code c} (normal, from {@code seed}): checks the sweeps for any direction. */
        public static InputGradientFunction linear(long seed) {
            INDArray[] c = new INDArray[1];
            UnaryOperator<INDArray> weights = g -> {
                if (c[0] == null || !java.util.Arrays.equals(c[0].shape(), g.shape())) {
                    c[0] = Nd4j.createUninitialized(DataType.DOUBLE, g.shape());
                    Nd4j.getExecutioner().exec(new GaussianDistribution(c[0], 0.0, 1.0), Nd4j.getRandomFactory().getNewRandomInstance(seed));
                }
                return c[0];
            };
            return new InputGradientFunction(g -> g.mul(weights.apply(g)).sumNumber().doubleValue(), weights);
        }

        /**
         * WGAN-GP's penalty, {@code Φ(g) = sum over samples of (‖g_i‖ - 1)²}, with
         * {@code ∂Φ/∂g_i = 2 (‖g_i‖ - 1) g_i / ‖g_i‖}.
         */
        public static InputGradientFunction unitNormPenalty() {
            return new InputGradientFunction(g -> {
                INDArray norms = perSampleNorms(g);
                return norms.sub(1).muli(norms.sub(1)).sumNumber().doubleValue();
            }, g -> {
                INDArray norms = perSampleNorms(g);
                INDArray factor = norms.sub(1).muli(2).divi(norms);
                return g.reshape(g.size(0), g.length() / g.size(0)).mulColumnVector(factor).reshape(g.shape());
            });
        }

        private static INDArray perSampleNorms(INDArray g) {
            return g.reshape(g.size(0), g.length() / g.size(0)).norm2(1).reshape(g.size(0), 1);
        }
    }

    /** One checked value whose analytic and numerical gradients disagree. */
    public record Mismatch(String where, long index, double analytic, double numerical, double relativeError) {
        @Override
        public String toString() {
            return where + "[" + index + "]: analytic " + analytic + ", numerical " + numerical + " (relative error " + relativeError + ")";
        }
    }

    /**
     * @param checked          number of values compared
     * @param maxRelativeError the largest relative error seen among values outside the absolute tolerance
     * @param mismatches       values over the threshold
     */
    public record Result(int checked, double maxRelativeError, List<Mismatch> mismatches) {
        public boolean passed() {
            return mismatches.isEmpty();
        }

        @Override
        public String toString() {
            return (passed() ? "passed" : "FAILED") + ": " + checked + " values, max relative error " + maxRelativeError
                    + (passed() ? "" : ", " + mismatches.size() + " mismatches, first " + mismatches.subList(0, Math.min(5, mismatches.size())));
        }
    }

    /** {@link #check(Network, INDArray, boolean, Options)} with {@link Options#defaults()}. */
    public static Result check(Network network, INDArray input, boolean training) {
        return check(network, input, training, Options.defaults());
    }

    /**
     * Runs the check on a new pass of {@code network} for the batch {@code input} (not modified).
     *
     * @param training the forward's mode; with {@code true}, dropout masks are drawn once and frozen
     */
    public static Result check(Network network, INDArray input, boolean training, Options options) {
        return check(network, input, null, training, options);
    }

    /** {@link #check(Network, INDArray, INDArray, boolean, Options)} with {@link Options#defaults()}. */
    public static Result check(Network network, INDArray input, INDArray condition, boolean training) {
        return check(network, input, condition, training, Options.defaults());
    }

    /**
     * Like {@link #check(Network, INDArray, boolean, Options)} for a conditional network: every
     * forward reads {@code condition} ({@code [batch, conditionSize]}, DOUBLE, held fixed: conditions
     * get no gradient).
     */
    public static Result check(Network network, INDArray input, INDArray condition, boolean training, Options options) {
        Parameters parameters = network.parameters();
        if (input.dataType() != DataType.DOUBLE || (parameters.size() > 0 && parameters.values().dataType() != DataType.DOUBLE)) {
            throw new IllegalArgumentException("gradient checks need DOUBLE input and parameters");
        }
        INDArray x = input.dup('c');
        Pass raw = network.newPass();
        Pass pass = conditioned(raw, condition == null ? null : condition.dup('c'));
        INDArray out = pass.forward(x, training);
        if (raw instanceof RandomnessControl control) {
            control.freezeRandomness(true);
        }
        INDArray weights = Nd4j.createUninitialized(DataType.DOUBLE, out.shape());
        Nd4j.getExecutioner().exec(new GaussianDistribution(weights, 0.0, 1.0),
                Nd4j.getRandomFactory().getNewRandomInstance(options.seed()));

        // Analytic gradients: one backward of w through the forward of the unperturbed values.
        parameters.zeroGradients();
        pass.forward(x, training);
        INDArray inputGradient = pass.backward(weights, true).dup('c');
        Map<String, Parameters.Slot> slots = parameters.slots();
        List<INDArray> slotGradients = new ArrayList<>();
        for (Parameters.Slot slot : slots.values()) {
            slotGradients.add(slot.trainable() ? slot.gradient().dup('c') : null);
        }

        Accumulator acc = new Accumulator(options);
        compare("input", x, inputGradient, pass, weights, training, x, acc);
        int i = 0;
        for (Parameters.Slot slot : slots.values()) {
            INDArray grad = slotGradients.get(i++);
            if (grad != null) {
                compare(slot.name(), slot.value(), grad, pass, weights, training, x, acc);
            }
        }
        if (raw instanceof RandomnessControl control) {
            control.freezeRandomness(false);
        }
        return new Result(acc.checked, acc.maxRelative, List.copyOf(acc.mismatches));
    }

    /** {@code pass} with {@code condition} given to every forward (the check itself calls the two-argument forward). */
    private static Pass conditioned(Pass pass, INDArray condition) {
        if (condition == null) {
            return pass;
        }
        return new Pass() {
            @Override
            public INDArray forward(INDArray input, boolean training) {
                return pass.forward(input, condition, training);
            }

            @Override
            public INDArray backward(INDArray gradOutput, boolean parameterGradients) {
                return pass.backward(gradOutput, parameterGradients);
            }

            @Override
            public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
                return pass.backward(gradOutput, parameterGradients, inputGradient);
            }

            @Override
            public INDArray doubleBackward(INDArray gradOfInputGradient, boolean parameterGradients, boolean inputGradient) {
                return pass.doubleBackward(gradOfInputGradient, parameterGradients, inputGradient);
            }
        };
    }

    /**
     * Checks {@link Pass#doubleBackward} on a new pass of {@code network} for the batch {@code input}
     * (not modified): the parameter gradients it adds and the input gradient it returns for
     * {@code c = ∂Φ/∂g}, against central differences of {@code Φ(g)}, {@code g} being the input
     * gradient of {@code sum(forward(x) * w)} from a first-order backward ({@code w} fixed random).
     *
     * @param training the forward's mode; with {@code true}, random draws (dropout masks) and
     *                 other per-forward updates (spectral normalisation's power iteration) are frozen
     *                 after the first forward
     */
    public static Result checkDoubleBackward(Network network, INDArray input, boolean training, InputGradientFunction phi,
                                             Options options) {
        return checkDoubleBackward(network, input, null, training, phi, options);
    }

    /**
     * {@link #checkDoubleBackward(Network, INDArray, boolean, InputGradientFunction, Options)} for a
     * conditional network: every forward reads {@code condition} (rows {@code [batch, conditionSize]},
     * DOUBLE; null for a network that reads none), which is held fixed.
     */
    public static Result checkDoubleBackward(Network network, INDArray input, INDArray condition, boolean training,
                                             InputGradientFunction phi, Options options) {
        Parameters parameters = network.parameters();
        if (input.dataType() != DataType.DOUBLE || (parameters.size() > 0 && parameters.values().dataType() != DataType.DOUBLE)) {
            throw new IllegalArgumentException("gradient checks need DOUBLE input and parameters");
        }
        INDArray x = input.dup('c');
        Pass raw = network.newPass();
        Pass pass = conditioned(raw, condition);
        INDArray out = pass.forward(x, training);
        if (raw instanceof RandomnessControl control) {
            control.freezeRandomness(true);
        }
        INDArray weights = Nd4j.createUninitialized(DataType.DOUBLE, out.shape());
        Nd4j.getExecutioner().exec(new GaussianDistribution(weights, 0.0, 1.0),
                Nd4j.getRandomFactory().getNewRandomInstance(options.seed()));

        parameters.zeroGradients();
        pass.forward(x, training);
        INDArray g = pass.backward(weights, false, true).dup('c');
        INDArray inputGradient = pass.doubleBackward(phi.gradient().apply(g), true, true).dup('c');
        List<INDArray> slotGradients = new ArrayList<>();
        for (Parameters.Slot slot : parameters.slots().values()) {
            slotGradients.add(slot.trainable() ? slot.gradient().dup('c') : null);
        }

        DoubleSupplier objective = () -> {
            pass.forward(x, training);
            return phi.value().applyAsDouble(pass.backward(weights, false, true));
        };
        Accumulator acc = new Accumulator(options);
        compare("input", x, inputGradient, objective, acc);
        int i = 0;
        for (Parameters.Slot slot : parameters.slots().values()) {
            INDArray grad = slotGradients.get(i++);
            if (grad != null) {
                compare(slot.name(), slot.value(), grad, objective, acc);
            }
        }
        if (raw instanceof RandomnessControl control) {
            control.freezeRandomness(false);
        }
        return new Result(acc.checked, acc.maxRelative, List.copyOf(acc.mismatches));
    }

    private static void compare(String where, INDArray values, INDArray analytic, Pass pass, INDArray weights,
                                boolean training, INDArray x, Accumulator acc) {
        compare(where, values, analytic, () -> objective(pass, x, weights, training), acc);
    }

    private static void compare(String where, INDArray values, INDArray analytic, DoubleSupplier objective, Accumulator acc) {
        long n = values.length();
        long step = Math.max(1, n / acc.options.maxChecksPerArray());
        double eps = acc.options.epsilon();
        for (long j = 0; j < n; j += step) {
            double original = values.getDouble(j);
            values.putScalar(j, original + eps);
            double plus = objective.getAsDouble();
            values.putScalar(j, original - eps);
            double minus = objective.getAsDouble();
            values.putScalar(j, original);
            double numerical = (plus - minus) / (2 * eps);
            acc.add(where, j, analytic.getDouble(j), numerical);
        }
    }

    private static double objective(Pass pass, INDArray x, INDArray weights, boolean training) {
        return pass.forward(x, training).mul(weights).sumNumber().doubleValue();
    }

    private static final class Accumulator {
        final Options options;
        final List<Mismatch> mismatches = new ArrayList<>();
        int checked;
        double maxRelative;

        Accumulator(Options options) {
            this.options = options;
        }

        void add(String where, long index, double analytic, double numerical) {
            checked++;
            double diff = Math.abs(analytic - numerical);
            if (diff <= options.absoluteTolerance()) {
                return;
            }
            double relative = diff / Math.max(Math.abs(analytic), Math.abs(numerical));
            maxRelative = Math.max(maxRelative, relative);
            if (relative > options.maxRelativeError()) {
                mismatches.add(new Mismatch(where, index, analytic, numerical, relative));
            }
        }
    }
}

package org.gan4j.core.train;

import org.gan4j.api.nn.Parameters;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An exponential moving average of the generator's weights (Polyak averaging; Yazıcı et al. 2019,
 * "The Unusual Effectiveness of Averaging in GAN Training"), and of its non-trainable state (batch-norm
 * running statistics) with the same decay, so the averaged network's statistics follow its weights.
 *
 * <p>After generator step {@code t} (1, 2, ...) the average moves by
 * {@code avg = d avg + (1 - d) w} with {@code d = min(decay, (1 + t) / (10 + t))}: early on the average
 * follows the weights closely (the random initial weights are forgotten within a few dozen steps),
 * later it averages over about {@code 1 / (1 - decay)} steps, and in a short run over roughly its last
 * tenth.
 *
 * <p>{@link #swap()} exchanges the averaged and the live contents of the generator's arrays, so code
 * that samples from the generator (grids, metrics, the saved weights) sees the average between two
 * swaps while the optimizer keeps training the live weights.
 */
public final class GeneratorAverage {

    private final double decay;
    private final Parameters live;
    private final INDArray values;
    private final INDArray state;
    private final INDArray scratchValues;
    private final INDArray scratchState;
    private boolean swapped;

    /** Starts the average at the generator's current weights and state. */
    public GeneratorAverage(Parameters live, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("the average's decay must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        this.live = live;
        this.values = live.values().dup();
        this.state = live.state().dup();
        this.scratchValues = values.dup();
        this.scratchState = state.dup();
    }

    /** The decay used after generator step {@code step} (counted from 1). */
    public static double decayAt(double decay, long step) {
        return Math.min(decay, (1.0 + step) / (10.0 + step));
    }

    /** Moves the average towards the live weights after generator step {@code step} (counted from 1). */
    public void update(long step) {
        if (swapped) {
            throw new IllegalStateException("update while the average is swapped in");
        }
        double d = decayAt(decay, step);
        blend(values, live.values(), d);
        blend(state, live.state(), d);
    }

    /** avg = d avg + (1 - d) w, computed as w + d (avg - w) in place. */
    private static void blend(INDArray average, INDArray weights, double d) {
        if (average.length() > 0) {
            average.subi(weights).muli(d).addi(weights);
        }
    }

    /** Exchanges the averaged and the live contents of the generator's arrays; a second call undoes it. */
    public void swap() {
        exchange(live.values(), values, scratchValues);
        exchange(live.state(), state, scratchState);
        swapped = !swapped;
    }

    /** Runs {@code action} with the average swapped into the generator, then swaps back. */
    public void withAverage(Runnable action) {
        swap();
        try {
            action.run();
        } finally {
            swap();
        }
    }

    private static void exchange(INDArray a, INDArray b, INDArray scratch) {
        if (a.length() > 0) {
            scratch.assign(a);
            a.assign(b);
            b.assign(scratch);
        }
    }

    /** The averaged weights (the generator's layout); live while {@link #swap()}ped. */
    public INDArray values() {
        return values;
    }

    /** The averaged state; live while {@link #swap()}ped. */
    public INDArray state() {
        return state;
    }

    public double decay() {
        return decay;
    }
}

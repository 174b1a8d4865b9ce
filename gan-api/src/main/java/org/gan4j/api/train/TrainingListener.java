package org.gan4j.api.train;

/**
 * Observes a training run; everything a run leaves on disk is written by listeners. Plugins add
 * their own with {@code Multibinder.newSetBinder(binder, TrainingListener.class).addBinding().to(...)}
 * in {@link org.gan4j.api.spi.GanPlugin#configure}.
 *
 * <p>Called on the training thread, in binding order. {@link #onEnd} is called however the run ends
 * (completed, diverged, interrupted or failed), so files written so far can be finished; an
 * exception from a listener stops the run (other listeners still get {@code onEnd}).
 *
 * <p>With {@code optimizer.ema} set, the run's generator holds the averaged weights during
 * {@link #onEpochEnd} and {@link #onEnd} (what samples, metrics and saved weights should show) and
 * the live, trained ones during the other calls.
 */
public interface TrainingListener {

    /** Before the first iteration. */
    default void onStart(RunInfo run) {
    }

    /** After each completed iteration. */
    default void onIteration(IterationStats stats) {
    }

    /** After the last iteration of each epoch (1-based); {@code samples} renders the fixed noise on demand. */
    default void onEpochEnd(int epoch, SampleSource samples) {
    }

    /**
     * Just before a checkpoint after {@code iteration} iterations is written: flush what has been
     * written so far, so that the files hold at least every iteration the checkpoint covers.
     */
    default void onCheckpoint(long iteration) {
    }

    /** When the run ends, however it ends. */
    default void onEnd(TrainingResult result, SampleSource samples) {
    }
}

package org.gan4j.api.spi;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the trainer gives a {@link Loss} besides the scores at each step.
 *
 * <p>{@link #state()} is the loss's own state (moving averages, a balance term...), declared by
 * {@link Loss#stateSize()} and set up by {@link Loss#initialState}. The trainer owns the array: it
 * saves it in every checkpoint, writes it back on resume and on a divergence rollback, and starts a
 * new run from {@link Loss#initialState}. A loss reads and updates it in place and keeps no other
 * state between calls; that is what makes resume exact and rollback start clean.
 */
public interface LossContext {

    /**
     * The loss's state, a DOUBLE vector of {@link Loss#stateSize()} values (length 0 for a
     * stateless loss), live: updates made in place persist to the next step.
     */
    INDArray state();

    /** The training iteration being run, counted from 0 (as in {@link TrainingSchedule#discriminatorSteps(long)}). */
    long iteration();

    /** A context over {@code state} (not copied) at {@code iteration}: for the trainer and for tests. */
    static LossContext of(INDArray state, long iteration) {
        Objects.requireNonNull(state, "state");
        return new LossContext() {
            @Override
            public INDArray state() {
                return state;
            }

            @Override
            public long iteration() {
                return iteration;
            }

            @Override
            public String toString() {
                return "LossContext[iteration " + iteration + ", state " + state.length() + " values]";
            }
        };
    }

    /** A fresh context for {@code loss}: its initial state at iteration 0. */
    static LossContext initial(Loss loss) {
        INDArray state = Nd4j.zeros(DataType.DOUBLE, loss.stateSize());
        if (loss.stateSize() > 0) {
            loss.initialState(state);
        }
        return of(state, 0);
    }
}

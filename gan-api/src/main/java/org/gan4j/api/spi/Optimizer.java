package org.gan4j.api.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Updates one network's parameters in place from the gradients accumulated in them. */
public interface Optimizer {

    /** Applies one update from the current gradients; the gradients are consumed (left undefined). */
    void step();

    /** The optimizer's state (moments, step count) as one flat array, for checkpoints; may be empty. */
    INDArray state();

    /** Number of updates applied so far. */
    long steps();

    /** Restores {@link #state()} and the step count saved in a checkpoint. */
    void restore(INDArray state, long steps);

    /**
     * Multiplies the learning rate by {@code factor} from the next step on (the divergence guard's
     * rollback lowers it). The default refuses: an optimizer that cannot does not support rollback.
     */
    default void scaleLearningRate(double factor) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot change its learning rate");
    }
}

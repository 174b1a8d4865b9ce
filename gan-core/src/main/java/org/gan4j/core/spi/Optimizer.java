package org.gan4j.core.spi;

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
}

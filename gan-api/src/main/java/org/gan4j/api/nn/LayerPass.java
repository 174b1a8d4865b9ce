package org.gan4j.api.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link Layer}'s forward and backward computation with its own buffers. The input given to
 * {@link #forward} must stay unchanged until the matching {@link #backward}: layers keep a
 * reference to it rather than a copy.
 */
public interface LayerPass extends Pass, RandomnessControl {

    /**
     * Back-propagates {@code gradOutput} through the last forward.
     *
     * @param parameterGradients whether to add dLoss/dParameters into the parameter gradients
     * @param inputGradient      whether dLoss/dInput is wanted; when {@code false} the layer may skip
     *                           computing it and return {@code null}
     * @return dLoss/dInput, or {@code null} when not asked for
     */
    @Override
    INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient);

    @Override
    default INDArray backward(INDArray gradOutput, boolean parameterGradients) {
        return backward(gradOutput, parameterGradients, true);
    }

    /** Layers without randomness ignore this. */
    @Override
    default void freezeRandomness(boolean frozen) {
    }
}

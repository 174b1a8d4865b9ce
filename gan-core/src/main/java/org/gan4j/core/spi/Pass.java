package org.gan4j.core.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward computation of a {@link Network} and the backward computation that goes with it.
 *
 * <p>Arrays returned by a pass belong to it and stay valid until its next {@code forward}; copy
 * them ({@code dup()}) to keep them longer. Callers must not modify them.
 */
public interface Pass {

    /**
     * Computes the network's output.
     *
     * @param input    a batch, {@code [batch, inputShape()...]}
     * @param training {@code true} while training (dropout active, batch-norm on batch statistics);
     *                 {@code false} for sampling and evaluation
     * @return the output batch, {@code [batch, outputShape()...]}
     */
    INDArray forward(INDArray input, boolean training);

    /**
     * Back-propagates a gradient through the last {@link #forward}.
     *
     * @param gradOutput          dLoss/dOutput, shaped like the forward output
     * @param parameterGradients  whether to add dLoss/dParameters into {@code parameters().gradients()};
     *                            {@code false} when only the input gradient is wanted (the generator
     *                            step back-propagates through the discriminator without training it)
     * @return dLoss/dInput, shaped like the forward input
     */
    INDArray backward(INDArray gradOutput, boolean parameterGradients);
}

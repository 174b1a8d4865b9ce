package org.gan4j.api.nn;

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
     * Computes the output of a network that reads a condition beside its input
     * ({@link Network#conditionSize()} {@code > 0}); the condition is kept (not copied) until the
     * matching backward, which gives no gradient for it. The default serves networks without one:
     * a {@code null} condition is {@link #forward(INDArray, boolean)}, anything else is refused.
     *
     * @param input     a batch, {@code [batch, inputShape()...]}
     * @param condition {@code [batch, conditionSize()]}: one-hot class labels or 0/1 attributes
     * @param training  as in {@link #forward(INDArray, boolean)}
     * @return the output batch, {@code [batch, outputShape()...]}
     */
    default INDArray forward(INDArray input, INDArray condition, boolean training) {
        if (condition != null) {
            throw new IllegalArgumentException("this network reads no condition, but one of shape "
                    + java.util.Arrays.toString(condition.shape()) + " was given");
        }
        return forward(input, training);
    }

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

    /**
     * Like {@link #backward(INDArray, boolean)}, but lets the caller say it does not need
     * dLoss/dInput (the discriminator step on real or detached generated samples, the generator's
     * latent input). Implementations may then skip the first layer's input-gradient computation
     * (for a dense first layer, one of the largest GEMMs of the step) and return {@code null}. The
     * default ignores the hint.
     */
    default INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
        return backward(gradOutput, parameterGradients);
    }

    /**
     * Double back-propagation: differentiates the input gradient of the last {@link #backward} again.
     * After {@code forward(x)} and {@code g = backward(ω, ..., true)}, with {@code c} any array shaped
     * like {@code g}, this adds {@code ∂⟨c, g⟩/∂θ} into {@code parameters().gradients()} and returns
     * {@code ∂⟨c, g⟩/∂x}; {@code ω} and {@code x} are held fixed. So for a scalar function
     * {@code Φ(g)} (a gradient penalty such as {@code λ (‖g‖ - 1)²} per sample), passing
     * {@code c = ∂Φ/∂g} gives {@code ∂Φ/∂θ}, the term that training with the penalty needs.
     *
     * <p>It may only follow a backward on the same pass with no forward in between, and it
     * overwrites that backward's buffers (the input gradient returned by it included). A network
     * supports it when {@link Network#doubleBackwardRefusal()} is empty; the default refuses.
     *
     * @param gradOfInputGradient {@code c}, shaped like the input; not modified
     * @param parameterGradients  whether to add {@code ∂⟨c, g⟩/∂θ} into the parameter gradients
     * @param inputGradient       whether {@code ∂⟨c, g⟩/∂x} is wanted
     * @return {@code ∂⟨c, g⟩/∂x}, or {@code null} when not asked for
     * @throws UnsupportedOperationException when the network does not support it
     */
    default INDArray doubleBackward(INDArray gradOfInputGradient, boolean parameterGradients, boolean inputGradient) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement double back-propagation");
    }
}

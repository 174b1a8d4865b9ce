package org.gan4j.api.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link Layer}'s forward and backward computation with its own buffers. The input given to
 * {@link #forward} must stay unchanged until the matching {@link #backward}: layers keep a
 * reference to it rather than a copy.
 *
 * <h2>Double back-propagation</h2>
 * A layer that supports it ({@link Layer#doubleBackwardRefusal()} empty) also implements
 * {@link #tangentForward} and {@link #tangentBackward}, the two sweeps with which
 * {@link Sequential} differentiates a network's input gradient again (see
 * {@link org.gan4j.api.nn.Pass#doubleBackward}). Both are Pearlmutter's R-operator taken along a
 * direction {@code t} of the input, over the last forward and the last backward: that backward's
 * {@code gradOutput} {@code δ} (which the pass keeps, like the forward's input) is held fixed.
 * With {@code y = f(x; θ)}, {@code J = ∂y/∂x}:
 * <ul>
 * <li>{@code tangentForward(t)} returns {@code R{y} = J t} and adds into the parameter gradients
 *     the derivative of the first backward's parameter gradient {@code (∂y/∂θ)ᵀ δ} along
 *     {@code x + εt} (for a dense layer {@code tᵀ δ});</li>
 * <li>{@code tangentBackward(r)}, called after every layer's {@code tangentForward}, in reverse
 *     order, with {@code r = R{δ}} from the layer above, returns
 *     {@code R{δ_in} = Jᵀ r + (∂(Jᵀ δ)/∂x) t} (the second term is zero for layers that are
 *     piecewise linear in their input) and adds {@code (∂y/∂θ)ᵀ r} into the parameter gradients:
 *     the ordinary backward of {@code r} plus that term.</li>
 * </ul>
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

    /**
     * The first sweep of double back-propagation (see the class comment): {@code J t}, after a
     * {@link #forward} and a {@link #backward} whose {@code gradOutput} the pass still holds.
     *
     * @param inputTangent       {@code t}, shaped like the forward's input; not modified
     * @param parameterGradients whether to add the parameter terms that pair {@code t} with the
     *                           first backward's {@code gradOutput}
     * @param outputTangent      whether {@code J t} is wanted (not for a network's last layer)
     * @return {@code J t}, or {@code null} when not asked for; owned by the pass
     * @throws UnsupportedOperationException when the layer does not support double back-propagation
     */
    default INDArray tangentForward(INDArray inputTangent, boolean parameterGradients, boolean outputTangent) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement double back-propagation");
    }

    /**
     * The second sweep of double back-propagation (see the class comment), after
     * {@link #tangentForward}. The default suits layers whose backward is linear in its input
     * (dense, convolution, piecewise-linear activations, reshape, dropout): the ordinary backward of
     * {@code r}. It may overwrite the first backward's buffers, which are no longer needed.
     *
     * @param gradOutputTangent  {@code R{δ}} from the layer above, or {@code null} for zero
     * @param parameterGradients whether to add {@code (∂y/∂θ)ᵀ r} (and this layer's own second-order
     *                           parameter terms) into the parameter gradients
     * @param inputGradient      whether {@code R{δ_in}} is wanted
     * @return {@code R{δ_in}}, or {@code null} when zero or not asked for
     */
    default INDArray tangentBackward(INDArray gradOutputTangent, boolean parameterGradients, boolean inputGradient) {
        if (gradOutputTangent == null) {
            return null;
        }
        return backward(gradOutputTangent, parameterGradients, inputGradient);
    }

    /** Layers without randomness ignore this. */
    @Override
    default void freezeRandomness(boolean frozen) {
    }
}

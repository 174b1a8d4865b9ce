package org.gan4j.api.nn;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable function on ND4J arrays with hand-written backward passes: the tensor contract that
 * generators and discriminators share.
 *
 * <p>Arrays are batch-first: an input batch has shape {@code [batch, inputShape()...]}, an output
 * batch {@code [batch, outputShape()...]}. The activations a backward pass needs live in a
 * {@link Pass}; a network can have several passes alive at once, which is how a discriminator
 * keeps the real and the generated batch's activations side by side for one loss.
 *
 * <p>All trainable values live in one {@link Parameters} object (flat value and gradient arrays),
 * which is what optimizers update and checkpoints save.
 */
public interface Network {

    /** Shape of one input sample, without the batch dimension. */
    long[] inputShape();

    /** Shape of one output sample, without the batch dimension. */
    long[] outputShape();

    /** The trainable parameters, their gradients and any non-trainable state (e.g. batch-norm statistics). */
    Parameters parameters();

    /**
     * A new workspace for forward and backward computations. Create one per concurrent use and keep
     * it: it reuses its buffers from one batch to the next when the batch size does not change.
     */
    Pass newPass();

    /**
     * The width of the condition this network reads beside its input: its passes take a
     * {@code [batch, conditionSize()]} array in {@link Pass#forward(INDArray, INDArray, boolean)}
     * (one-hot class labels or 0/1 attributes, see {@code org.gan4j.api.spi.Condition}). 0, the
     * default, for a network that reads none.
     */
    default int conditionSize() {
        return 0;
    }

    /**
     * Restarts the network's own randomness (e.g. dropout masks) from {@code seed}. The trainer calls
     * it at the start of every iteration with a seed derived from (run seed, iteration), so an
     * iteration's random draws depend only on its number and a resumed run draws what an
     * uninterrupted one would. Networks that draw nothing ignore it (the default).
     */
    default void reseed(long seed) {
    }

    /**
     * Why this network's passes cannot do {@link Pass#doubleBackward} (which a gradient penalty
     * needs), or empty when they can: e.g. a batch-norm layer, which mixes the samples of a batch.
     * The default refuses.
     */
    default Optional<String> doubleBackwardRefusal() {
        return Optional.of(getClass().getSimpleName() + " does not implement double back-propagation (Pass.doubleBackward)");
    }
}

package org.gan4j.api.nn;

import java.util.Optional;
import org.nd4j.linalg.api.rng.Random;

/**
 * One step of a {@link Sequential} network, declared for a fixed per-sample input shape.
 *
 * <p>A layer is the immutable description plus its parameter slots; everything that changes from
 * one batch to the next (the input it saw, dropout masks, output and gradient buffers) lives in the
 * {@link LayerPass}es it creates, so several passes can be alive at once over the same parameters.
 *
 * <p>Life cycle: {@link #declareParameters} on the network's {@link Parameters.Builder}, then, after
 * {@link Parameters.Builder#build}, {@link #initialise} once, then any number of {@link #newPass}.
 */
public interface Layer {

    /** Shape of one input sample, without the batch dimension. */
    long[] inputShape();

    /** Shape of one output sample, without the batch dimension. */
    long[] outputShape();

    /**
     * Declares this layer's parameter slots, named {@code prefix + name}; layers without parameters
     * declare nothing.
     */
    default void declareParameters(Parameters.Builder builder, String prefix) {
    }

    /** Sets the initial parameter values (the slots are bound by now) drawing from {@code random}. */
    default void initialise(Random random) {
    }

    /**
     * A new per-pass state for this layer.
     *
     * @param random the network's random generator for training-time randomness (dropout masks)
     */
    LayerPass newPass(Random random);

    /**
     * Why this layer's passes cannot do double back-propagation ({@link LayerPass#tangentForward},
     * {@link LayerPass#tangentBackward}), or empty when they can. A gradient penalty needs it in
     * every layer of the discriminator. The default refuses; layers that implement the two sweeps
     * return {@link Optional#empty()}.
     */
    default Optional<String> doubleBackwardRefusal() {
        return Optional.of(getClass().getSimpleName() + " does not implement double back-propagation "
                + "(LayerPass.tangentForward and tangentBackward)");
    }
}

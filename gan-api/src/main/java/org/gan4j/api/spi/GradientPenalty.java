package org.gan4j.api.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A term of the discriminator's loss that depends on its input gradient {@code g_i = ∇ₓ D(x_i)}, one
 * per sample, at some samples {@code x_i}: WGAN-GP's {@code λ (‖g‖ - 1)²} at interpolates, R1's
 * {@code γ/2 ‖g‖²} at real samples, R2's at generated ones. A {@link Loss} lists its own in
 * {@link Loss#gradientPenalties()}; the config adds R1 and R2 to any loss ({@code loss: {type: ...,
 * r1: 10}}). Built-in ones: {@link GradientPenalties}.
 *
 * <p>At each discriminator step where it applies (every {@link #interval()}-th), the trainer runs
 * the discriminator on the samples, takes {@code g} with a first backward, asks {@link #evaluate}
 * for the value and {@code ∂value/∂g}, multiplies both by the interval, adds the value to the
 * discriminator's loss and back-propagates {@code ∂value/∂g} into the discriminator's parameters
 * through its input gradient ({@link Pass#doubleBackward}). So every layer of the discriminator must
 * support double back-propagation ({@link Network#doubleBackwardRefusal()}): a config that asks for
 * a penalty with a batch-norm discriminator is refused before training.
 */
public interface GradientPenalty {

    /** Where the input gradient is taken. */
    enum Samples {
        /** The discriminator step's real batch (R1). */
        REAL,
        /** The discriminator step's generated batch, as data: nothing flows back into the generator (R2). */
        FAKE,
        /**
         * {@code x̂_i = ε_i x_i + (1 - ε_i) G(z_i)}, {@code ε_i} uniform on [0, 1], one per sample, from
         * the step's real and generated batches (WGAN-GP).
         */
        INTERPOLATES
    }

    /**
     * A penalty's value (a mean over the batch, its weight included) and its gradient with respect
     * to the input gradients, shaped like them.
     */
    record Result(double value, INDArray gradient) {
    }

    /** A short name for messages and metrics, e.g. {@code gp}, {@code r1}. */
    String name();

    /** Where the input gradients are taken. */
    Samples samples();

    /**
     * The penalty of the input gradients {@code g} ({@code [batch, sample shape...]}, one row per
     * sample; not modified) and its gradient with respect to them. Compute a mean over the batch,
     * so the gradient carries a {@code 1/batch} factor (as a {@link Loss}'s does); keep the value
     * and gradient finite for any finite {@code g}, zero included.
     */
    Result evaluate(INDArray inputGradients);

    /**
     * {@link #evaluate(INDArray)} writing the gradient into {@code gradient} (shaped and typed like
     * {@code inputGradients}, overwritten) instead of a new array; returns the value. The trainer
     * calls this one with a buffer it keeps from step to step. The default evaluates and copies;
     * override it to save the allocation.
     */
    default double evaluate(INDArray inputGradients, INDArray gradient) {
        Result r = evaluate(inputGradients);
        gradient.assign(r.gradient());
        return r.value();
    }

    /**
     * Lazy regularisation (Karras et al. 2020): applied at every {@code interval}-th discriminator
     * step only, with its value and gradient multiplied by {@code interval} so that its average
     * weight stays the same. 1 (the default): every step.
     */
    default int interval() {
        return 1;
    }
}

package org.gan4j.api.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.gan4j.api.nn.Parameters;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A GAN objective, selected in a config file by {@code loss.type}.
 *
 * <p>A loss sees the discriminator's raw scores, {@code [batch, 1]} arrays, and returns the value to
 * minimise with its gradients with respect to those scores; the trainer back-propagates the
 * gradients through the networks. Values are means over the batch, so gradients carry a
 * {@code 1/batch} factor. Compute from logits in a numerically stable form (softplus, not
 * {@code log(sigmoid(x))}). Input arrays must not be modified.
 *
 * <p>Implement the two scores-only methods ({@link #discriminatorLoss(INDArray, INDArray)},
 * {@link #generatorLoss(INDArray)}) for a plain loss, or their forms with a {@link LossContext}
 * for a loss that keeps state or whose generator reads real scores; the trainer calls the context
 * forms, which by default call the plain ones. Beyond scores, a loss can:
 * <ul>
 * <li>read real scores in the generator step, relativistic losses ({@link #generatorReadsRealScores()}):
 *     the trainer then scores the iteration's real batch with the updated discriminator;</li>
 * <li>keep state between steps ({@link #stateSize()}, {@link #initialState}, {@link LossContext#state()}),
 *     which checkpoints save, resume restores and a divergence rollback resets;</li>
 * <li>add penalties on the discriminator's input gradient ({@link #gradientPenalties()}), which the
 *     trainer computes by double back-propagation.</li>
 * </ul>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface Loss {

    /**
     * The discriminator's (critic's) loss for one step, for a loss that needs no context. Implement
     * this or {@link #discriminatorLoss(INDArray, INDArray, LossContext)}.
     *
     * @param realScores D(x) for a batch of real samples
     * @param fakeScores D(G(z)) for a batch of generated samples
     * @return the value, dValue/dRealScores and dValue/dFakeScores
     */
    default LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores) {
        throw new UnsupportedOperationException(getClass().getName()
                + " implements neither discriminatorLoss(real, fake) nor discriminatorLoss(real, fake, context)");
    }

    /**
     * The generator's loss for one step, for a loss that reads only the generated samples' scores.
     * Implement this or {@link #generatorLoss(INDArray, INDArray, LossContext)}.
     *
     * @param fakeScores D(G(z)) for a batch of generated samples
     * @return the value and dValue/dFakeScores ({@link LossResult#realGradient()} is {@code null})
     */
    default LossResult generatorLoss(INDArray fakeScores) {
        throw new UnsupportedOperationException(getClass().getName()
                + " implements neither generatorLoss(fake) nor generatorLoss(real, fake, context)");
    }

    /**
     * The discriminator's loss for one step: what the trainer calls. By default
     * {@link #discriminatorLoss(INDArray, INDArray)}.
     *
     * @param context the loss's state and the iteration
     */
    default LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores, LossContext context) {
        return discriminatorLoss(realScores, fakeScores);
    }

    /**
     * The generator's loss for one step: what the trainer calls. By default
     * {@link #generatorLoss(INDArray)}.
     *
     * @param realScores D(x) for the iteration's last real batch, scored by the updated
     *                   discriminator, when {@link #generatorReadsRealScores()}; else {@code null}
     * @param fakeScores D(G(z)) for a batch of generated samples
     * @param context    the loss's state and the iteration
     * @return the value and dValue/dFakeScores; {@link LossResult#realGradient()} is ignored
     *         (the real scores do not depend on the generator) and may be {@code null}
     */
    default LossResult generatorLoss(INDArray realScores, INDArray fakeScores, LossContext context) {
        return generatorLoss(fakeScores);
    }

    /**
     * Whether the generator's loss reads real scores (relativistic losses). Costs one discriminator
     * forward per generator step. Default {@code false}: the generator loss gets {@code null}.
     */
    default boolean generatorReadsRealScores() {
        return false;
    }

    /** Values of state the loss keeps from step to step ({@link LossContext#state()}); default 0. */
    default int stateSize() {
        return 0;
    }

    /**
     * Writes the state a run starts from into {@code state} ({@link #stateSize()} zeros on entry);
     * by default leaves the zeros.
     */
    default void initialState(INDArray state) {
    }

    /**
     * Penalties on the discriminator's input gradient this loss adds to the discriminator's loss
     * (WGAN-GP's); default none. The config's {@code r1} and {@code r2} settings add more to any loss.
     */
    default List<GradientPenalty> gradientPenalties() {
        return List.of();
    }

    /**
     * The mean discriminator output reported as "D(x)" and "D(G(z))" in metrics. By default scores
     * are logits and this is the mean probability {@code sigmoid(score)}; a critic reports its raw mean.
     */
    default double meanOutput(INDArray scores) {
        return Transforms.sigmoid(scores, true).meanNumber().doubleValue();
    }

    /** Called after every discriminator update; the Wasserstein loss clips the critic's weights here. */
    default void afterDiscriminatorStep(Parameters discriminator) {
    }

    /** Discriminator steps per generator step this loss is meant for, used when the schedule sets none. */
    default OptionalInt recommendedDiscriminatorSteps() {
        return OptionalInt.empty();
    }

    /**
     * The optimizer this loss is meant for, used for both networks when the config sets none: named
     * by its config type and settings, e.g. {@code OptimizerChoice.of("rmsprop", Map.of("lr", 5e-5))}.
     */
    default Optional<OptimizerChoice> recommendedOptimizer() {
        return Optional.empty();
    }
}

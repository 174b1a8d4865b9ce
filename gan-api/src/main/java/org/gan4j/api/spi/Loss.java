package org.gan4j.api.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;
import java.util.OptionalInt;
import org.gan4j.api.nn.Parameters;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A GAN objective, selected in a config file by {@code loss.type}.
 *
 * <p>A loss sees only the discriminator's raw scores, {@code [batch, 1]} arrays, and returns the
 * value to minimise with its gradients with respect to those scores; the trainer back-propagates
 * the gradients through the networks. Values are means over the batch, so gradients carry a
 * {@code 1/batch} factor. Compute from logits in a numerically stable form (softplus, not
 * {@code log(sigmoid(x))}). Input arrays must not be modified.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface Loss {

    /**
     * The discriminator's (critic's) loss for one step.
     *
     * @param realScores D(x) for a batch of real samples
     * @param fakeScores D(G(z)) for a batch of generated samples
     * @return the value, dValue/dRealScores and dValue/dFakeScores
     */
    LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores);

    /**
     * The generator's loss for one step.
     *
     * @param fakeScores D(G(z)) for a batch of generated samples
     * @return the value and dValue/dFakeScores ({@link LossResult#realGradient()} is {@code null})
     */
    LossResult generatorLoss(INDArray fakeScores);

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

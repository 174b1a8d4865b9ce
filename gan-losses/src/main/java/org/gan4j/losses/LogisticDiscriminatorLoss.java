package org.gan4j.losses;

import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The discriminator half that the minimax and non-saturating losses share (they differ only in the
 * generator's loss): binary cross-entropy of the real logits against {@link #realLabel()} and of the
 * fake logits against 0, with "D(x)" reported as the mean probability {@code sigmoid(score)}.
 */
interface LogisticDiscriminatorLoss extends Loss {

    /** Real samples' target when the config sets none: no smoothing. */
    double DEFAULT_REAL_LABEL = 1.0;

    /** The discriminator's target for real samples, in (0, 1]; below 1 is one-sided label smoothing. */
    double realLabel();

    @Override
    default LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores) {
        return BinaryCrossEntropy.discriminatorLoss(realScores, fakeScores, realLabel());
    }

    /** The mean probability {@code sigmoid(score)}, as {@link Loss#meanOutput}'s default, in a Java loop. */
    @Override
    default double meanOutput(INDArray scores) {
        return BinaryCrossEntropy.meanOutput(scores);
    }
}

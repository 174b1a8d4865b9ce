package org.gan4j.losses;

import org.gan4j.api.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Binary cross-entropy on logits, shared by the minimax and non-saturating losses (their
 * discriminator losses are the same; their generator losses are two readings of it).
 *
 * <p>For a logit {@code s} and target {@code t}, with {@code p = sigmoid(s)}:
 * {@code bce(s, t) = -[t log p + (1 - t) log(1 - p)] = max(s, 0) - t s + log1p(exp(-|s|))},
 * which never exponentiates a positive number, so logits of any size give finite values; its
 * derivative is {@code sigmoid(s) - t}. Note {@code bce(s, 0) = softplus(s) = -log(1 - p)} and
 * {@code bce(s, 1) = softplus(-s) = -log p}.
 *
 * <p>Computed in double with Java loops over the scores (see {@link Scores}), whatever the scores' type.
 */
final class BinaryCrossEntropy {

    private BinaryCrossEntropy() {
    }

    /** The mean of {@code bce(s, target)} over all elements of {@code logits}; does not modify them. */
    static double mean(INDArray logits, double target) {
        return mean(Scores.read(logits), target);
    }

    static double mean(double[] logits, double target) {
        double sum = 0;
        for (double s : logits) {
            sum += Math.max(s, 0) - target * s + Math.log1p(Math.exp(-Math.abs(s)));
        }
        return sum / logits.length;
    }

    /** A new array shaped and typed like {@code like}: {@code (sigmoid(s) - target) * scale}. */
    static INDArray sigmoidMinus(INDArray like, double[] logits, double target, double scale) {
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = (Scores.sigmoid(logits[i]) - target) * scale;
        }
        return Scores.like(like, out);
    }

    /**
     * The discriminator's loss {@code mean bce(D(x), realLabel) + mean bce(D(G(z)), 0)}: real samples
     * are labelled {@code realLabel} (1, or less for one-sided label smoothing), generated ones 0.
     */
    static LossResult discriminatorLoss(INDArray realLogits, INDArray fakeLogits, double realLabel) {
        double[] real = Scores.read(realLogits);
        double[] fake = Scores.read(fakeLogits);
        double value = mean(real, realLabel) + mean(fake, 0);
        return new LossResult(value,
                sigmoidMinus(realLogits, real, realLabel, 1.0 / real.length),
                sigmoidMinus(fakeLogits, fake, 0, 1.0 / fake.length));
    }

    /**
     * The generator's loss {@code sign * mean bce(D(G(z)), target)}: the non-saturating loss is
     * {@code bce(s, 1)}, the minimax one {@code -bce(s, 0)}.
     */
    static LossResult generatorLoss(INDArray fakeLogits, double target, double sign) {
        double[] fake = Scores.read(fakeLogits);
        return new LossResult(sign * mean(fake, target), null, sigmoidMinus(fakeLogits, fake, target, sign / fake.length));
    }

    /** The mean probability {@code sigmoid(s)} over the logits. */
    static double meanOutput(INDArray logits) {
        return Scores.meanSigmoid(Scores.read(logits));
    }

    /** The number of scores, refusing an empty batch (its mean would be NaN). */
    static long batchSize(INDArray scores) {
        long n = scores.length();
        if (n == 0) {
            throw new IllegalArgumentException("a loss needs at least one score, got an empty array");
        }
        return n;
    }
}

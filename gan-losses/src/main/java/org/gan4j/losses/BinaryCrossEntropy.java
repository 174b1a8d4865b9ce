package org.gan4j.losses;

import org.gan4j.core.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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
 * <p>ND4J's {@code Log1p} op evaluates {@code log(1 + x)}, so a term {@code log1p(exp(-|s|))} below
 * one ulp of 1 (about {@code |s| > 37} in double, {@code > 17} in float) counts as 0: the value is
 * accurate in absolute terms, which is what a batch mean needs; the gradients are unaffected.
 */
final class BinaryCrossEntropy {

    private BinaryCrossEntropy() {
    }

    /** The mean of {@code bce(s, target)} over all elements of {@code logits}; does not modify them. */
    static double mean(INDArray logits, double target) {
        long n = batchSize(logits);
        INDArray work = Transforms.abs(logits, true);
        double sumAbs = work.sumNumber().doubleValue();
        double sum = logits.sumNumber().doubleValue();
        Transforms.log1p(Transforms.exp(work.negi(), false), false);
        double sumLog1p = work.sumNumber().doubleValue();
        // Summed over the batch, max(s, 0) = (s + |s|) / 2, which saves a third pass over the logits.
        return ((0.5 - target) * sum + 0.5 * sumAbs + sumLog1p) / n;
    }

    /** A new array shaped and typed like {@code logits}: {@code (sigmoid(s) - target) * scale}. */
    static INDArray sigmoidMinus(INDArray logits, double target, double scale) {
        INDArray out = Transforms.sigmoid(logits, true);
        if (target != 0) {
            out.subi(target);
        }
        return out.muli(scale);
    }

    /**
     * The discriminator's loss {@code mean bce(D(x), realLabel) + mean bce(D(G(z)), 0)}: real samples
     * are labelled {@code realLabel} (1, or less for one-sided label smoothing), generated ones 0.
     */
    static LossResult discriminatorLoss(INDArray realLogits, INDArray fakeLogits, double realLabel) {
        double value = mean(realLogits, realLabel) + mean(fakeLogits, 0);
        return new LossResult(value,
                sigmoidMinus(realLogits, realLabel, 1.0 / batchSize(realLogits)),
                sigmoidMinus(fakeLogits, 0, 1.0 / batchSize(fakeLogits)));
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

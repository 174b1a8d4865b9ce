package org.gan4j.losses;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import org.gan4j.core.spi.Loss;
import org.gan4j.core.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The hinge GAN loss (Lim and Ye 2017; Miyato et al. 2018, the loss of spectrally normalised and
 * self-attention GANs): the discriminator minimises {@code mean relu(1 - D(x)) + mean relu(1 + D(G(z)))},
 * a margin loss that stops pushing a score once it is past its margin, and the generator minimises
 * {@code -mean D(G(z))}, as in WGAN. Scores are unbounded values; at a kink ({@code D(x) = 1} or
 * {@code D(G(z)) = -1}) the gradient taken is 0.
 */
@JsonClassDescription("hinge GAN loss: D minimises mean relu(1 - D(x)) + mean relu(1 + D(G(z))), G minimises -mean D(G(z))")
public record HingeLoss() implements Loss {

    @JsonCreator
    public HingeLoss {
    }

    @Override
    public LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores) {
        long nReal = BinaryCrossEntropy.batchSize(realScores);
        long nFake = BinaryCrossEntropy.batchSize(fakeScores);
        // The margins 1 - r and 1 + f: each term is active (costs and has a gradient) while positive.
        INDArray realMargin = realScores.rsub(1.0);
        INDArray fakeMargin = fakeScores.add(1.0);
        INDArray realGradient = activeMask(realMargin).muli(-1.0 / nReal);
        INDArray fakeGradient = activeMask(fakeMargin).muli(1.0 / nFake);
        double value = positivePartSum(realMargin) / nReal + positivePartSum(fakeMargin) / nFake;
        return new LossResult(value, realGradient, fakeGradient);
    }

    @Override
    public LossResult generatorLoss(INDArray fakeScores) {
        long n = BinaryCrossEntropy.batchSize(fakeScores);
        return new LossResult(-fakeScores.sumNumber().doubleValue() / n, null, fakeScores.ulike().assign(-1.0 / n));
    }

    /** The critic's raw mean score: hinge scores are not logits. */
    @Override
    public double meanOutput(INDArray scores) {
        return scores.meanNumber().doubleValue();
    }

    /** Sum of {@code max(m, 0)}; clamps {@code margins} in place (it is a scratch array). */
    private static double positivePartSum(INDArray margins) {
        return Transforms.relu(margins, false).sumNumber().doubleValue();
    }

    /** 1 where the margin is positive, else 0, typed like {@code margins}. */
    private static INDArray activeMask(INDArray margins) {
        return margins.gt(0).castTo(margins.dataType());
    }
}

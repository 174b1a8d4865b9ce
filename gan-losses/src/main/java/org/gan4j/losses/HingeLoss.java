package org.gan4j.losses;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;

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
        double[] real = Scores.read(realScores);
        double[] fake = Scores.read(fakeScores);
        // The margins 1 - r and 1 + f: each term is active (costs and has a gradient) while positive.
        double value = 0;
        double[] realGradient = new double[real.length];
        for (int i = 0; i < real.length; i++) {
            double margin = 1 - real[i];
            if (margin > 0) {
                value += margin / real.length;
                realGradient[i] = -1.0 / real.length;
            }
        }
        double[] fakeGradient = new double[fake.length];
        for (int i = 0; i < fake.length; i++) {
            double margin = 1 + fake[i];
            if (margin > 0) {
                value += margin / fake.length;
                fakeGradient[i] = 1.0 / fake.length;
            }
        }
        return new LossResult(value, Scores.like(realScores, realGradient), Scores.like(fakeScores, fakeGradient));
    }

    @Override
    public LossResult generatorLoss(INDArray fakeScores) {
        return WassersteinLoss.criticGeneratorLoss(fakeScores);
    }

    /** The critic's raw mean score: hinge scores are not logits. */
    @Override
    public double meanOutput(INDArray scores) {
        return Scores.mean(Scores.read(scores));
    }
}

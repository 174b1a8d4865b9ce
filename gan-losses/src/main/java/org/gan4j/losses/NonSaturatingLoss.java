package org.gan4j.losses;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.gan4j.api.Checks;
import org.gan4j.api.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The non-saturating GAN loss (Goodfellow et al. 2014, section 3): the discriminator's loss is the
 * minimax one, {@code -[log D(x) + log(1 - D(G(z)))]}, and the generator minimises
 * {@code -log D(G(z)) = softplus(-s)} for the fake logit {@code s}, i.e. binary cross-entropy against
 * the label "real". Its gradient {@code (sigmoid(s) - 1)/batch} stays near {@code -1/batch} when the
 * discriminator rejects the fakes, so the generator keeps learning early in training.
 *
 * @param realLabel target for real samples in the discriminator's loss; below 1 is one-sided label smoothing
 */
@JsonClassDescription("non-saturating GAN loss: the generator minimises -log D(G(z)), the usual BCE GAN")
public record NonSaturatingLoss(
        @JsonProperty("realLabel")
        @JsonPropertyDescription("discriminator's target for real samples, in (0, 1]; below 1 is one-sided label smoothing (the seeds use 0.9)")
        double realLabel) implements LogisticDiscriminatorLoss {

    public NonSaturatingLoss {
        Checks.inLeftOpenRange("realLabel", realLabel, 0, 1);
    }

    @JsonCreator
    public NonSaturatingLoss(@JsonProperty("realLabel") Double realLabel) {
        this(realLabel == null ? DEFAULT_REAL_LABEL : realLabel.doubleValue());
    }

    @Override
    public LossResult generatorLoss(INDArray fakeScores) {
        // -log sigmoid(s) = softplus(-s) = bce(s, 1): the fakes are scored against the label "real"
        // (never smoothed: label smoothing is for the discriminator's real targets only).
        return BinaryCrossEntropy.generatorLoss(fakeScores, 1, 1);
    }
}

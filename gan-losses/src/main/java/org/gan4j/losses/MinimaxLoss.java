package org.gan4j.losses;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.gan4j.api.Checks;
import org.gan4j.api.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The original GAN game (Goodfellow et al. 2014): the discriminator minimises
 * {@code -[log D(x) + log(1 - D(G(z)))]} and the generator minimises {@code log(1 - D(G(z)))}
 * {@code = -softplus(s)} for the fake logit {@code s}. The generator's gradient {@code -sigmoid(s)/batch}
 * vanishes when the discriminator confidently rejects the fakes, the saturation that motivated the
 * non-saturating loss; it is here to compare against.
 *
 * @param realLabel target for real samples in the discriminator's loss; below 1 is one-sided label smoothing
 */
@JsonClassDescription("original minimax GAN loss: the generator minimises log(1 - D(G(z))) (saturates early in training)")
public record MinimaxLoss(
        @JsonProperty("realLabel")
        @JsonPropertyDescription("discriminator's target for real samples, in (0, 1]; below 1 is one-sided label smoothing (the seeds use 0.9)")
        double realLabel) implements LogisticDiscriminatorLoss {

    public MinimaxLoss {
        Checks.inLeftOpenRange("realLabel", realLabel, 0, 1);
    }

    @JsonCreator
    public MinimaxLoss(@JsonProperty("realLabel") Double realLabel) {
        this(realLabel == null ? DEFAULT_REAL_LABEL : realLabel.doubleValue());
    }

    @Override
    public LossResult generatorLoss(INDArray fakeScores) {
        // log(1 - sigmoid(s)) = -softplus(s) = -bce(s, 0); its derivative is -sigmoid(s).
        return BinaryCrossEntropy.generatorLoss(fakeScores, 0, -1);
    }
}

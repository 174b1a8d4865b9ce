package com.example.lsgan;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Least-squares GAN (Mao et al. 2017). The discriminator minimises
 * {@code ½ mean (D(x) - b)² + ½ mean (D(G(z)) - a)²}, the generator {@code ½ mean (D(G(z)) - c)²}.
 * A loss receives the discriminator's raw scores ({@code [batch, 1]}) and returns the value and its
 * gradient with respect to each score; values are means, so each gradient is {@code (s - t) / batch}.
 *
 * <p>The record is also the loss's settings: Jackson calls the {@code @JsonCreator} constructor with
 * the config's values (null when absent), and the accessors print the resolved config back.
 */
@JsonClassDescription("least-squares GAN, an example plugin: D regresses scores to a (fake) and b (real), G to c")
public record MyLeastSquaresLoss(
        @JsonProperty("a") @JsonPropertyDescription("the discriminator's target for generated samples") double a,
        @JsonProperty("b") @JsonPropertyDescription("the discriminator's target for real samples") double b,
        @JsonProperty("c") @JsonPropertyDescription("the score the generator wants for its samples") double c)
        implements Loss {

    public MyLeastSquaresLoss {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("a, b and c must be finite numbers, got " + a + ", " + b + ", " + c);
        }
        if (a == b) {
            throw new IllegalArgumentException("b must differ from a, both are " + a);
        }
    }

    @JsonCreator
    public MyLeastSquaresLoss(@JsonProperty("a") Double a, @JsonProperty("b") Double b, @JsonProperty("c") Double c) {
        this(a == null ? 0.0 : a, b == null ? 1.0 : b, c == null ? 1.0 : c);
    }

    @Override
    public LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores) {
        INDArray realResidual = realScores.sub(b);   // new arrays: the inputs must not be modified
        INDArray fakeResidual = fakeScores.sub(a);
        double value = halfMeanSquare(realResidual) + halfMeanSquare(fakeResidual);
        return new LossResult(value, realResidual.divi(realScores.length()), fakeResidual.divi(fakeScores.length()));
    }

    @Override
    public LossResult generatorLoss(INDArray fakeScores) {
        INDArray residual = fakeScores.sub(c);
        return new LossResult(halfMeanSquare(residual), null, residual.divi(fakeScores.length()));
    }

    /** Scores are not logits here: report their raw mean as "D(x)" and "D(G(z))". */
    @Override
    public double meanOutput(INDArray scores) {
        return scores.meanNumber().doubleValue();
    }

    private static double halfMeanSquare(INDArray residual) {
        double norm = residual.norm2Number().doubleValue();
        return 0.5 * norm * norm / residual.length();
    }
}

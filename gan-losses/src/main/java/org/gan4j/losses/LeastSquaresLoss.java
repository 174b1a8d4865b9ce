package org.gan4j.losses;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.gan4j.core.spi.Loss;
import org.gan4j.core.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The least-squares GAN loss (Mao et al. 2017, LSGAN): the scores are unbounded values regressed
 * onto targets. The discriminator minimises {@code ½ mean (D(x) - b)² + ½ mean (D(G(z)) - a)²} and
 * the generator minimises {@code ½ mean (D(G(z)) - c)²}, with {@code a = 0}, {@code b = c = 1} by
 * default (the paper's second setting, a = -1, b = 1, c = 0, also works). Gradients are
 * {@code (s - target) / batch}. Unlike cross-entropy the penalty keeps growing for fakes on the
 * right side of the boundary but far from the real data, which is what steadies training.
 *
 * @param fakeTarget      {@code a}: the discriminator's target for generated samples
 * @param realTarget      {@code b}: the discriminator's target for real samples
 * @param generatorTarget {@code c}: the value the generator wants D to give its samples
 */
@JsonClassDescription("least-squares GAN (LSGAN): D regresses real scores to b, fake ones to a; G pushes its scores to c")
public record LeastSquaresLoss(
        @JsonProperty("fakeTarget")
        @JsonPropertyDescription("a: the discriminator's target for generated samples")
        double fakeTarget,
        @JsonProperty("realTarget")
        @JsonPropertyDescription("b: the discriminator's target for real samples; must differ from fakeTarget")
        double realTarget,
        @JsonProperty("generatorTarget")
        @JsonPropertyDescription("c: the score the generator wants D to give its samples (usually realTarget)")
        double generatorTarget) implements Loss {

    public static final double DEFAULT_FAKE_TARGET = 0.0;
    public static final double DEFAULT_REAL_TARGET = 1.0;
    public static final double DEFAULT_GENERATOR_TARGET = 1.0;

    public LeastSquaresLoss {
        finite("fakeTarget", fakeTarget);
        finite("realTarget", realTarget);
        finite("generatorTarget", generatorTarget);
        if (realTarget == fakeTarget) {
            throw new IllegalArgumentException("realTarget must differ from fakeTarget (both " + realTarget
                    + "): the discriminator would have nothing to separate");
        }
    }

    @JsonCreator
    public LeastSquaresLoss(@JsonProperty("fakeTarget") Double fakeTarget,
                            @JsonProperty("realTarget") Double realTarget,
                            @JsonProperty("generatorTarget") Double generatorTarget) {
        this(fakeTarget == null ? DEFAULT_FAKE_TARGET : fakeTarget.doubleValue(),
                realTarget == null ? DEFAULT_REAL_TARGET : realTarget.doubleValue(),
                generatorTarget == null ? DEFAULT_GENERATOR_TARGET : generatorTarget.doubleValue());
    }

    private static void finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, got " + value);
        }
    }

    @Override
    public LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores) {
        INDArray realGradient = residual(realScores, realTarget);
        INDArray fakeGradient = residual(fakeScores, fakeTarget);
        double value = halfMeanSquare(realGradient) + halfMeanSquare(fakeGradient);
        realGradient.divi(realScores.length());
        fakeGradient.divi(fakeScores.length());
        return new LossResult(value, realGradient, fakeGradient);
    }

    @Override
    public LossResult generatorLoss(INDArray fakeScores) {
        INDArray gradient = residual(fakeScores, generatorTarget);
        double value = halfMeanSquare(gradient);
        return new LossResult(value, null, gradient.divi(fakeScores.length()));
    }

    /** The critic's raw mean score: LSGAN's scores are not logits. */
    @Override
    public double meanOutput(INDArray scores) {
        return scores.meanNumber().doubleValue();
    }

    /** A new array {@code s - target}, typed like the scores. */
    private static INDArray residual(INDArray scores, double target) {
        BinaryCrossEntropy.batchSize(scores);
        return scores.sub(target);
    }

    private static double halfMeanSquare(INDArray residual) {
        // norm2 is computed in the array's type; in double a squared norm of ±1000 scores is exact enough.
        double norm = residual.norm2Number().doubleValue();
        return 0.5 * norm * norm / residual.length();
    }
}

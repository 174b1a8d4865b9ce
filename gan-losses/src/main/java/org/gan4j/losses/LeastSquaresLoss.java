package org.gan4j.losses;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
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
        double[] real = Scores.read(realScores);
        double[] fake = Scores.read(fakeScores);
        double value = halfMeanSquare(real, realTarget) + halfMeanSquare(fake, fakeTarget);
        return new LossResult(value, gradient(realScores, real, realTarget), gradient(fakeScores, fake, fakeTarget));
    }

    @Override
    public LossResult generatorLoss(INDArray fakeScores) {
        double[] fake = Scores.read(fakeScores);
        return new LossResult(halfMeanSquare(fake, generatorTarget), null, gradient(fakeScores, fake, generatorTarget));
    }

    /** The critic's raw mean score: LSGAN's scores are not logits. */
    @Override
    public double meanOutput(INDArray scores) {
        return Scores.mean(Scores.read(scores));
    }

    /** {@code ½ mean (s - target)²}. */
    private static double halfMeanSquare(double[] scores, double target) {
        double sum = 0;
        for (double s : scores) {
            sum += (s - target) * (s - target);
        }
        return 0.5 * sum / scores.length;
    }

    /** A new array typed like the scores: {@code (s - target) / batch}. */
    private static INDArray gradient(INDArray like, double[] scores, double target) {
        double[] g = new double[scores.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = (scores[i] - target) / scores.length;
        }
        return Scores.like(like, g);
    }
}

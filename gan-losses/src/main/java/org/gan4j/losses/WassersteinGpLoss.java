package org.gan4j.losses;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.gan4j.api.Checks;
import org.gan4j.api.spi.GradientPenalties;
import org.gan4j.api.spi.GradientPenalty;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.gan4j.api.spi.OptimizerChoice;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * WGAN-GP (Gulrajani et al. 2017): the Wasserstein critic loss {@code mean D(G(z)) - mean D(x)}
 * plus {@code λ mean (‖∇ₓ D(x̂)‖ - 1)²} at random interpolates {@code x̂} of real and generated
 * samples, which keeps the critic near 1-Lipschitz without clipping its weights; the generator
 * minimises {@code -mean D(G(z))}. The penalty's gradient with respect to the critic's parameters
 * comes from double back-propagation ({@link GradientPenalties#wganGp}), so the critic must have no
 * batch norm. The paper's settings are the recommendations: λ = 10, five critic steps per generator
 * step, Adam with lr 1e-4 and betas (0, 0.9).
 *
 * @param lambda the penalty's weight λ
 */
@JsonClassDescription("WGAN-GP: Wasserstein critic with a gradient penalty at interpolates (no batch norm in the critic); "
        + "5 critic steps and Adam lr 1e-4, betas (0, 0.9) by default")
public record WassersteinGpLoss(
        @JsonProperty("lambda") @JsonPropertyDescription("weight of the gradient penalty λ (‖∇D(x̂)‖ - 1)²")
        double lambda) implements Loss {

    /** The paper's penalty weight. */
    public static final double DEFAULT_LAMBDA = 10;
    /** The paper's n_critic. */
    public static final int RECOMMENDED_CRITIC_STEPS = 5;

    public WassersteinGpLoss {
        Checks.positive("lambda", lambda);
    }

    @JsonCreator
    public static WassersteinGpLoss of(@JsonProperty("lambda") Double lambda) {
        return new WassersteinGpLoss(lambda == null ? DEFAULT_LAMBDA : lambda);
    }

    @Override
    public LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores) {
        double[] real = Scores.read(realScores);
        double[] fake = Scores.read(fakeScores);
        return new LossResult(Scores.mean(fake) - Scores.mean(real),
                Scores.filled(realScores, -1.0 / real.length), Scores.filled(fakeScores, 1.0 / fake.length));
    }

    @Override
    public LossResult generatorLoss(INDArray fakeScores) {
        return WassersteinLoss.criticGeneratorLoss(fakeScores);
    }

    @Override
    public List<GradientPenalty> gradientPenalties() {
        return List.of(GradientPenalties.wganGp(lambda));
    }

    /** The critic's raw mean score. */
    @Override
    public double meanOutput(INDArray scores) {
        return Scores.mean(Scores.read(scores));
    }

    @Override
    public OptionalInt recommendedDiscriminatorSteps() {
        return OptionalInt.of(RECOMMENDED_CRITIC_STEPS);
    }

    /** Adam, lr 1e-4, betas (0, 0.9): the paper's. */
    @Override
    public Optional<OptimizerChoice> recommendedOptimizer() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("lr", 1e-4);
        settings.put("beta1", 0.0);
        settings.put("beta2", 0.9);
        return Optional.of(OptimizerChoice.of("adam", settings));
    }
}

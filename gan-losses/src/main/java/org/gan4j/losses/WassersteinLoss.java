package org.gan4j.losses;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.gan4j.api.Checks;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.gan4j.api.spi.OptimizerChoice;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Wasserstein GAN loss with weight clipping (Arjovsky, Chintala and Bottou 2017). The critic's
 * scores are unbounded values, not logits: the critic minimises {@code mean D(G(z)) - mean D(x)} and
 * the generator minimises {@code -mean D(G(z))}. After every critic update its trainable values are
 * clipped to {@code [-clip, clip]}, a crude way to keep it Lipschitz. The paper trains with five
 * critic steps per generator step and RMSProp at lr 5e-5; those are this loss's recommendations,
 * which the config's schedule and optimizer settings override.
 *
 * @param clip the bound on the critic's weights after each update
 */
@JsonClassDescription("Wasserstein GAN with weight clipping: unbounded critic, 5 critic steps and RMSProp lr 5e-5 by default")
public record WassersteinLoss(
        @JsonProperty("clip")
        @JsonPropertyDescription("the critic's trainable values are clipped to [-clip, clip] after every update")
        double clip) implements Loss {

    /** The paper's clipping bound. */
    public static final double DEFAULT_CLIP = 0.01;
    /** The paper's critic updates per generator update (n_critic). */
    public static final int RECOMMENDED_CRITIC_STEPS = 5;
    /** The paper's RMSProp learning rate. */
    public static final double RECOMMENDED_LEARNING_RATE = 5e-5;

    public WassersteinLoss {
        Checks.positive("clip", clip);
    }

    @JsonCreator
    public WassersteinLoss(@JsonProperty("clip") Double clip) {
        this(clip == null ? DEFAULT_CLIP : clip.doubleValue());
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
        return criticGeneratorLoss(fakeScores);
    }

    /** {@code -mean D(G(z))}, the generator's loss against a critic (also the hinge loss's), with its gradient. */
    static LossResult criticGeneratorLoss(INDArray fakeScores) {
        double[] fake = Scores.read(fakeScores);
        return new LossResult(-Scores.mean(fake), null, Scores.filled(fakeScores, -1.0 / fake.length));
    }

    /** The critic's raw mean score: its values are not probabilities. */
    @Override
    public double meanOutput(INDArray scores) {
        return Scores.mean(Scores.read(scores));
    }

    /** Clips the critic's trainable values to {@code [-clip, clip]} in place; state (e.g. batch-norm statistics) is left alone. */
    @Override
    public void afterDiscriminatorStep(Parameters discriminator) {
        INDArray values = discriminator.values();
        if (values.isEmpty()) {
            return;
        }
        ClipByValue op = new ClipByValue(values, -clip, clip);
        op.addOutputArgument(values);
        Nd4j.exec(op);
    }

    @Override
    public OptionalInt recommendedDiscriminatorSteps() {
        return OptionalInt.of(RECOMMENDED_CRITIC_STEPS);
    }

    @Override
    public Optional<OptimizerChoice> recommendedOptimizer() {
        return Optional.of(OptimizerChoice.of("rmsprop", Map.of("lr", RECOMMENDED_LEARNING_RATE)));
    }
}

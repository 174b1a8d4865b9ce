package org.gan4j.losses;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossContext;
import org.gan4j.api.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The relativistic average GAN losses (Jolicoeur-Martineau 2018, RaSGAN and RaLSGAN): the
 * discriminator judges whether a real sample is more realistic than the average generated one,
 * and a generated sample than the average real one. With {@code a_i = D(x_i) - mean D(G(z))} and
 * {@code b_j = D(G(z_j)) - mean D(x)}:
 * <pre>
 * L_D = mean_i ℓ₁(a_i) + mean_j ℓ₀(b_j)        L_G = mean_j ℓ₁(b_j) + mean_i ℓ₀(a_i)
 * </pre>
 * with {@code ℓ₁(s) = -log σ(s)}, {@code ℓ₀(s) = -log(1 - σ(s))} for the {@code non-saturating}
 * base and {@code ℓ₁(s) = ½(s - 1)²}, {@code ℓ₀(s) = ½(s + 1)²} for {@code least-squares} (the
 * reference code's halved form). The generator's loss reads the real scores, so the trainer scores
 * the iteration's real batch again with the updated discriminator in the generator step. Metrics
 * report the raw mean scores.
 *
 * @param base {@code non-saturating} (RaSGAN) or {@code least-squares} (RaLSGAN)
 */
@JsonClassDescription("relativistic average GAN (RaSGAN, RaLSGAN): D compares each real sample with the average fake and vice versa; "
        + "G's loss reads real scores too")
public record RelativisticLoss(
        @JsonProperty("base") @JsonPropertyDescription("non-saturating (RaSGAN, default) or least-squares (RaLSGAN)")
        String base) implements Loss {

    public static final String NON_SATURATING = "non-saturating";
    public static final String LEAST_SQUARES = "least-squares";
    private static final List<String> BASES = List.of(NON_SATURATING, LEAST_SQUARES);

    public RelativisticLoss {
        if (!BASES.contains(base)) {
            throw new IllegalArgumentException("base must be " + String.join(" or ", BASES) + ", got '" + base + "'");
        }
    }

    @JsonCreator
    public static RelativisticLoss of(@JsonProperty("base") String base) {
        return new RelativisticLoss(base == null ? NON_SATURATING : base);
    }

    @Override
    public LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores, LossContext context) {
        return relative(realScores, fakeScores, true);
    }

    @Override
    public LossResult generatorLoss(INDArray realScores, INDArray fakeScores, LossContext context) {
        if (realScores == null) {
            throw new IllegalArgumentException("the relativistic generator loss needs the real scores");
        }
        return relative(realScores, fakeScores, false);
    }

    @Override
    public LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores) {
        return relative(realScores, fakeScores, true);
    }

    @Override
    public boolean generatorReadsRealScores() {
        return true;
    }

    /** The critic-like raw mean: {@code σ(D(x))} alone means nothing in a relativistic game. */
    @Override
    public double meanOutput(INDArray scores) {
        return Scores.mean(Scores.read(scores));
    }

    /**
     * The discriminator's loss ({@code discriminator}: real samples labelled 1 and fake 0 relative to
     * the other batch's mean) or the generator's (labels swapped), with both gradients:
     * {@code ∂L/∂r_k = (ℓ_r'(a_k) - mean_j ℓ_f'(b_j)) / n} and
     * {@code ∂L/∂f_k = (ℓ_f'(b_k) - mean_i ℓ_r'(a_i)) / m}, {@code ℓ_r} and {@code ℓ_f} the terms
     * the real and fake relative scores enter.
     */
    private LossResult relative(INDArray realScores, INDArray fakeScores, boolean discriminator) {
        double[] real = Scores.read(realScores);
        double[] fake = Scores.read(fakeScores);
        double meanReal = Scores.mean(real);
        double meanFake = Scores.mean(fake);
        boolean ns = NON_SATURATING.equals(base);
        double realLabel = discriminator ? 1 : 0;
        double fakeLabel = discriminator ? 0 : 1;
        DoubleUnaryOperator realTerm = s -> term(ns, s, realLabel);
        DoubleUnaryOperator fakeTerm = s -> term(ns, s, fakeLabel);
        DoubleUnaryOperator realSlope = s -> slope(ns, s, realLabel);
        DoubleUnaryOperator fakeSlope = s -> slope(ns, s, fakeLabel);
        double value = 0;
        double meanRealSlope = 0;
        double[] realDerivative = new double[real.length];
        for (int i = 0; i < real.length; i++) {
            double a = real[i] - meanFake;
            value += realTerm.applyAsDouble(a) / real.length;
            realDerivative[i] = realSlope.applyAsDouble(a);
            meanRealSlope += realDerivative[i] / real.length;
        }
        double meanFakeSlope = 0;
        double[] fakeDerivative = new double[fake.length];
        for (int j = 0; j < fake.length; j++) {
            double b = fake[j] - meanReal;
            value += fakeTerm.applyAsDouble(b) / fake.length;
            fakeDerivative[j] = fakeSlope.applyAsDouble(b);
            meanFakeSlope += fakeDerivative[j] / fake.length;
        }
        for (int i = 0; i < real.length; i++) {
            realDerivative[i] = (realDerivative[i] - meanFakeSlope) / real.length;
        }
        for (int j = 0; j < fake.length; j++) {
            fakeDerivative[j] = (fakeDerivative[j] - meanRealSlope) / fake.length;
        }
        return new LossResult(value, Scores.like(realScores, realDerivative), Scores.like(fakeScores, fakeDerivative));
    }

    /** {@code ℓ(s)} for label {@code t}: binary cross-entropy on logits, or {@code ½(s - (2t - 1))²}. */
    private static double term(boolean ns, double s, double t) {
        if (ns) {
            return Math.max(s, 0) - t * s + Math.log1p(Math.exp(-Math.abs(s)));
        }
        double d = s - (2 * t - 1);
        return d * d / 2;
    }

    private static double slope(boolean ns, double s, double t) {
        return ns ? Scores.sigmoid(s) - t : s - (2 * t - 1);
    }
}

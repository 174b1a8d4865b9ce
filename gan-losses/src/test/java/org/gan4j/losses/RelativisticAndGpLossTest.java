package org.gan4j.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;
import static org.gan4j.losses.LossTestSupport.naiveBce;
import static org.gan4j.losses.LossTestSupport.scores;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.gan4j.api.spi.GradientPenalty;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossContext;
import org.gan4j.api.spi.LossResult;
import org.junit.jupiter.api.Test;

/** RaSGAN, RaLSGAN and WGAN-GP against their definitions, their settings and reading them by name. */
class RelativisticAndGpLossTest {

    private static final double[] REAL = {2.0, -1.0, 0.5};
    private static final double[] FAKE = {-3.0, 1.5};
    private static final double MEAN_REAL = 0.5;
    private static final double MEAN_FAKE = -0.75;

    @Test
    void rasganIsCrossEntropyOfTheScoresRelativeToTheOtherBatchsMean() {
        Loss loss = RelativisticLoss.of(null);
        double d = 0;
        for (double r : REAL) {
            d += naiveBce(r - MEAN_FAKE, 1) / REAL.length;
        }
        for (double f : FAKE) {
            d += naiveBce(f - MEAN_REAL, 0) / FAKE.length;
        }
        double g = 0;
        for (double f : FAKE) {
            g += naiveBce(f - MEAN_REAL, 1) / FAKE.length;
        }
        for (double r : REAL) {
            g += naiveBce(r - MEAN_FAKE, 0) / REAL.length;
        }
        LossContext context = LossContext.initial(loss);
        assertThat(loss.discriminatorLoss(scores(REAL), scores(FAKE), context).value()).isCloseTo(d, within(1e-14));
        assertThat(loss.generatorLoss(scores(REAL), scores(FAKE), context).value()).isCloseTo(g, within(1e-14));
        assertThat(loss.generatorReadsRealScores()).isTrue();
    }

    @Test
    void ralsganIsHalfTheSquaredDistanceToPlusOrMinusOne() {
        Loss loss = RelativisticLoss.of("least-squares");
        double d = 0;
        for (double r : REAL) {
            d += 0.5 * Math.pow(r - MEAN_FAKE - 1, 2) / REAL.length;
        }
        for (double f : FAKE) {
            d += 0.5 * Math.pow(f - MEAN_REAL + 1, 2) / FAKE.length;
        }
        LossResult result = loss.discriminatorLoss(scores(REAL), scores(FAKE), LossContext.initial(loss));
        assertThat(result.value()).isCloseTo(d, within(1e-14));
        // dL/dr_0 = (a_0 - 1)/3 - mean_j (b_j + 1)/3, with a_0 = 2.75 and b = (-3.5, 1)
        assertThat(result.realGradient().getDouble(0)).isCloseTo((1.75 - (-2.5 + 2.0) / 2) / 3, within(1e-14));
        // a generator that fools it completely: fakes one above the real mean, reals one below the fake mean
        LossResult g = loss.generatorLoss(scores(0.0, 0.0), scores(1.0, 1.0), LossContext.initial(loss));
        assertThat(g.value()).isCloseTo(0.0, within(1e-15));
    }

    @Test
    void theGeneratorNeedsTheRealScores() {
        Loss loss = RelativisticLoss.of(null);
        assertThatThrownBy(() -> loss.generatorLoss(null, scores(FAKE), LossContext.initial(loss)))
                .hasMessage("the relativistic generator loss needs the real scores");
        assertThatThrownBy(() -> RelativisticLoss.of("hinge")).hasMessage("base must be non-saturating or least-squares, got 'hinge'");
        assertThat(loss.meanOutput(scores(-2, 5))).isCloseTo(1.5, within(1e-15));
    }

    @Test
    void wganGpIsTheCriticLossPlusAPenaltyAtInterpolatesWithThePapersRecommendations() {
        WassersteinGpLoss loss = WassersteinGpLoss.of(null);
        assertThat(loss.lambda()).isEqualTo(10.0);
        LossResult d = loss.discriminatorLoss(scores(REAL), scores(FAKE));
        assertThat(d.value()).isCloseTo(MEAN_FAKE - MEAN_REAL, within(1e-15));
        assertThat(loss.generatorLoss(scores(FAKE)).value()).isCloseTo(-MEAN_FAKE, within(1e-15));
        assertThat(loss.gradientPenalties()).singleElement().satisfies(p -> {
            assertThat(p.samples()).isEqualTo(GradientPenalty.Samples.INTERPOLATES);
            assertThat(p.interval()).isEqualTo(1);
            assertThat(p.name()).isEqualTo("gp");
        });
        assertThat(loss.recommendedDiscriminatorSteps()).hasValue(5);
        assertThat(loss.recommendedOptimizer()).hasValueSatisfying(o -> {
            assertThat(o.type()).isEqualTo("adam");
            assertThat(o.settings()).containsExactly(entry("lr", 1e-4), entry("beta1", 0.0), entry("beta2", 0.9));
        });
        assertThatThrownBy(() -> WassersteinGpLoss.of(0.0)).hasMessageStartingWith("lambda");
    }

    @Test
    void readByName() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerSubtypes(new NamedType(RelativisticLoss.class, "relativistic"), new NamedType(WassersteinGpLoss.class, "wasserstein-gp"));
        assertThat(mapper.readValue("{\"type\":\"relativistic\"}", Loss.class)).isEqualTo(RelativisticLoss.of("non-saturating"));
        assertThat(mapper.readValue("{\"type\":\"relativistic\",\"base\":\"least-squares\"}", Loss.class))
                .isEqualTo(RelativisticLoss.of("least-squares"));
        assertThat(mapper.readValue("{\"type\":\"wasserstein-gp\",\"lambda\":5}", Loss.class)).isEqualTo(WassersteinGpLoss.of(5.0));
        assertThat(mapper.writeValueAsString(WassersteinGpLoss.of(null))).contains("\"lambda\":10.0");
    }
}

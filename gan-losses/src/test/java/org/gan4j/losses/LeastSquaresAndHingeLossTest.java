package org.gan4j.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gan4j.losses.LossTestSupport.scores;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** LSGAN and hinge against their closed forms, their settings, and reading them by name. */
class LeastSquaresAndHingeLossTest {

    private static final double[] REAL = {2.0, -1.0, 0.5};
    private static final double[] FAKE = {-3.0, 1.5};

    @Test
    void leastSquaresDiscriminatorLossIsHalfMeanSquaredDistanceToTheTargets() {
        LeastSquaresLoss loss = new LeastSquaresLoss(0.0, 1.0, 1.0);
        LossResult r = loss.discriminatorLoss(scores(REAL), scores(FAKE));
        // real: (1² + 2² + 0.5²)/3 / 2 ; fake: (3² + 1.5²)/2 / 2
        assertThat(r.value()).isCloseTo(0.5 * (1 + 4 + 0.25) / 3 + 0.5 * (9 + 2.25) / 2, within(1e-14));
        assertThat(r.realGradient().toDoubleVector()).containsExactly(new double[] {1 / 3.0, -2 / 3.0, -0.5 / 3}, within(1e-15));
        assertThat(r.fakeGradient().toDoubleVector()).containsExactly(new double[] {-1.5, 0.75}, within(1e-15));
    }

    @Test
    void leastSquaresTargetsAreSettings() {
        LeastSquaresLoss loss = new LeastSquaresLoss(-1.0, 1.0, 0.0);
        LossResult d = loss.discriminatorLoss(scores(1.0, 1.0), scores(-1.0));
        assertThat(d.value()).isZero();
        assertThat(d.fakeGradient().getDouble(0)).isZero();
        LossResult g = loss.generatorLoss(scores(2.0, -4.0));
        assertThat(g.value()).isCloseTo(0.5 * (4 + 16) / 2, within(1e-15));
        assertThat(g.fakeGradient().toDoubleVector()).containsExactly(1.0, -2.0);
        assertThat(g.realGradient()).isNull();
    }

    @Test
    void leastSquaresDefaultsAreMaoEtAlsZeroOneOne() {
        LeastSquaresLoss loss = new LeastSquaresLoss(null, null, null);
        assertThat(loss).isEqualTo(new LeastSquaresLoss(0.0, 1.0, 1.0));
        assertThat(loss.generatorLoss(scores(1.0)).value()).isZero();
        assertThat(loss.meanOutput(scores(-2, 5))).isCloseTo(1.5, within(1e-15));
    }

    @Test
    void leastSquaresRefusesEqualOrNonFiniteTargets() {
        assertThatThrownBy(() -> new LeastSquaresLoss(1.0, 1.0, 1.0)).hasMessageStartingWith("realTarget must differ from fakeTarget");
        assertThatThrownBy(() -> new LeastSquaresLoss(Double.NaN, 1.0, 1.0)).hasMessageStartingWith("fakeTarget must be a finite number");
        assertThatThrownBy(() -> new LeastSquaresLoss(0.0, 1.0, Double.POSITIVE_INFINITY)).hasMessageStartingWith("generatorTarget");
    }

    @Test
    void leastSquaresOnFloatScoresAtTheExtremes() {
        LossResult d = new LeastSquaresLoss(0.0, 1.0, 1.0).discriminatorLoss(scores(DataType.FLOAT, 1000), scores(DataType.FLOAT, -1000));
        assertThat(d.value()).isCloseTo(0.5 * 999 * 999 + 0.5 * 1000 * 1000, within(1e-1));
        assertThat(d.realGradient().getDouble(0)).isEqualTo(999.0);
        assertThat(d.fakeGradient().dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void hingeDiscriminatorLossCountsOnlyViolatedMargins() {
        LossResult r = new HingeLoss().discriminatorLoss(scores(REAL), scores(FAKE));
        // real: relu(1-2)=0, relu(1+1)=2, relu(1-0.5)=0.5 ; fake: relu(1-3)=0, relu(1+1.5)=2.5
        assertThat(r.value()).isCloseTo((0 + 2 + 0.5) / 3 + (0 + 2.5) / 2, within(1e-15));
        assertThat(r.realGradient().toDoubleVector()).containsExactly(new double[] {0, -1 / 3.0, -1 / 3.0}, within(1e-15));
        assertThat(r.fakeGradient().toDoubleVector()).containsExactly(0, 0.5);
    }

    @Test
    void hingeGeneratorLossIsMinusMeanFake() {
        LossResult r = new HingeLoss().generatorLoss(scores(FAKE));
        assertThat(r.value()).isCloseTo(-(-3 + 1.5) / 2, within(1e-15));
        assertThat(r.fakeGradient().toDoubleVector()).containsExactly(-0.5, -0.5);
        assertThat(r.realGradient()).isNull();
    }

    @Test
    void hingeAtItsKinksTakesTheZeroSubgradientAndAPerfectDiscriminatorCostsNothing() {
        LossResult r = new HingeLoss().discriminatorLoss(scores(1.0, 7.0), scores(-1.0, -7.0));
        assertThat(r.value()).isZero();
        // (-0.0 and 0.0 both count as zero.)
        assertThat(r.realGradient().toDoubleVector()).containsExactly(new double[] {0, 0}, within(0.0));
        assertThat(r.fakeGradient().toDoubleVector()).containsExactly(new double[] {0, 0}, within(0.0));
        assertThat(new HingeLoss().meanOutput(scores(-2, 5))).isCloseTo(1.5, within(1e-15));
    }

    @Test
    void bothAreReadAndWrittenByName() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (var c : new LossesPlugin().components()) {
            mapper.registerSubtypes(new NamedType(c.implementation(), c.name()));
        }
        assertThat(mapper.readValue("{\"type\":\"hinge\"}", Loss.class)).isEqualTo(new HingeLoss());
        assertThat(mapper.readValue("{\"type\":\"least-squares\",\"fakeTarget\":-1}", Loss.class))
                .isEqualTo(new LeastSquaresLoss(-1.0, 1.0, 1.0));
        assertThat(mapper.writerFor(Loss.class).writeValueAsString(new HingeLoss())).isEqualTo("{\"type\":\"hinge\"}");
        assertThat(mapper.writerFor(Loss.class).writeValueAsString(new LeastSquaresLoss(0.0, 1.0, 1.0)))
                .isEqualTo("{\"type\":\"least-squares\",\"fakeTarget\":0.0,\"realTarget\":1.0,\"generatorTarget\":1.0}");
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"hinge\",\"margin\":2}", Loss.class)).hasMessageContaining("margin");
    }
}

package org.gan4j.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gan4j.losses.LossTestSupport.naiveBce;
import static org.gan4j.losses.LossTestSupport.scores;
import static org.gan4j.losses.LossTestSupport.sigmoid;

import java.util.stream.Stream;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.gan4j.testkit.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The minimax and non-saturating losses against closed forms, finite differences and their limits. */
class BinaryCrossEntropyLossesTest {

    private static final double[] REAL = {2.0, -1.0, 0.5};
    private static final double[] FAKE = {-3.0, 1.5};

    static Stream<Arguments> discriminatorLosses() {
        return Stream.of(
                Arguments.of(new MinimaxLoss(1.0), 1.0),
                Arguments.of(new MinimaxLoss(0.9), 0.9),
                Arguments.of(new NonSaturatingLoss(1.0), 1.0),
                Arguments.of(new NonSaturatingLoss(0.9), 0.9));
    }

    @Test
    void discriminatorLossAtZeroLogitsIsTwoLogTwo() {
        LossResult r = new MinimaxLoss(1.0).discriminatorLoss(scores(0, 0), scores(0, 0, 0, 0));
        assertThat(r.value()).isCloseTo(2 * Math.log(2), within(1e-15));
        assertThat(r.realGradient().toDoubleVector()).containsExactly(-0.25, -0.25);
        assertThat(r.fakeGradient().toDoubleVector()).containsExactly(0.125, 0.125, 0.125, 0.125);
    }

    @ParameterizedTest
    @MethodSource("discriminatorLosses")
    void discriminatorLossMatchesClosedForm(Loss loss, double realLabel) {
        LossResult r = loss.discriminatorLoss(scores(REAL), scores(FAKE));

        double expected = 0;
        for (double s : REAL) {
            expected += naiveBce(s, realLabel) / REAL.length;
        }
        for (double s : FAKE) {
            expected += naiveBce(s, 0) / FAKE.length;
        }
        assertThat(r.value()).isCloseTo(expected, within(1e-12));
        for (int i = 0; i < REAL.length; i++) {
            assertThat(r.realGradient().getDouble(i)).isCloseTo((sigmoid(REAL[i]) - realLabel) / REAL.length, within(1e-15));
        }
        for (int i = 0; i < FAKE.length; i++) {
            assertThat(r.fakeGradient().getDouble(i)).isCloseTo(sigmoid(FAKE[i]) / FAKE.length, within(1e-15));
        }
    }

    @ParameterizedTest
    @MethodSource("discriminatorLosses")
    void discriminatorGradientsMatchFiniteDifferences(Loss loss, double realLabel) {
        INDArray real = scores(REAL);
        INDArray fake = scores(FAKE);
        LossResult r = loss.discriminatorLoss(real, fake);
        double[] numReal = FiniteDifferences.gradient(x -> loss.discriminatorLoss(x, fake).value(), real, 1e-5);
        double[] numFake = FiniteDifferences.gradient(x -> loss.discriminatorLoss(real, x).value(), fake, 1e-5);
        assertThat(r.realGradient().toDoubleVector()).containsExactly(numReal, within(1e-9));
        assertThat(r.fakeGradient().toDoubleVector()).containsExactly(numFake, within(1e-9));
    }

    @Test
    void minimaxGeneratorLossIsLogOfOneMinusD() {
        LossResult r = new MinimaxLoss(0.9).generatorLoss(scores(FAKE));
        double expected = 0;
        for (double s : FAKE) {
            expected += Math.log(1 - sigmoid(s)) / FAKE.length;
        }
        assertThat(r.value()).isCloseTo(expected, within(1e-12));
        assertThat(r.realGradient()).isNull();
        for (int i = 0; i < FAKE.length; i++) {
            assertThat(r.fakeGradient().getDouble(i)).isCloseTo(-sigmoid(FAKE[i]) / FAKE.length, within(1e-15));
        }
    }

    @Test
    void nonSaturatingGeneratorLossIsMinusLogD() {
        LossResult r = new NonSaturatingLoss(0.9).generatorLoss(scores(FAKE));
        double expected = 0;
        for (double s : FAKE) {
            expected += -Math.log(sigmoid(s)) / FAKE.length;
        }
        assertThat(r.value()).isCloseTo(expected, within(1e-12));
        assertThat(r.realGradient()).isNull();
        for (int i = 0; i < FAKE.length; i++) {
            assertThat(r.fakeGradient().getDouble(i)).isCloseTo(-sigmoid(-FAKE[i]) / FAKE.length, within(1e-15));
        }
    }

    @Test
    void generatorGradientsMatchFiniteDifferences() {
        INDArray fake = scores(FAKE);
        for (Loss loss : new Loss[] {new MinimaxLoss(1.0), new NonSaturatingLoss(1.0)}) {
            double[] numeric = FiniteDifferences.gradient(x -> loss.generatorLoss(x).value(), fake, 1e-5);
            assertThat(loss.generatorLoss(fake).fakeGradient().toDoubleVector())
                    .as(loss.toString()).containsExactly(numeric, within(1e-9));
        }
    }

    @Test
    void extremeLogitsGiveFiniteValuesAndTheRightLimits() {
        Loss loss = new NonSaturatingLoss(1.0);
        // A perfect discriminator: loss and gradients go to 0.
        LossResult perfect = loss.discriminatorLoss(scores(1000, 100), scores(-1000, -100));
        assertThat(perfect.value()).isCloseTo(0, within(1e-40));
        assertThat(perfect.realGradient().toDoubleVector()).containsExactly(new double[] {0, 0}, within(1e-40));
        assertThat(perfect.fakeGradient().toDoubleVector()).containsExactly(new double[] {0, 0}, within(1e-40));
        // A perfectly wrong one: each term costs |s|, gradients are -1/n for real and +1/n for fake.
        LossResult wrong = loss.discriminatorLoss(scores(-1000, -100), scores(1000, 100));
        assertThat(wrong.value()).isCloseTo(550 + 550, within(1e-9));
        assertThat(wrong.realGradient().toDoubleVector()).containsExactly(new double[] {-0.5, -0.5}, within(1e-15));
        assertThat(wrong.fakeGradient().toDoubleVector()).containsExactly(new double[] {0.5, 0.5}, within(1e-15));
        // Smoothed real label on a confident real score: (1 - 0.9) * s is left.
        LossResult smoothed = new MinimaxLoss(0.9).discriminatorLoss(scores(1000), scores(-1000));
        assertThat(smoothed.value()).isCloseTo(100, within(1e-9));
        assertThat(smoothed.realGradient().getDouble(0)).isCloseTo(0.1, within(1e-15));

        LossResult mmRejected = new MinimaxLoss(1.0).generatorLoss(scores(-1000, -100));
        assertThat(mmRejected.value()).isCloseTo(0, within(1e-40));
        assertThat(mmRejected.fakeGradient().toDoubleVector()).containsExactly(new double[] {0, 0}, within(1e-40));
        LossResult mmAccepted = new MinimaxLoss(1.0).generatorLoss(scores(1000, 100));
        assertThat(mmAccepted.value()).isCloseTo(-550, within(1e-9));
        assertThat(mmAccepted.fakeGradient().toDoubleVector()).containsExactly(new double[] {-0.5, -0.5}, within(1e-15));

        LossResult nsRejected = loss.generatorLoss(scores(-1000, -100));
        assertThat(nsRejected.value()).isCloseTo(550, within(1e-9));
        assertThat(nsRejected.fakeGradient().toDoubleVector()).containsExactly(new double[] {-0.5, -0.5}, within(1e-15));
        LossResult nsAccepted = loss.generatorLoss(scores(1000, 100));
        assertThat(nsAccepted.value()).isCloseTo(0, within(1e-40));
        assertThat(nsAccepted.fakeGradient().toDoubleVector()).containsExactly(new double[] {0, 0}, within(1e-40));
    }

    @Test
    void floatScoresGiveFloatGradientsOfTheSameShapeMatchingDoubleAtExtremes() {
        double[] realValues = {1000, -1000, 100, -100, 0};
        double[] fakeValues = {-1000, 1000, -100, 100, 0};
        INDArray real = scores(DataType.FLOAT, realValues);
        INDArray fake = scores(DataType.FLOAT, fakeValues);
        for (Loss loss : new Loss[] {new MinimaxLoss(0.9), new NonSaturatingLoss(0.9)}) {
            LossResult d = loss.discriminatorLoss(real, fake);
            LossResult g = loss.generatorLoss(fake);
            LossResult dDouble = loss.discriminatorLoss(scores(realValues), scores(fakeValues));
            LossResult gDouble = loss.generatorLoss(scores(fakeValues));
            // real, target 0.9: 100 + 900 + 10 + 90 + log 2; fake, target 0: 0 + 1000 + 0 + 100 + log 2.
            assertThat(d.value()).isCloseTo((1100 + Math.log(2)) / 5 + (1100 + Math.log(2)) / 5, within(1e-3));
            assertThat(dDouble.value()).isCloseTo((1100 + Math.log(2)) / 5 + (1100 + Math.log(2)) / 5, within(1e-12));
            assertThat(g.value()).isCloseTo(gDouble.value(), within(1e-3));
            INDArray[] floats = {d.realGradient(), d.fakeGradient(), g.fakeGradient()};
            INDArray[] doubles = {dDouble.realGradient(), dDouble.fakeGradient(), gDouble.fakeGradient()};
            for (int i = 0; i < floats.length; i++) {
                assertThat(floats[i].dataType()).isEqualTo(DataType.FLOAT);
                assertThat(floats[i].shape()).containsExactly(5, 1);
                assertThat(floats[i].toDoubleVector()).containsExactly(doubles[i].toDoubleVector(), within(1e-7));
            }
        }
    }

    @Test
    void nearZeroLossesAreAccurateToOneUlpOfOne() {
        // -log sigmoid(40) = log1p(exp(-40)) ~ 4.25e-18. ND4J's Log1p op computes log(1 + x), so terms
        // this small are lost, but the absolute error stays below one ulp of 1, and nothing goes negative.
        double value = new NonSaturatingLoss(1.0).generatorLoss(scores(40, 35)).value();
        assertThat(value).isNotNegative().isCloseTo((Math.log1p(Math.exp(-40)) + Math.log1p(Math.exp(-35))) / 2, within(2.3e-16));
    }

    @Test
    void inputsAreNotModified() {
        INDArray real = scores(REAL);
        INDArray fake = scores(FAKE);
        for (Loss loss : new Loss[] {new MinimaxLoss(0.9), new NonSaturatingLoss(0.9)}) {
            loss.discriminatorLoss(real, fake);
            loss.generatorLoss(fake);
            loss.meanOutput(fake);
        }
        assertThat(real.toDoubleVector()).containsExactly(REAL);
        assertThat(fake.toDoubleVector()).containsExactly(FAKE);
    }

    @Test
    void labelSmoothingChangesOnlyTheRealTerm() {
        INDArray real = scores(REAL);
        INDArray fake = scores(FAKE);
        LossResult plain = new NonSaturatingLoss(1.0).discriminatorLoss(real, fake);
        LossResult smooth = new NonSaturatingLoss(0.9).discriminatorLoss(real, fake);
        // bce(s, 0.9) - bce(s, 1) = 0.1 s, so the value moves by 0.1 mean(real) and each real gradient by 0.1/n.
        double meanReal = (REAL[0] + REAL[1] + REAL[2]) / 3;
        assertThat(smooth.value() - plain.value()).isCloseTo(0.1 * meanReal, within(1e-12));
        for (int i = 0; i < REAL.length; i++) {
            assertThat(smooth.realGradient().getDouble(i) - plain.realGradient().getDouble(i)).isCloseTo(0.1 / 3, within(1e-15));
        }
        assertThat(smooth.fakeGradient()).isEqualTo(plain.fakeGradient());
        // The generator's targets are never smoothed.
        assertThat(new NonSaturatingLoss(0.9).generatorLoss(fake)).isEqualTo(new NonSaturatingLoss(1.0).generatorLoss(fake));
        assertThat(new MinimaxLoss(0.9).generatorLoss(fake)).isEqualTo(new MinimaxLoss(1.0).generatorLoss(fake));
    }

    @Test
    void aDiscriminatorThatSeparatesBetterHasALowerLoss() {
        for (Loss loss : new Loss[] {new MinimaxLoss(0.9), new NonSaturatingLoss(1.0)}) {
            double weak = loss.discriminatorLoss(scores(0.5, 0.2), scores(-0.5, 0.1)).value();
            double strong = loss.discriminatorLoss(scores(3, 2), scores(-3, -2)).value();
            assertThat(strong).as(loss.toString()).isLessThan(weak);
            // And a generator whose fakes D scores higher has a lower loss.
            assertThat(loss.generatorLoss(scores(2, 1)).value()).isLessThan(loss.generatorLoss(scores(-2, -1)).value());
        }
    }

    @Test
    void minimaxGeneratorGradientVanishesWhenDRejectsFakesButNonSaturatingDoesNot() {
        INDArray rejected = scores(-10, -12);
        double[] minimax = new MinimaxLoss(1.0).generatorLoss(rejected).fakeGradient().toDoubleVector();
        double[] nonSaturating = new NonSaturatingLoss(1.0).generatorLoss(rejected).fakeGradient().toDoubleVector();
        for (int i = 0; i < 2; i++) {
            // Both push the fake scores up (negative gradient), with very different strength.
            assertThat(minimax[i]).isNegative().isGreaterThan(-1e-4 / 2);
            assertThat(nonSaturating[i]).isLessThan(-0.9999 / 2);
        }
    }

    @Test
    void meanOutputIsTheMeanProbability() {
        assertThat(new NonSaturatingLoss(1.0).meanOutput(scores(0, 2, -2))).isCloseTo(0.5, within(1e-15));
        assertThat(new MinimaxLoss(1.0).meanOutput(scores(1))).isCloseTo(sigmoid(1), within(1e-15));
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThatThrownBy(() -> new NonSaturatingLoss(1.0).generatorLoss(scores()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void realLabelMustBeInZeroOne() {
        assertThat(new MinimaxLoss((Double) null).realLabel()).isEqualTo(1.0);
        assertThatThrownBy(() -> new MinimaxLoss(0.0)).hasMessageStartingWith("realLabel must be in (0.0, 1.0]");
        assertThatThrownBy(() -> new NonSaturatingLoss(1.1)).hasMessageStartingWith("realLabel");
        assertThatThrownBy(() -> new NonSaturatingLoss(Double.NaN)).hasMessageStartingWith("realLabel");
    }
}

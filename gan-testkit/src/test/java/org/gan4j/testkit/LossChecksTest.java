package org.gan4j.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.api.spi.Loss;
import org.junit.jupiter.api.Test;

/** Each check passes a correct loss and catches the variant that breaks its clause, saying which. */
class LossChecksTest {

    private static final double[] REAL = {1.7, -0.4, 0.3, 2.6, -1.9};
    private static final double[] FAKE = {-1.4, 0.55, -0.25};

    private final Loss good = new TestLosses.Reference();

    @Test
    void gradientCheckCatchesAWrongSign() {
        assertThatCode(() -> LossChecks.gradientsMatchFiniteDifferences(good, REAL, FAKE, 1e-5, 1e-8)).doesNotThrowAnyException();
        assertThatThrownBy(() -> LossChecks.gradientsMatchFiniteDifferences(new TestLosses.WrongGradient(), REAL, FAKE, 1e-5, 1e-8))
                .isInstanceOf(AssertionError.class).hasMessageContaining("generatorLoss's fakeGradient against finite differences");
    }

    @Test
    void finitenessCheckCatchesLogOfSigmoid() {
        assertThatCode(() -> LossChecks.finiteOnExtremeScores(good, 1000)).doesNotThrowAnyException();
        assertThatThrownBy(() -> LossChecks.finiteOnExtremeScores(new TestLosses.Naive(), 1000))
                .isInstanceOf(AssertionError.class).hasMessageContaining("value");
    }

    @Test
    void batchSizeCheckCatchesASum() {
        assertThatCode(() -> LossChecks.independentOfBatchSize(good, REAL, FAKE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> LossChecks.independentOfBatchSize(new TestLosses.Summing(), REAL, FAKE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the value must be a mean");
    }

    @Test
    void signCheckCatchesADiscriminatorTrainedBackwards() {
        assertThatCode(() -> LossChecks.signConventions(good, 0, 0.25)).doesNotThrowAnyException();
        assertThatThrownBy(() -> LossChecks.signConventions(new TestLosses.Reversed(), 0, 0.25))
                .isInstanceOf(AssertionError.class).hasMessageContaining("when it separates real (0.25) from fake (-0.25) must be below");
    }

    @Test
    void shapeCheckCatchesAModifiedInput() {
        assertThatCode(() -> LossChecks.shapesTypesAndInputs(good, REAL, FAKE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> LossChecks.shapesTypesAndInputs(new TestLosses.Sloppy(), REAL, FAKE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("modified the fake scores");
    }

    @Test
    void realScoresCheckCatchesAnUndeclaredOrUnusedRead() {
        assertThatCode(() -> LossChecks.generatorReadsRealScoresOnlyIfItSaysSo(good, REAL, FAKE)).doesNotThrowAnyException();
        assertThatCode(() -> LossChecks.generatorReadsRealScoresOnlyIfItSaysSo(new TestLosses.ReadsReal(), REAL, FAKE))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> LossChecks.generatorReadsRealScoresOnlyIfItSaysSo(new TestLosses.ReadsRealUndeclared(), REAL, FAKE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("generatorReadsRealScores() is false");
        assertThatThrownBy(() -> LossChecks.generatorReadsRealScoresOnlyIfItSaysSo(new TestLosses.DeclaresButIgnoresReal(), REAL, FAKE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not change with the real scores");
    }

    /** A generator loss that dereferences the null real scores fails every clause with what to declare, not a bare NPE. */
    @Test
    void aLossReadingRealScoresWithoutDeclaringItIsToldSoInsteadOfABareNullPointer() {
        Loss loss = new TestLosses.ReadsRealNaively();
        assertThatThrownBy(() -> LossChecks.generatorReadsRealScoresOnlyIfItSaysSo(loss, REAL, FAKE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("null real scores").hasMessageContaining("declare generatorReadsRealScores()")
                .hasCauseInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LossChecks.gradientsMatchFiniteDifferences(loss, REAL, FAKE, 1e-5, 1e-8))
                .isInstanceOf(AssertionError.class).hasMessageContaining("declare generatorReadsRealScores()");
        assertThatThrownBy(() -> LossChecks.stateLivesInTheContext(loss, REAL, FAKE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("declare generatorReadsRealScores()");
    }

    /** The relativistic-style loss passes the whole contract with real scores in the generator checks, no option needed. */
    @Test
    void aLossReadingRealScoresPassesEveryClause() {
        Loss loss = new TestLosses.ReadsReal();
        assertThatCode(() -> {
            LossChecks.gradientsMatchFiniteDifferences(loss, REAL, FAKE, 1e-5, 1e-8);
            LossChecks.finiteOnExtremeScores(loss, 1000);
            LossChecks.independentOfBatchSize(loss, REAL, FAKE);
            LossChecks.signConventions(loss, 0, 0.25);
            LossChecks.shapesTypesAndInputs(loss, REAL, FAKE);
        }).doesNotThrowAnyException();
    }

    @Test
    void stateCheckCatchesStateKeptOutsideTheContext() {
        assertThatCode(() -> LossChecks.stateLivesInTheContext(good, REAL, FAKE)).doesNotThrowAnyException();
        assertThatCode(() -> LossChecks.stateLivesInTheContext(new TestLosses.MovingAverage(), REAL, FAKE)).doesNotThrowAnyException();
        assertThatCode(() -> LossChecks.gradientsMatchFiniteDifferences(new TestLosses.MovingAverage(), REAL, FAKE, 1e-5, 1e-8))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> LossChecks.stateLivesInTheContext(new TestLosses.HiddenState(), REAL, FAKE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("state kept outside the LossContext");
    }

    @Test
    void penaltyChecksCatchAGradientThatIsNotTheMeans() {
        assertThatCode(() -> LossChecks.gradientPenaltiesPassTheirContract(new TestLosses.WithPenalty())).doesNotThrowAnyException();
        assertThatThrownBy(() -> GradientPenaltyChecks.all(new TestLosses.SummingPenalty()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("summing: evaluate's gradient against finite differences");
    }
}

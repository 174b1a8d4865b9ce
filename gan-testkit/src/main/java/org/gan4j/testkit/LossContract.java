package org.gan4j.testkit;

import org.gan4j.api.spi.Loss;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Loss} should meet, as JUnit 5 tests: extend this class, return your loss
 * from {@link #loss()}, and your test class inherits one test per clause (see {@link LossChecks}).
 *
 * <pre>{@code
 * class MyLossContractTest extends LossContract {
 *     @Override protected Loss loss() { return new MyLoss(1.0); }
 * }
 * }</pre>
 *
 * <p>The test methods are public so that test classes in any package, on any JUnit 5 version,
 * inherit them. Override the protected parameters where your loss needs it: the sample scores must keep clear of
 * any kink (a hinge's ±1), and {@link #undecidedScore()} must be a score where a discriminator that
 * cannot tell real from fake sits (0 for logits and critics, halfway between the targets for
 * least squares).
 *
 * <p>Losses beyond scores need no option: a relativistic loss (one that declares
 * {@link Loss#generatorReadsRealScores()}) gets real scores in every generator check; a stateful
 * one is checked from its initial state and for keeping all its state in the
 * {@link org.gan4j.api.spi.LossContext}; a loss with {@link Loss#gradientPenalties()} has each
 * penalty checked as {@link GradientPenaltyContract} does. A clause that cannot apply to your loss
 * (say so in the reason) is switched off by overriding its method with JUnit's
 * {@code @Disabled("why")}; every clause is one public method for that reason.
 */
public abstract class LossContract {

    /** The loss under test (a new instance or a shared one; it is only called). */
    protected abstract Loss loss();

    /** Real scores for the gradient and batch-size checks: five moderate values clear of ±1. */
    protected double[] realScores() {
        return new double[] {1.7, -0.4, 0.3, 2.6, -1.9};
    }

    /** Generated samples' scores for the same checks: three values (a batch size unlike the real one). */
    protected double[] fakeScores() {
        return new double[] {-1.4, 0.55, -0.25};
    }

    /** A score where the discriminator cannot tell real from generated: 0 by default. */
    protected double undecidedScore() {
        return 0;
    }

    /** How far from {@link #undecidedScore()} a better-separating discriminator moves the scores. */
    protected double separationMargin() {
        return 0.25;
    }

    /** The largest score magnitude the finiteness check uses: 1000 by default. */
    protected double extremeScore() {
        return 1000;
    }

    /** Finite-difference step. */
    protected double finiteDifferenceStep() {
        return 1e-5;
    }

    /** Largest accepted absolute difference between a gradient and its finite difference. */
    protected double gradientTolerance() {
        return 1e-8;
    }

    @Test
    public void gradientsMatchFiniteDifferences() {
        LossChecks.gradientsMatchFiniteDifferences(loss(), realScores(), fakeScores(), finiteDifferenceStep(), gradientTolerance());
    }

    @Test
    public void valuesAndGradientsAreFiniteOnExtremeScores() {
        LossChecks.finiteOnExtremeScores(loss(), extremeScore());
    }

    @Test
    public void valueIsAMeanSoItDoesNotDependOnTheBatchSize() {
        LossChecks.independentOfBatchSize(loss(), realScores(), fakeScores());
    }

    @Test
    public void discriminatorImprovesBySeparatingAndGeneratorByFooling() {
        LossChecks.signConventions(loss(), undecidedScore(), separationMargin());
    }

    @Test
    public void gradientsKeepShapeAndTypeAndInputsAreNotModified() {
        LossChecks.shapesTypesAndInputs(loss(), realScores(), fakeScores());
    }

    @Test
    public void generatorReadsRealScoresOnlyIfItSaysSo() {
        LossChecks.generatorReadsRealScoresOnlyIfItSaysSo(loss(), realScores(), fakeScores());
    }

    @Test
    public void stateLivesInTheContextSoCheckpointsRestoreIt() {
        LossChecks.stateLivesInTheContext(loss(), realScores(), fakeScores());
    }

    @Test
    public void gradientPenaltiesPassTheirContract() {
        LossChecks.gradientPenaltiesPassTheirContract(loss());
    }
}

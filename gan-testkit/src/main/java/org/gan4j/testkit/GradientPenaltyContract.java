package org.gan4j.testkit;

import org.gan4j.api.spi.GradientPenalty;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link GradientPenalty} should meet, as JUnit 5 tests: extend this class and
 * return your penalty from {@link #penalty()} (see {@link GradientPenaltyChecks} for the clauses).
 * A loss's own penalties are checked by {@link LossContract} already.
 *
 * <pre>{@code
 * class MyPenaltyContractTest extends GradientPenaltyContract {
 *     @Override protected GradientPenalty penalty() { return new MyPenalty(5.0); }
 * }
 * }</pre>
 */
public abstract class GradientPenaltyContract {

    /** The penalty under test. */
    protected abstract GradientPenalty penalty();

    @Test
    public void gradientMatchesFiniteDifferences() {
        GradientPenaltyChecks.gradientMatchesFiniteDifferences(penalty(), GradientPenaltyChecks.inputGradients(3, 2, 2), 1e-6, 1e-7);
    }

    @Test
    public void valueIsAMeanSoItDoesNotDependOnTheBatchSize() {
        GradientPenaltyChecks.valueIsAMean(penalty(), GradientPenaltyChecks.inputGradients(3, 2, 2));
    }

    @Test
    public void finiteOnZeroAndExtremeGradients() {
        GradientPenaltyChecks.finiteOnZeroAndExtremeGradients(penalty());
    }

    @Test
    public void gradientKeepsShapeAndTypeAndInputIsNotModified() {
        GradientPenaltyChecks.shapesTypesAndInputs(penalty(), GradientPenaltyChecks.inputGradients(3, 2, 2));
    }

    @Test
    public void trainsACriticThroughDoubleBackward() {
        GradientPenaltyChecks.trainsACriticThroughDoubleBackward(penalty());
    }
}

package org.gan4j.losses;

import org.gan4j.api.spi.Loss;
import org.gan4j.testkit.LossContract;
import org.junit.jupiter.api.Nested;

/** Every built-in loss passes the plugin authors' contract (gan-testkit's {@link LossContract}). */
class BuiltInLossContractsTest {

    @Nested
    class Minimax extends LossContract {
        @Override
        protected Loss loss() {
            return new MinimaxLoss(1.0);
        }
    }

    @Nested
    class MinimaxSmoothed extends LossContract {
        @Override
        protected Loss loss() {
            return new MinimaxLoss(0.9);
        }
    }

    @Nested
    class NonSaturating extends LossContract {
        @Override
        protected Loss loss() {
            return new NonSaturatingLoss(1.0);
        }
    }

    @Nested
    class NonSaturatingSmoothed extends LossContract {
        @Override
        protected Loss loss() {
            return new NonSaturatingLoss(0.9);
        }
    }

    @Nested
    class Wasserstein extends LossContract {
        @Override
        protected Loss loss() {
            return new WassersteinLoss(0.01);
        }
    }

    @Nested
    class LeastSquares extends LossContract {
        @Override
        protected Loss loss() {
            return new LeastSquaresLoss(0.0, 1.0, 1.0);
        }

        /** Halfway between the fake target 0 and the real target 1. */
        @Override
        protected double undecidedScore() {
            return 0.5;
        }
    }

    @Nested
    class LeastSquaresSymmetric extends LossContract {
        /** The paper's other setting: a = -1, b = 1, and a generator aiming past the boundary, c = 1. */
        @Override
        protected Loss loss() {
            return new LeastSquaresLoss(-1.0, 1.0, 1.0);
        }
    }

    @Nested
    class Hinge extends LossContract {
        @Override
        protected Loss loss() {
            return new HingeLoss();
        }
    }

    @Nested
    class WassersteinGp extends LossContract {
        @Override
        protected Loss loss() {
            return WassersteinGpLoss.of(10.0);
        }
    }

    @Nested
    class RelativisticNonSaturating extends LossContract {
        @Override
        protected Loss loss() {
            return RelativisticLoss.of("non-saturating");
        }
    }

    @Nested
    class RelativisticLeastSquares extends LossContract {
        @Override
        protected Loss loss() {
            return RelativisticLoss.of("least-squares");
        }
    }
}

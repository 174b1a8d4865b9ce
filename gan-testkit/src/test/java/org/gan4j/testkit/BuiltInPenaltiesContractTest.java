package org.gan4j.testkit;

import org.gan4j.api.spi.GradientPenalties;
import org.gan4j.api.spi.GradientPenalty;
import org.junit.jupiter.api.Nested;

/** The built-in gradient penalties pass the contract plugin authors run on theirs. */
class BuiltInPenaltiesContractTest {

    @Nested
    class WganGp extends GradientPenaltyContract {
        @Override
        protected GradientPenalty penalty() {
            return GradientPenalties.wganGp(10);
        }
    }

    @Nested
    class R1 extends GradientPenaltyContract {
        @Override
        protected GradientPenalty penalty() {
            return GradientPenalties.r1(10, 1);
        }
    }

    @Nested
    class LazyR2 extends GradientPenaltyContract {
        @Override
        protected GradientPenalty penalty() {
            return GradientPenalties.r2(0.5, 16);
        }
    }
}

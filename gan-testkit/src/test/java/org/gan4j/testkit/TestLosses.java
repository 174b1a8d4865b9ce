package org.gan4j.testkit;

import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** A correct loss and broken variants of it, each breaking one clause of the contract. */
final class TestLosses {

    private TestLosses() {
    }

    /** Correct: the non-saturating GAN loss with softplus, written as plainly as possible. */
    static class Reference implements Loss {
        /**
         * mean softplus(sign * s) and its gradient sign * sigmoid(sign * s) / n; softplus as
         * relu(z) + log1p(exp(-|z|)) (ND4J's SoftPlus op overflows from z of about 710).
         */
        LossResult softplusMean(INDArray s, double sign) {
            INDArray z = s.mul(sign);
            INDArray tail = Transforms.log1p(Transforms.exp(Transforms.abs(z, true).negi(), false), false);
            double value = (Transforms.relu(z, true).sumNumber().doubleValue() + tail.sumNumber().doubleValue()) / s.length();
            return new LossResult(value, null, Transforms.sigmoid(z, true).muli(sign / s.length()));
        }

        @Override
        public LossResult discriminatorLoss(INDArray real, INDArray fake) {
            LossResult r = softplusMean(real, -1);
            LossResult f = softplusMean(fake, 1);
            return new LossResult(r.value() + f.value(), r.fakeGradient(), f.fakeGradient());
        }

        @Override
        public LossResult generatorLoss(INDArray fake) {
            return softplusMean(fake, -1);
        }

        @Override
        public String toString() {
            return getClass().getSimpleName();
        }
    }

    /** Forgets the generator gradient's sign. */
    static final class WrongGradient extends Reference {
        @Override
        public LossResult generatorLoss(INDArray fake) {
            LossResult r = super.generatorLoss(fake);
            return new LossResult(r.value(), null, r.fakeGradient().neg());
        }
    }

    /** Computes -log(sigmoid(s)) literally: infinite for very negative scores. */
    static final class Naive extends Reference {
        @Override
        LossResult softplusMean(INDArray s, double sign) {
            INDArray z = s.mul(sign);
            double value = -Transforms.log(Transforms.sigmoid(z.neg(), true), false).sumNumber().doubleValue() / s.length();
            return new LossResult(value, null, Transforms.sigmoid(z, true).muli(sign / s.length()));
        }
    }

    /** Sums instead of averaging (value and gradients). */
    static final class Summing extends Reference {
        @Override
        LossResult softplusMean(INDArray s, double sign) {
            LossResult r = super.softplusMean(s, sign);
            return new LossResult(r.value() * s.length(), null, r.fakeGradient().muli(s.length()));
        }
    }

    /** Trains the discriminator the wrong way round: it rewards high scores for fakes. */
    static final class Reversed extends Reference {
        @Override
        public LossResult discriminatorLoss(INDArray real, INDArray fake) {
            return super.discriminatorLoss(fake, real);
        }
    }

    /** Writes into its input. */
    static final class Sloppy extends Reference {
        @Override
        public LossResult generatorLoss(INDArray fake) {
            LossResult r = super.generatorLoss(fake);
            fake.putScalar(0, 42);
            return r;
        }
    }
}

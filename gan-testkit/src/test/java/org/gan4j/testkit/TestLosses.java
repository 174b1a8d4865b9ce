package org.gan4j.testkit;

import java.util.List;
import org.gan4j.api.spi.GradientPenalties;
import org.gan4j.api.spi.GradientPenalty;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossContext;
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

    /**
     * Correct and stateful: the reference loss plus {@code 0.1 (r̄ - m)²}, where {@code m} is a moving
     * average of the mean real score kept in the context (a LeCam-style regulariser).
     */
    static class MovingAverage extends Reference {
        @Override
        public int stateSize() {
            return 1;
        }

        @Override
        public void initialState(INDArray state) {
            state.putScalar(0, 0.5);
        }

        double average(LossContext context) {
            return context.state().getDouble(0);
        }

        void update(LossContext context, double meanReal) {
            context.state().putScalar(0, 0.9 * average(context) + 0.1 * meanReal);
        }

        @Override
        public LossResult discriminatorLoss(INDArray real, INDArray fake, LossContext context) {
            LossResult base = discriminatorLoss(real, fake);
            double meanReal = real.meanNumber().doubleValue();
            double m = average(context);
            update(context, meanReal);
            INDArray realGradient = base.realGradient().add(0.2 * (meanReal - m) / real.length());
            return new LossResult(base.value() + 0.1 * (meanReal - m) * (meanReal - m), realGradient, base.fakeGradient());
        }
    }

    /** Keeps its moving average in a field instead of the context: a checkpoint would not save it. */
    static final class HiddenState extends MovingAverage {
        private double hidden = 0.5;

        @Override
        double average(LossContext context) {
            return hidden;
        }

        @Override
        void update(LossContext context, double meanReal) {
            hidden = 0.9 * hidden + 0.1 * meanReal;
        }
    }

    /** Correct: a relativistic-style generator loss, {@code mean softplus(-(f - r̄))}, declared as reading real scores. */
    static class ReadsReal extends Reference {
        @Override
        public boolean generatorReadsRealScores() {
            return true;
        }

        @Override
        public LossResult generatorLoss(INDArray real, INDArray fake, LossContext context) {
            return softplusMean(fake.sub(real.meanNumber().doubleValue()), -1);
        }
    }

    /** Reads the real scores in its generator loss without declaring it (the trainer would pass null). */
    static final class ReadsRealUndeclared extends ReadsReal {
        @Override
        public boolean generatorReadsRealScores() {
            return false;
        }

        @Override
        public LossResult generatorLoss(INDArray real, INDArray fake, LossContext context) {
            return real == null ? generatorLoss(fake) : super.generatorLoss(real, fake, context);
        }
    }

    /** Reads the real scores without declaring it and without a null check, as a first draft would. */
    static final class ReadsRealNaively extends ReadsReal {
        @Override
        public boolean generatorReadsRealScores() {
            return false;
        }
    }

    /** Declares that it reads real scores and then ignores them. */
    static final class DeclaresButIgnoresReal extends Reference {
        @Override
        public boolean generatorReadsRealScores() {
            return true;
        }
    }

    /** The reference loss with R1, correct. */
    static class WithPenalty extends Reference {
        @Override
        public List<GradientPenalty> gradientPenalties() {
            return List.of(GradientPenalties.r1(10, 1));
        }
    }

    /** A penalty whose gradient misses the 1/batch factor of its mean. */
    static final class SummingPenalty implements GradientPenalty {
        private final GradientPenalty r1 = GradientPenalties.r1(10, 1);

        @Override
        public String name() {
            return "summing";
        }

        @Override
        public Samples samples() {
            return Samples.REAL;
        }

        @Override
        public Result evaluate(INDArray g) {
            Result r = r1.evaluate(g);
            return new Result(r.value(), r.gradient().mul(g.size(0)));
        }

        @Override
        public String toString() {
            return name();
        }
    }
}

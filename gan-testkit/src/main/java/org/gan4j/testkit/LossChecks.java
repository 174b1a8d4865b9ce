package org.gan4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.api.spi.GradientPenalty;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossContext;
import org.gan4j.api.spi.LossResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loss contract as static assertions, usable from any test framework (each throws an
 * {@link AssertionError} naming the loss and what broke). {@link LossContract} runs them all as
 * JUnit 5 tests.
 *
 * <p>The contract, from {@link Loss}: the loss receives the discriminator's raw scores
 * ({@code [batch, 1]}), returns the value to minimise as a mean over the batch and its gradients
 * with respect to the scores (so they carry a {@code 1/batch} factor), keeps the scores' shape and
 * type, leaves its inputs alone, stays finite however large the scores, and lowers the
 * discriminator's loss when it separates real from generated samples better (and the generator's
 * when its samples score higher).
 *
 * <p>The checks call the loss as the trainer does: the forms with a {@link LossContext} (a fresh
 * one, in the loss's {@link Loss#initialState initial state}, for each call unless said otherwise),
 * and the generator's with the real scores when the loss {@link Loss#generatorReadsRealScores()
 * reads them} (relativistic losses), {@code null} otherwise.
 */
public final class LossChecks {

    private LossChecks() {
    }

    /** The discriminator's loss as the trainer calls it, from the loss's initial state. */
    static LossResult discriminator(Loss loss, INDArray real, INDArray fake) {
        return loss.discriminatorLoss(real, fake, LossContext.initial(loss));
    }

    /** The generator's loss as the trainer calls it (real scores only if the loss reads them), from the initial state. */
    static LossResult generator(Loss loss, INDArray real, INDArray fake) {
        return generator(loss, real, fake, LossContext.initial(loss));
    }

    /**
     * The generator's loss as the trainer calls it: {@code null} real scores unless the loss declares
     * that it reads them. A loss that reads them anyway usually fails with a NullPointerException in
     * its own code; that becomes an assertion saying what to declare.
     */
    static LossResult generator(Loss loss, INDArray real, INDArray fake, LossContext context) {
        boolean reads = loss.generatorReadsRealScores();
        try {
            return loss.generatorLoss(reads ? real : null, fake, context);
        } catch (NullPointerException e) {
            if (reads) {
                throw e;
            }
            throw new AssertionError(loss + ": its generator loss failed on the null real scores the trainer passes when "
                    + "generatorReadsRealScores() is false (" + e.getMessage() + "); a loss that reads real scores in the "
                    + "generator step must declare generatorReadsRealScores()", e);
        }
    }

    /**
     * The discriminator's two gradients and the generator's equal central finite differences of their
     * values (the generator's real gradient too when it returns one).
     */
    public static void gradientsMatchFiniteDifferences(Loss loss, double[] real, double[] fake, double step, double tolerance) {
        INDArray r = Scores.of(real);
        INDArray f = Scores.of(fake);
        LossResult d = discriminator(loss, r, f);
        assertThat(d.realGradient().toDoubleVector())
                .as("%s: discriminatorLoss's realGradient against finite differences of its value", loss)
                .containsExactly(FiniteDifferences.gradient(x -> discriminator(loss, x, f).value(), r, step), within(tolerance));
        assertThat(d.fakeGradient().toDoubleVector())
                .as("%s: discriminatorLoss's fakeGradient against finite differences of its value", loss)
                .containsExactly(FiniteDifferences.gradient(x -> discriminator(loss, r, x).value(), f, step), within(tolerance));
        LossResult g = generator(loss, r, f);
        assertThat(g.fakeGradient().toDoubleVector())
                .as("%s: generatorLoss's fakeGradient against finite differences of its value", loss)
                .containsExactly(FiniteDifferences.gradient(x -> generator(loss, r, x).value(), f, step), within(tolerance));
        if (g.realGradient() != null && loss.generatorReadsRealScores()) {
            assertThat(g.realGradient().toDoubleVector())
                    .as("%s: generatorLoss's realGradient against finite differences of its value", loss)
                    .containsExactly(FiniteDifferences.gradient(x -> generator(loss, x, f).value(), r, step), within(tolerance));
        }
    }

    /**
     * Scores of {@code ±extreme}, {@code ±extreme/10} and 0, in double and in float, real and fake
     * alike: every value, gradient and {@link Loss#meanOutput} is finite. A loss written as
     * {@code log(sigmoid(s))} fails here (it overflows to infinity or NaN from about |s| = 710 in
     * double, 90 in float); write it with softplus.
     */
    public static void finiteOnExtremeScores(Loss loss, double extreme) {
        double[] values = {extreme, -extreme, extreme / 10, -extreme / 10, 0};
        double[] reversed = {-extreme, extreme, -extreme / 10, extreme / 10, 0};
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray real = Scores.of(type, values);
            INDArray fake = Scores.of(type, reversed);
            LossResult d = discriminator(loss, real, fake);
            LossResult g = generator(loss, real, fake);
            String what = loss + " on " + type + " scores of ±" + extreme + ", ±" + extreme / 10 + " and 0";
            assertThat(d.value()).as("%s: discriminator value", what).isFinite();
            assertThat(g.value()).as("%s: generator value", what).isFinite();
            assertFinite(d.realGradient(), what + ": discriminator realGradient");
            assertFinite(d.fakeGradient(), what + ": discriminator fakeGradient");
            assertFinite(g.fakeGradient(), what + ": generator fakeGradient");
            assertThat(loss.meanOutput(real)).as("%s: meanOutput", what).isFinite();
        }
    }

    /**
     * The value is a mean: the same batch twice over gives the same value and each score's gradient
     * halves (a loss that sums instead of averaging would make the learning rate depend on the batch size).
     */
    public static void independentOfBatchSize(Loss loss, double[] real, double[] fake) {
        LossResult d1 = discriminator(loss, Scores.of(real), Scores.of(fake));
        LossResult d2 = discriminator(loss, Scores.of(Scores.twice(real)), Scores.of(Scores.twice(fake)));
        LossResult g1 = generator(loss, Scores.of(real), Scores.of(fake));
        LossResult g2 = generator(loss, Scores.of(Scores.twice(real)), Scores.of(Scores.twice(fake)));
        assertThat(d2.value()).as("%s: discriminator value of a batch repeated twice (the value must be a mean)", loss)
                .isCloseTo(d1.value(), within(1e-12 * Math.max(1, Math.abs(d1.value()))));
        assertThat(g2.value()).as("%s: generator value of a batch repeated twice (the value must be a mean)", loss)
                .isCloseTo(g1.value(), within(1e-12 * Math.max(1, Math.abs(g1.value()))));
        assertHalved(d1.realGradient(), d2.realGradient(), loss + ": discriminator realGradient of a batch repeated twice");
        assertHalved(d1.fakeGradient(), d2.fakeGradient(), loss + ": discriminator fakeGradient of a batch repeated twice");
        assertHalved(g1.fakeGradient(), g2.fakeGradient(), loss + ": generator fakeGradient of a batch repeated twice");
    }

    /**
     * Where the discriminator cannot tell real from generated ({@code undecided} scores for both), its
     * gradient pushes real scores up (negative) and generated ones down (positive), and the
     * generator's pushes generated ones up (negative); moving real scores up by {@code margin} and
     * generated ones down by it lowers the discriminator's loss, and raising the generated ones
     * lowers the generator's. Scores mean "real" when high, whatever their scale.
     */
    public static void signConventions(Loss loss, double undecided, double margin) {
        int n = 4;
        INDArray undecidedReal = Scores.constant(n, undecided);
        LossResult d = discriminator(loss, undecidedReal, Scores.constant(n, undecided));
        LossResult g = generator(loss, undecidedReal, Scores.constant(n, undecided));
        String at = " at undecided scores " + undecided;
        for (int i = 0; i < n; i++) {
            assertThat(d.realGradient().getDouble(i)).as("%s: discriminator realGradient%s must be negative (push D(x) up)", loss, at).isNegative();
            assertThat(d.fakeGradient().getDouble(i)).as("%s: discriminator fakeGradient%s must be positive (push D(G(z)) down)", loss, at).isPositive();
            assertThat(g.fakeGradient().getDouble(i)).as("%s: generator fakeGradient%s must be negative (push D(G(z)) up)", loss, at).isNegative();
        }
        double separated = discriminator(loss, Scores.constant(n, undecided + margin), Scores.constant(n, undecided - margin)).value();
        assertThat(separated).as("%s: discriminator value when it separates real (%s) from fake (%s) must be below its value%s",
                loss, undecided + margin, undecided - margin, at).isLessThan(d.value());
        double fooling = generator(loss, undecidedReal, Scores.constant(n, undecided + margin)).value();
        assertThat(fooling).as("%s: generator value when its samples score %s must be below its value%s", loss, undecided + margin, at)
                .isLessThan(g.value());
    }

    /**
     * Gradients have the scores' shape and data type (float scores give float gradients), a generator
     * loss has no real gradient unless it reads the real scores, and neither call modifies its inputs.
     */
    public static void shapesTypesAndInputs(Loss loss, double[] real, double[] fake) {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray r = Scores.of(type, real);
            INDArray f = Scores.of(type, fake);
            LossResult d = discriminator(loss, r, f);
            LossResult g = generator(loss, r, f);
            loss.meanOutput(r);
            assertSameShapeAndType(d.realGradient(), r, loss + ": discriminator realGradient");
            assertSameShapeAndType(d.fakeGradient(), f, loss + ": discriminator fakeGradient");
            assertSameShapeAndType(g.fakeGradient(), f, loss + ": generator fakeGradient");
            if (loss.generatorReadsRealScores() && g.realGradient() != null) {
                assertSameShapeAndType(g.realGradient(), r, loss + ": generator realGradient");
            } else {
                assertThat(g.realGradient()).as("%s: the realGradient of a generator loss that does not read real scores must be null",
                        loss).isNull();
            }
            assertThat(d.realGradient()).as("%s: the gradients must be new arrays, not the scores", loss).isNotSameAs(r);
            assertThat(r.toDoubleVector()).as("%s modified the real scores it was given", loss)
                    .containsExactly(Scores.of(type, real).toDoubleVector());
            assertThat(f.toDoubleVector()).as("%s modified the fake scores it was given", loss)
                    .containsExactly(Scores.of(type, fake).toDoubleVector());
        }
    }

    /**
     * A loss that does not declare {@link Loss#generatorReadsRealScores()} gets {@code null} real
     * scores in the generator step, and its value must not depend on them; one that declares it
     * must use them (else it costs a discriminator forward for nothing).
     */
    public static void generatorReadsRealScoresOnlyIfItSaysSo(Loss loss, double[] real, double[] fake) {
        INDArray f = Scores.of(fake);
        INDArray shifted = Scores.of(real).addi(0.5);
        if (!loss.generatorReadsRealScores()) {
            double withNull = generator(loss, null, f).value();
            double withReal = loss.generatorLoss(shifted, f, LossContext.initial(loss)).value();
            assertThat(withReal).as("%s: its generator loss changes with the real scores, but generatorReadsRealScores() is false "
                    + "(the trainer would pass null): declare it", loss).isEqualTo(withNull);
        } else {
            double a = loss.generatorLoss(Scores.of(real), f, LossContext.initial(loss)).value();
            double b = loss.generatorLoss(shifted, f, LossContext.initial(loss)).value();
            assertThat(b).as("%s: generatorReadsRealScores() is true but its generator loss does not change with the real scores",
                    loss).isNotEqualTo(a);
        }
    }

    /**
     * The loss keeps its state in the context and nowhere else: the same steps from the initial
     * state give the same values twice, and a run continued from a copy of the state after some
     * steps (what a checkpoint holds) gives the values the uninterrupted run gives.
     */
    public static void stateLivesInTheContext(Loss loss, double[] real, double[] fake) {
        assertThat(loss.stateSize()).as("%s: stateSize", loss).isNotNegative();
        LossContext first = LossContext.initial(loss);
        assertThat(first.state().length()).as("%s: initial state length", loss).isEqualTo(loss.stateSize());
        List<Double> once = steps(loss, first, real, fake, 0, 6);
        List<Double> again = steps(loss, LossContext.initial(loss), real, fake, 0, 6);
        assertThat(again).as("%s: the same steps from the initial state must give the same values (state kept outside the "
                + "LossContext would not be saved by checkpoints)", loss).isEqualTo(once);
        LossContext interrupted = LossContext.initial(loss);
        steps(loss, interrupted, real, fake, 0, 3);
        LossContext resumed = LossContext.of(interrupted.state().dup(), 3);
        assertThat(steps(loss, resumed, real, fake, 3, 6)).as("%s: steps continued from a copy of the state", loss)
                .isEqualTo(once.subList(6, 12));
        for (double v : first.state().toDoubleVector()) {
            assertThat(v).as("%s: state after six steps", loss).isFinite();
        }
    }

    /** Discriminator and generator values of iterations {@code from} to {@code to} (exclusive), on scores that move. */
    private static List<Double> steps(Loss loss, LossContext context, double[] real, double[] fake, int from, int to) {
        List<Double> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            LossContext at = LossContext.of(context.state(), i);
            INDArray r = Scores.of(real).addi(0.1 * i);
            INDArray f = Scores.of(fake).subi(0.1 * i);
            values.add(loss.discriminatorLoss(r, f, at).value());
            values.add(generator(loss, r, f, at).value());
        }
        return values;
    }

    /** Every penalty the loss declares passes {@link GradientPenaltyChecks#all}. */
    public static void gradientPenaltiesPassTheirContract(Loss loss) {
        for (GradientPenalty penalty : loss.gradientPenalties()) {
            GradientPenaltyChecks.all(penalty);
        }
    }

    private static void assertFinite(INDArray a, String what) {
        assertThat(a).as("%s is null", what).isNotNull();
        for (double v : a.toDoubleVector()) {
            assertThat(v).as("%s", what).isFinite();
        }
    }

    private static void assertHalved(INDArray once, INDArray twice, String what) {
        double[] a = once.toDoubleVector();
        double[] b = twice.toDoubleVector();
        assertThat(b).as("%s: length", what).hasSize(2 * a.length);
        for (int i = 0; i < b.length; i++) {
            double expected = a[i % a.length] / 2;
            assertThat(b[i]).as("%s: element %d must be half the single batch's", what, i)
                    .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
        }
    }

    private static void assertSameShapeAndType(INDArray gradient, INDArray scores, String what) {
        assertThat(gradient).as("%s is null", what).isNotNull();
        assertThat(gradient.shape()).as("%s: shape", what).containsExactly(scores.shape());
        assertThat(gradient.dataType()).as("%s: data type", what).isEqualTo(scores.dataType());
    }
}

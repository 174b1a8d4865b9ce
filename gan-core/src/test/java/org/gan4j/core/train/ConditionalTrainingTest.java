package org.gan4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.api.train.SampleSource;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.optim.SgdSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The trainer with labels: each step's parameter update against a numerical gradient of the loss
 * written out here (real labels to D, drawn labels to G and D, AC-GAN's cross-entropy on both), the
 * label draws' frequencies, and the one-row-per-class sample grid.
 */
class ConditionalTrainingTest {

    static final long SEED = 11;
    static final double LR = 0.05;
    static final int CLASSES = 3;
    static final INDArray REAL = Nd4j.create(new double[][] {{1.2, -0.7}, {0.8, -1.1}, {1.0, -0.9}, {1.3, -1.2}});
    static final int[] REAL_LABELS = {2, 0, 1, 2};

    static Generator generator(long seed) {
        return Generator.of(Sequential.builder(3).conditionConcat(CLASSES, 2).dense(2).build(DataType.DOUBLE, seed), LatentNoise.NORMAL);
    }

    static Discriminator projection(long seed) {
        return Discriminator.of(Sequential.builder(2).conditionConcat(CLASSES, 2).dense(4).tanh().projection(CLASSES)
                .build(DataType.DOUBLE, seed));
    }

    static Discriminator auxiliary(long seed) {
        return Discriminator.withAuxiliaryClassifier(Sequential.builder(2).dense(4).tanh().dense(1 + CLASSES)
                .build(DataType.DOUBLE, seed), CLASSES);
    }

    /** A dataset whose labels are 0, 0, 1, 2 over and over (so "data" frequencies are 1/2, 1/4, 1/4). */
    static Fakes.LabelledToyDataset data() {
        return new Fakes.LabelledToyDataset(new long[] {2}, 40, 3, CLASSES, 0, 0, 1, 2);
    }

    static Trainer.Builder trainer(Generator g, Discriminator d, int dSteps, int gSteps, double weight) {
        return Trainer.builder().generator(g).discriminator(d).loss(new Fakes.Bce()).schedule(new Fakes.Schedule(4, 1, 1, dSteps, gSteps))
                .generatorOptimizer(new SgdSpec(LR).create(g.parameters()))
                .discriminatorOptimizer(new SgdSpec(LR).create(d.parameters()))
                .dataset(data()).seed(SEED).sampleCount(6).conditioning(false, weight).batches(fixed());
    }

    /** Always the batch {@link #REAL} with labels {@link #REAL_LABELS}. */
    static RealBatches.Factory fixed() {
        return (data, size, seed, type) -> new RealBatches() {
            @Override
            public int batchesPerEpoch() {
                return 1;
            }

            @Override
            public INDArray next() {
                return REAL.castTo(type);
            }

            @Override
            public INDArray condition() {
                return Condition.classes(CLASSES).oneHot(REAL_LABELS, type);
            }
        };
    }

    /** Iteration 0's noise and generator labels, drawn as the trainer draws them. */
    static INDArray[] iterationZero(Generator g, Discriminator d) {
        INDArray z = Nd4j.create(DataType.DOUBLE, 4, 3);
        g.noise().sample(z, Nd4j.getRandomFactory().getNewRandomInstance(Seeds.derive(SEED, "noise", 0)));
        Labels labels = Labels.of(data(), g, d, false, 4, DataType.DOUBLE);
        labels.reseed(Seeds.derive(SEED, "labels", 0));
        return new INDArray[] {z, labels.draw().dup()};
    }

    @Test
    void aProjectionDiscriminatorStepFollowsTheGradientOfTheLossWithRealAndDrawnLabels() {
        Generator g = generator(1);
        Discriminator d = projection(2);
        INDArray d0 = d.parameters().values().dup();
        INDArray[] zc = iterationZero(g, d);
        INDArray fake = g.newPass().forward(zc[0], zc[1], true).dup();
        INDArray realLabels = Condition.classes(CLASSES).oneHot(REAL_LABELS, DataType.DOUBLE);
        trainer(g, d, 1, 0, 1).build().run();

        INDArray numeric = numericalGradient(d0, p -> {
            Discriminator probe = projection(0);
            probe.parameters().values().assign(p);
            return new Fakes.Bce().discriminatorLoss(probe.newPass().forward(REAL, realLabels, true),
                    probe.newPass().forward(fake, zc[1], true)).value();
        });
        assertThat(maxAbsDiff(d0.sub(d.parameters().values()).divi(LR), numeric)).isLessThan(1e-7);
        // the drawn labels follow the data's frequencies, so they are not the real ones
        assertThat(zc[1]).isNotEqualTo(realLabels);
    }

    @Test
    void anAuxiliaryClassifierAddsItsCrossEntropyOnRealAndGeneratedSamplesToTheDiscriminatorsLoss() {
        Generator g = generator(1);
        Discriminator d = auxiliary(2);
        INDArray d0 = d.parameters().values().dup();
        INDArray[] zc = iterationZero(g, d);
        INDArray fake = g.newPass().forward(zc[0], zc[1], true).dup();
        INDArray realLabels = Condition.classes(CLASSES).oneHot(REAL_LABELS, DataType.DOUBLE);
        double weight = 0.7;
        List<Double> losses = new ArrayList<>();
        trainer(g, d, 1, 0, weight).listeners(List.of(new TrainingListener() {
            @Override
            public void onIteration(org.gan4j.api.train.IterationStats s) {
                losses.add(s.dLoss());
            }
        })).build().run();

        ToDoubleFunction<INDArray> loss = p -> {
            Discriminator probe = auxiliary(0);
            probe.parameters().values().assign(p);
            INDArray real = probe.newPass().forward(REAL, true);
            INDArray generated = probe.newPass().forward(fake, true);
            return new Fakes.Bce().discriminatorLoss(score(real), score(generated)).value()
                    + weight * (crossEntropy(real, realLabels) + crossEntropy(generated, zc[1]));
        };
        INDArray numeric = numericalGradient(d0, loss);
        assertThat(maxAbsDiff(d0.sub(d.parameters().values()).divi(LR), numeric)).isLessThan(1e-7);
        assertThat(losses.get(0)).isCloseTo(loss.applyAsDouble(d0), org.assertj.core.data.Offset.offset(1e-12));
    }

    /** The test loss with gradient penalties. */
    static final class PenalisedBce extends Fakes.Bce {
        final List<org.gan4j.api.spi.GradientPenalty> penalties;

        PenalisedBce(org.gan4j.api.spi.GradientPenalty... penalties) {
            this.penalties = List.of(penalties);
        }

        @Override
        public List<org.gan4j.api.spi.GradientPenalty> gradientPenalties() {
            return penalties;
        }
    }

    /** The input gradient of column 0 of {@code d}'s output (its score) at {@code x} read with {@code condition}, per sample. */
    static INDArray scoreGradient(Discriminator d, INDArray x, INDArray condition) {
        org.gan4j.api.nn.Pass pass = d.newPass();
        INDArray out = pass.forward(x, condition, true);
        INDArray seed = Nd4j.zeros(DataType.DOUBLE, out.shape());
        seed.getColumn(0).assign(1);
        return pass.backward(seed, false, true).dup();
    }

    /**
     * R1 at the real samples (read with their labels) and R2 at the generated ones (with the labels
     * drawn for them) on a projection discriminator: the step follows the numerical gradient of the
     * loss plus both penalties, each computed from the input gradient of the labelled score.
     */
    @Test
    void gradientPenaltiesOnAProjectionDiscriminatorReadTheSamplesLabels() {
        Generator g = generator(1);
        Discriminator d = projection(2);
        INDArray d0 = d.parameters().values().dup();
        INDArray[] zc = iterationZero(g, d);
        INDArray fake = g.newPass().forward(zc[0], zc[1], true).dup();
        INDArray realLabels = Condition.classes(CLASSES).oneHot(REAL_LABELS, DataType.DOUBLE);
        org.gan4j.api.spi.GradientPenalty r1 = org.gan4j.api.spi.GradientPenalties.r1(2, 1);
        org.gan4j.api.spi.GradientPenalty r2 = org.gan4j.api.spi.GradientPenalties.r2(3, 1);
        trainer(g, d, 1, 0, 1).loss(new PenalisedBce(r1, r2)).build().run();

        INDArray numeric = numericalGradient(d0, p -> {
            Discriminator probe = projection(0);
            probe.parameters().values().assign(p);
            return new Fakes.Bce().discriminatorLoss(probe.newPass().forward(REAL, realLabels, true),
                    probe.newPass().forward(fake, zc[1], true)).value()
                    + r1.evaluate(scoreGradient(probe, REAL, realLabels)).value()
                    + r2.evaluate(scoreGradient(probe, fake, zc[1])).value();
        });
        INDArray step = d0.sub(d.parameters().values()).divi(LR);
        assertThat(maxAbsDiff(step, numeric)).isLessThan(1e-6);
        // the penalties matter: without them the step differs
        Discriminator plain = projection(2);
        trainer(generator(1), plain, 1, 0, 1).build().run();
        assertThat(maxAbsDiff(d0.sub(plain.parameters().values()).divi(LR), numeric)).isGreaterThan(1e-4);
    }

    /** R1 on an AC-GAN discriminator penalises the input gradient of its score, not of its class logits. */
    @Test
    void aGradientPenaltyOnAnAuxiliaryClassifierIsOnTheScoreAlone() {
        Generator g = generator(1);
        Discriminator d = auxiliary(2);
        INDArray d0 = d.parameters().values().dup();
        INDArray[] zc = iterationZero(g, d);
        INDArray fake = g.newPass().forward(zc[0], zc[1], true).dup();
        INDArray realLabels = Condition.classes(CLASSES).oneHot(REAL_LABELS, DataType.DOUBLE);
        org.gan4j.api.spi.GradientPenalty r1 = org.gan4j.api.spi.GradientPenalties.r1(2, 1);
        double weight = 0.7;
        trainer(g, d, 1, 0, weight).loss(new PenalisedBce(r1)).build().run();

        INDArray numeric = numericalGradient(d0, p -> {
            Discriminator probe = auxiliary(0);
            probe.parameters().values().assign(p);
            INDArray real = probe.newPass().forward(REAL, true);
            INDArray generated = probe.newPass().forward(fake, true);
            return new Fakes.Bce().discriminatorLoss(score(real), score(generated)).value()
                    + weight * (crossEntropy(real, realLabels) + crossEntropy(generated, zc[1]))
                    + r1.evaluate(scoreGradient(probe, REAL, null)).value();
        });
        assertThat(maxAbsDiff(d0.sub(d.parameters().values()).divi(LR), numeric)).isLessThan(1e-6);
    }

    @Test
    void theGeneratorStepOfAnAcGanAddsTheCrossEntropyOfItsSamplesAgainstTheRequestedClasses() {
        Generator g = generator(1);
        Discriminator d = auxiliary(2);
        INDArray g0 = g.parameters().values().dup();
        INDArray d0 = d.parameters().values().dup();
        INDArray[] zc = iterationZero(g, d);
        double weight = 1.3;
        trainer(g, d, 0, 1, weight).build().run();

        assertThat(d.parameters().values()).isEqualTo(d0);
        INDArray numeric = numericalGradient(g0, p -> {
            Generator probe = generator(0);
            probe.parameters().values().assign(p);
            INDArray out = d.newPass().forward(probe.newPass().forward(zc[0], zc[1], true), true);
            return new Fakes.Bce().generatorLoss(score(out)).value() + weight * crossEntropy(out, zc[1]);
        });
        assertThat(maxAbsDiff(g0.sub(g.parameters().values()).divi(LR), numeric)).isLessThan(1e-7);
    }

    @Test
    void generatorLabelsFollowTheDataOrAreUniform() {
        Generator g = generator(1);
        Discriminator d = projection(2);
        for (boolean uniform : new boolean[] {false, true}) {
            Labels labels = Labels.of(data(), g, d, uniform, 50, DataType.DOUBLE);
            double[] counts = new double[CLASSES];
            for (int it = 0; it < 200; it++) {
                labels.reseed(Seeds.derive(SEED, "labels", it));
                INDArray drawn = labels.draw();
                assertThat(drawn.sum(1).toDoubleVector()).containsOnly(1.0); // one-hot rows
                double[] perClass = drawn.sum(0).toDoubleVector();
                for (int k = 0; k < CLASSES; k++) {
                    counts[k] += perClass[k] / 10_000;
                }
            }
            double[] expected = uniform ? new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0} : new double[] {0.5, 0.25, 0.25};
            for (int k = 0; k < CLASSES; k++) {
                assertThat(counts[k]).as("uniform %s, class %d", uniform, k).isCloseTo(expected[k], org.assertj.core.data.Offset.offset(0.02));
            }
        }
        // the same iteration draws the same labels: nothing for a checkpoint to carry
        Labels a = Labels.of(data(), g, d, false, 50, DataType.DOUBLE);
        a.reseed(Seeds.derive(SEED, "labels", 7));
        INDArray first = a.draw().dup();
        a.draw();
        a.reseed(Seeds.derive(SEED, "labels", 7));
        assertThat(a.draw()).isEqualTo(first);
    }

    @Test
    void theSampleGridHasOneRowPerClassAndOneNoiseVectorPerColumn() {
        Generator g = generator(1);
        Discriminator d = projection(2);
        List<INDArray> grids = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        trainer(g, d, 1, 1, 1).sampleCount(7).listeners(List.of(new TrainingListener() {
            @Override
            public void onEnd(TrainingResult result, SampleSource samples) {
                grids.add(samples.samples().dup());
                columns.add(samples.columns());
            }
        })).build().run();

        assertThat(columns).containsExactly(3); // ceil(7 / 3 classes)
        INDArray grid = grids.get(0);
        assertThat(grid.shape()).containsExactly(9, 2);
        // G is linear in z and in the label's embedding: the difference between two classes is the
        // same in every column (one noise vector per column), the difference between columns the same in every row.
        INDArray classStep = grid.getRow(3).sub(grid.getRow(0));
        INDArray columnStep = grid.getRow(1).sub(grid.getRow(0));
        for (int c = 0; c < 3; c++) {
            assertThat(maxAbsDiff(grid.getRow(3 + c).sub(grid.getRow(c)), classStep)).isLessThan(1e-12);
            assertThat(maxAbsDiff(grid.getRow(6 + c).sub(grid.getRow(3 + c)), grid.getRow(6).sub(grid.getRow(3)))).isLessThan(1e-12);
        }
        for (int r = 0; r < 3; r++) {
            assertThat(maxAbsDiff(grid.getRow(3 * r + 1).sub(grid.getRow(3 * r)), columnStep)).isLessThan(1e-12);
        }
        assertThat(classStep.norm2Number().doubleValue()).isGreaterThan(1e-6);
        assertThat(columnStep.norm2Number().doubleValue()).isGreaterThan(1e-6);
    }

    @Test
    void networksReadingADifferentConditionThanTheDataHasAreABug() {
        Generator g = Generator.of(Sequential.builder(3).conditionConcat(4, 2).dense(2).build(DataType.DOUBLE, 1), LatentNoise.NORMAL);
        assertThatThrownBy(() -> Labels.of(data(), g, projection(2), false, 4, DataType.DOUBLE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("width 4").hasMessageContaining("3 classes");
        assertThat(Labels.of(data(), new Fakes.LinearGenerator(3, new long[] {2}, DataType.DOUBLE, 1),
                new Fakes.LinearDiscriminator(new long[] {2}, DataType.DOUBLE, 1), false, 4, DataType.DOUBLE)).isSameAs(Labels.NONE);
    }

    /** Column 0 of a [batch, 1 + K] output, as [batch, 1]. */
    static INDArray score(INDArray out) {
        return out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1)).dup();
    }

    /** Mean softmax cross-entropy of the logits in columns 1.. against one-hot rows, written out. */
    static double crossEntropy(INDArray out, INDArray oneHot) {
        INDArray logits = out.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + CLASSES)).dup();
        INDArray logSumExp = Transforms.log(Transforms.exp(logits, true).sum(true, 1), false);
        INDArray logSoftmax = logits.subColumnVector(logSumExp);
        return -logSoftmax.mul(oneHot).sumNumber().doubleValue() / out.size(0);
    }

    static INDArray numericalGradient(INDArray at, ToDoubleFunction<INDArray> f) {
        INDArray grad = Nd4j.create(DataType.DOUBLE, at.length());
        double h = 1e-6;
        for (int i = 0; i < at.length(); i++) {
            INDArray plus = at.dup();
            plus.putScalar(i, at.getDouble(i) + h);
            INDArray minus = at.dup();
            minus.putScalar(i, at.getDouble(i) - h);
            grad.putScalar(i, (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h));
        }
        return grad;
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b.reshape(a.shape())), false).maxNumber().doubleValue();
    }
}

package org.gan4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.nn.BatchNorm2d;
import org.gan4j.api.nn.Dense;
import org.gan4j.api.nn.Sequential;
import org.gan4j.core.optim.AdamSpec;
import org.gan4j.core.optim.SgdSpec;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.GradientPenalties;
import org.gan4j.api.spi.GradientPenalty;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossContext;
import org.gan4j.api.spi.LossResult;
import org.gan4j.api.train.IterationStats;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.core.train.Fakes.LinearGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The trainer with Loss SPI v2: gradient penalties, real scores in the generator step, loss state in checkpoints. */
class TrainerLossV2Test {

    @TempDir
    Path dir;

    /** Every sample is (1, -1). */
    static final class ConstantData implements Dataset {
        @Override
        public long[] sampleShape() {
            return new long[] {2};
        }

        @Override
        public int size() {
            return 16;
        }

        @Override
        public void fill(int[] indices, int from, int count, INDArray out) {
            for (int i = 0; i < count; i++) {
                out.slice(i).assign(Nd4j.createFromArray(1.0, -1.0).castTo(out.dataType()));
            }
        }

        @Override
        public List<Path> files() {
            return List.of();
        }

        @Override
        public String description() {
            return "(1, -1) 16 times";
        }
    }

    /** The Wasserstein critic loss with the given penalties and an optional spy on the generator's real scores. */
    static class Critic implements Loss {
        final List<GradientPenalty> penalties;
        final List<INDArray> generatorRealScores = new ArrayList<>();
        boolean readsReal;

        Critic(GradientPenalty... penalties) {
            this.penalties = List.of(penalties);
        }

        @Override
        public LossResult discriminatorLoss(INDArray real, INDArray fake) {
            return new LossResult(fake.meanNumber().doubleValue() - real.meanNumber().doubleValue(),
                    Nd4j.valueArrayOf(real.shape(), -1.0 / real.size(0), real.dataType()),
                    Nd4j.valueArrayOf(fake.shape(), 1.0 / fake.size(0), fake.dataType()));
        }

        @Override
        public LossResult generatorLoss(INDArray real, INDArray fake, LossContext context) {
            if (readsReal) {
                generatorRealScores.add(real.dup());
            }
            return new LossResult(-fake.meanNumber().doubleValue(), null, Nd4j.valueArrayOf(fake.shape(), -1.0 / fake.size(0), fake.dataType()));
        }

        @Override
        public boolean generatorReadsRealScores() {
            return readsReal;
        }

        @Override
        public List<GradientPenalty> gradientPenalties() {
            return penalties;
        }
    }

    /** Counts a moving average of the mean real score and the steps in its state (two values). */
    static final class Stateful extends Critic {
        Stateful(GradientPenalty... penalties) {
            super(penalties);
        }

        @Override
        public int stateSize() {
            return 2;
        }

        @Override
        public void initialState(INDArray state) {
            state.putScalar(0, 0.5);
        }

        @Override
        public LossResult discriminatorLoss(INDArray real, INDArray fake, LossContext context) {
            INDArray s = context.state();
            s.putScalar(0, 0.9 * s.getDouble(0) + 0.1 * real.meanNumber().doubleValue());
            s.putScalar(1, s.getDouble(1) + 1);
            LossResult r = discriminatorLoss(real, fake);
            return new LossResult(r.value() + s.getDouble(0), r.realGradient(), r.fakeGradient());
        }
    }

    private static LinearGenerator constantGenerator(double... sample) {
        LinearGenerator g = new LinearGenerator(3, new long[] {2}, DataType.DOUBLE, 1);
        g.w.value().assign(0);
        g.b.value().assign(Nd4j.createFromArray(sample).reshape(1, 2));
        return g;
    }

    private static Trainer.Builder trainer(LinearGenerator g, Discriminator d, Loss loss, Dataset data, Fakes.Schedule schedule,
                                           double lr) {
        return Trainer.builder().generator(g).discriminator(d).loss(loss).schedule(schedule)
                .generatorOptimizer(new SgdSpec(lr).create(g.parameters()))
                .discriminatorOptimizer(new SgdSpec(lr).create(d.parameters()))
                .dataset(data).seed(3).sampleCount(2);
    }

    /**
     * A linear critic {@code D(x) = x·w + b} has {@code ∇ₓD = w} at every interpolate, so one SGD
     * step on the critic loss plus WGAN-GP's penalty moves {@code w} by
     * {@code -lr (mean G(z) - mean x + 2λ(‖w‖ - 1) w / ‖w‖)} and leaves {@code b}.
     */
    @Test
    void oneCriticStepWithTheWganGpPenaltyIsTheClosedForm() {
        Sequential critic = Sequential.builder(2).dense(1).build(DataType.DOUBLE, 4);
        Dense dense = (Dense) critic.layers().get(0);
        dense.weight().value().assign(Nd4j.createFromArray(0.3, 0.4).reshape(2, 1)); // ‖w‖ = 0.5
        double b = dense.bias().value().getDouble(0);
        LinearGenerator g = constantGenerator(-2.0, 3.0);
        double lr = 0.1;
        double lambda = 10;
        trainer(g, Discriminator.of(critic), new Critic(GradientPenalties.wganGp(lambda)), new ConstantData(),
                new Fakes.Schedule(8, 0, 1, 1, 0), lr).build().run();
        // mean G(z) - mean x = (-3, 4); penalty gradient 2*10*(0.5 - 1)/0.5 * w = -20 w = (-6, -8)
        assertThat(dense.weight().value().reshape(2).toDoubleVector())
                .containsExactly(new double[] {0.3 - lr * (-3 - 6), 0.4 - lr * (4 - 8)}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(dense.bias().value().getDouble(0)).isEqualTo(b);
    }

    /** A penalty that records at which calls it ran. */
    static class Spy implements GradientPenalty {
        final GradientPenalty inner;
        int calls;

        Spy(GradientPenalty inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Samples samples() {
            return inner.samples();
        }

        @Override
        public int interval() {
            return inner.interval();
        }

        @Override
        public Result evaluate(INDArray g) {
            calls++;
            return inner.evaluate(g);
        }
    }

    @Test
    void aLazyPenaltyRunsEveryKthDiscriminatorStepScaledByK() {
        Sequential critic = Sequential.builder(2).dense(1).build(DataType.DOUBLE, 4);
        Dense dense = (Dense) critic.layers().get(0);
        dense.weight().value().assign(Nd4j.createFromArray(0.3, 0.4).reshape(2, 1));
        Spy r1 = new Spy(GradientPenalties.r1(2, 3));
        List<Double> dLoss = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void onIteration(IterationStats s) {
                dLoss.add(s.dLoss());
            }
        };
        // lr 0: the critic stays put, so each step's loss is the same but for the penalty.
        trainer(constantGenerator(-2.0, 3.0), Discriminator.of(critic), new Critic(r1), new ConstantData(),
                new Fakes.Schedule(8, 0, 7, 1, 1), 0).listeners(List.of(record)).build().run();
        assertThat(r1.calls).isEqualTo(3); // discriminator steps 0, 3 and 6
        double plain = dLoss.get(1);
        // R1 with γ 2 at g = w: γ/2 ‖w‖² = 0.25, times the interval 3
        assertThat(dLoss.get(0) - plain).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(dLoss.get(3) - plain).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(dLoss.get(2)).isEqualTo(plain);
    }

    @Test
    void aLossReadingRealScoresGetsTheLastRealBatchScoredByTheUpdatedDiscriminator() {
        Sequential critic = Sequential.builder(2).dense(3).tanh().dense(1).build(DataType.DOUBLE, 4);
        Critic loss = new Critic();
        loss.readsReal = true;
        trainer(constantGenerator(-2.0, 3.0), Discriminator.of(critic), loss, new ConstantData(), new Fakes.Schedule(8, 0, 2, 2, 1), 0.05)
                .build().run();
        assertThat(loss.generatorRealScores).hasSize(2);
        INDArray expected = critic.newPass().forward(Nd4j.createFromArray(new double[][] {{1, -1}}).repeat(0, 8), true);
        assertThat(loss.generatorRealScores.get(1)).isEqualTo(expected);
        assertThat(new Critic().generatorRealScores).isEmpty();
    }

    /** The stateful critic with WGAN-GP and R1, a spectrally normalised critic, Adam: stopped anywhere and resumed, it ends as an uninterrupted run. */
    @Test
    void lossStateSpectralNormAndPenaltiesResumeExactly() {
        List<String> full = new ArrayList<>();
        Run uninterrupted = new Run(full);
        uninterrupted.trainer(new Checkpoints(dir.resolve("full"), 1)).build().run();
        assertThat(full).hasSize(6);
        for (int stopAt : new int[] {1, 4}) {
            Checkpoints cps = new Checkpoints(dir.resolve("stop" + stopAt), 3);
            List<String> rows = new ArrayList<>();
            int[] calls = {0};
            BooleanSupplier stop = () -> calls[0]++ >= stopAt;
            new Run(rows).trainer(cps).build().run(stop);
            Checkpoints.Loaded loaded = cps.newestValid(System.err).orElseThrow();
            assertThat(loaded.checkpoint().array(Checkpoint.LOSS_STATE).length()).isEqualTo(2);
            Run second = new Run(rows);
            second.trainer(cps).resumeFrom(loaded.checkpoint(), loaded.file()).build().run();
            assertThat(rows).as("stopped at %d", stopAt).isEqualTo(full);
            assertThat(second.critic.parameters().values()).isEqualTo(uninterrupted.critic.parameters().values());
            assertThat(second.critic.parameters().state()).isEqualTo(uninterrupted.critic.parameters().state());
        }
    }

    /** One training setup, its listener writing one row per iteration. */
    private static final class Run {
        final Sequential critic = Sequential.builder(2).spectralNorm(in -> new Dense(in, 5)).leakyRelu(0.2)
                .spectralNorm(in -> new Dense(in, 1)).build(DataType.FLOAT, 4);
        final LinearGenerator g = new LinearGenerator(3, new long[] {2}, DataType.FLOAT, 1);
        final List<String> rows;

        Run(List<String> rows) {
            this.rows = rows;
        }

        Trainer.Builder trainer(Checkpoints cps) {
            TrainingListener record = new TrainingListener() {
                @Override
                public void onIteration(IterationStats s) {
                    rows.add(s.iteration() + "," + s.dLoss() + "," + s.gLoss() + "," + s.dGradNorm());
                }
            };
            AdamSpec adam = new AdamSpec(0.01, 0.0, 0.9, null);
            return Trainer.builder().generator(g).discriminator(Discriminator.of(critic))
                    .loss(new Stateful(GradientPenalties.wganGp(10), GradientPenalties.r1(1, 2)))
                    .schedule(new Fakes.Schedule(8, 0, 6, 2, 1))
                    .generatorOptimizer(adam.create(g.parameters())).discriminatorOptimizer(adam.create(critic.parameters()))
                    .dataset(new Fakes.ToyDataset(new long[] {2}, 40, 3)).seed(5).sampleCount(2)
                    .listeners(List.of(record)).checkpoints(cps, 1);
        }
    }

    @Test
    void aPenaltyWithABatchNormDiscriminatorIsRefusedBeforeTraining() {
        Sequential critic = Sequential.builder(2, 2, 2).add(BatchNorm2d::new).flatten().dense(1).build(DataType.FLOAT, 4);
        LinearGenerator g = new LinearGenerator(3, new long[] {2, 2, 2}, DataType.FLOAT, 1);
        assertThatThrownBy(() -> trainer(g, Discriminator.of(critic), new Critic(GradientPenalties.r1(10, 1)),
                new Fakes.ToyDataset(new long[] {2, 2, 2}, 16, 1), new Fakes.Schedule(8, 0, 1, 1, 1), 0.1).build())
                .isInstanceOfSatisfying(Gan4jException.class, e -> assertThat(e.exitCode()).isEqualTo(Gan4jException.BAD_INPUT))
                .hasMessageStartingWith("discriminator: the loss's gradient penalty r1 (γ 10.0) needs the discriminator's input gradient")
                .hasMessageContaining("layer 0 (BatchNorm2d): batch normalisation mixes the samples of a batch");
    }

    @Test
    void aNonFinitePenaltyStopsTheRunNamingIt() {
        Sequential critic = Sequential.builder(2).dense(1).build(DataType.DOUBLE, 4);
        GradientPenalty broken = new Spy(GradientPenalties.wganGp(10)) {
            @Override
            public Result evaluate(INDArray g) {
                return new Result(Double.NaN, g.mul(0));
            }
        };
        assertThatThrownBy(() -> trainer(constantGenerator(0, 0), Discriminator.of(critic), new Critic(broken), new ConstantData(),
                new Fakes.Schedule(8, 0, 2, 1, 1), 0.1).build().run())
                .isInstanceOfSatisfying(Gan4jException.class, e -> assertThat(e.exitCode()).isEqualTo(Gan4jException.DIVERGED))
                .hasMessageContaining("the gradient penalty gp is NaN");
    }
}

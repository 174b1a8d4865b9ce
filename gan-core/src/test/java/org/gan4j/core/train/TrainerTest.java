package org.gan4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.TrainingSchedule;
import org.gan4j.api.train.IterationStats;
import org.gan4j.api.train.SampleSource;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.optim.SgdSpec;
import org.gan4j.core.train.Fakes.LinearDiscriminator;
import org.gan4j.core.train.Fakes.LinearGenerator;
import org.gan4j.core.train.output.ManifestWriter;
import org.gan4j.core.train.output.MetricsCsvWriter;
import org.gan4j.core.train.output.ModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {

    static final long SEED = 11;
    static final double LR = 0.05;

    @TempDir
    Path dir;

    /** A fresh toy setup: 2-D Gaussian data, linear G (latent 3) and D, SGD on both. */
    static final class Setup {
        final LinearGenerator g;
        final LinearDiscriminator d;
        final Dataset data;

        Setup(DataType type) {
            data = new Fakes.ToyDataset(new long[] {2}, 40, 3);
            g = new LinearGenerator(3, new long[] {2}, type, 1);
            d = new LinearDiscriminator(new long[] {2}, type, 2);
        }

        Trainer.Builder trainer(Loss loss, TrainingSchedule schedule, List<? extends TrainingListener> listeners) {
            return Trainer.builder().generator(g).discriminator(d).loss(loss).schedule(schedule)
                    .generatorOptimizer(new SgdSpec(LR).create(g.parameters()))
                    .discriminatorOptimizer(new SgdSpec(LR).create(d.parameters()))
                    .dataset(data).seed(SEED).listeners(listeners).sampleCount(4);
        }
    }

    static final class Recorder implements TrainingListener {
        final List<IterationStats> stats = new ArrayList<>();
        final List<Integer> epochs = new ArrayList<>();
        TrainingResult result;

        @Override
        public void onIteration(IterationStats s) {
            stats.add(s);
        }

        @Override
        public void onEpochEnd(int epoch, SampleSource samples) {
            epochs.add(epoch);
        }

        @Override
        public void onEnd(TrainingResult r, SampleSource samples) {
            result = r;
        }
    }

    @Test
    void epochsEndWhenTheRealBatchesAreUsedUpEvenMidIteration() {
        // 40 samples / batch 8 = 5 batches per epoch; 2 D steps per iteration -> iterations use 2, 2, 1 batches.
        Setup s = new Setup(DataType.FLOAT);
        Recorder r = new Recorder();
        TrainingResult result = s.trainer(new Fakes.Bce(), new Fakes.Schedule(8, 2, 0, 2, 1), List.of(r)).build().run();
        assertThat(result.status()).isEqualTo(TrainingResult.Status.COMPLETED);
        assertThat(result.iterations()).isEqualTo(6);
        assertThat(result.epochs()).isEqualTo(2);
        assertThat(r.stats).extracting(IterationStats::epoch).containsExactly(1, 1, 1, 2, 2, 2);
        assertThat(r.stats).extracting(IterationStats::realSamples).containsExactly(16L, 16L, 8L, 16L, 16L, 8L);
        assertThat(r.epochs).containsExactly(1, 2);
    }

    @Test
    void iterationModeAndTheMaxIterationsCapStopWhereAsked() {
        Setup s = new Setup(DataType.FLOAT);
        Recorder r = new Recorder();
        s.trainer(new Fakes.Bce(), new Fakes.Schedule(8, 1, 12, 1, 1), List.of(r)).maxIterations(7).build().run();
        assertThat(r.stats).hasSize(7);
        assertThat(r.epochs).containsExactly(1); // 5 batches per epoch
        assertThat(r.stats.get(6).iteration()).isEqualTo(7);
    }

    @Test
    void discriminatorStepLeavesTheGeneratorUnchangedAndFollowsTheLossGradient() {
        Setup s = new Setup(DataType.DOUBLE);
        INDArray g0 = s.g.parameters().values().dup();
        INDArray d0 = s.d.parameters().values().dup();
        INDArray real = Nd4j.create(new double[][] {{1.2, -0.7}, {0.8, -1.1}, {1.0, -0.9}, {1.3, -1.2}});
        Recorder r = new Recorder();
        s.trainer(new Fakes.Bce(), new Fakes.Schedule(4, 1, 1, 1, 0), List.of(r)).batches(fixed(real)).build().run();

        assertThat(s.g.parameters().values()).isEqualTo(g0);
        // Expected: one SGD step along a numerical gradient of the D loss on the same real batch and noise.
        INDArray z = Nd4j.create(DataType.DOUBLE, 4, 3);
        s.g.noise().sample(z, Nd4j.getRandomFactory().getNewRandomInstance(Seeds.derive(SEED, "noise", 0)));
        INDArray fake = s.g.newPass().forward(z, false);
        INDArray numeric = numericalGradient(d0, p -> {
            LinearDiscriminator probe = new LinearDiscriminator(new long[] {2}, DataType.DOUBLE, 0);
            probe.parameters().values().assign(p);
            return new Fakes.Bce().discriminatorLoss(probe.newPass().forward(real, true), probe.newPass().forward(fake, true)).value();
        });
        INDArray step = d0.sub(s.d.parameters().values()).divi(LR);
        assertThat(maxAbsDiff(step, numeric)).isLessThan(1e-7);
        assertThat(r.stats.get(0).dGradNorm()).isCloseTo(numeric.norm2Number().doubleValue(), org.assertj.core.data.Offset.offset(1e-7));
        assertThat(r.stats.get(0).gLoss()).isNaN();
    }

    @Test
    void generatorStepLeavesTheDiscriminatorUnchangedAndBackPropagatesThroughIt() {
        Setup s = new Setup(DataType.DOUBLE);
        INDArray g0 = s.g.parameters().values().dup();
        INDArray d0 = s.d.parameters().values().dup();
        s.trainer(new Fakes.Bce(), new Fakes.Schedule(4, 1, 1, 0, 1), List.of()).build().run();

        assertThat(s.d.parameters().values()).isEqualTo(d0);
        INDArray z = Nd4j.create(DataType.DOUBLE, 4, 3);
        s.g.noise().sample(z, Nd4j.getRandomFactory().getNewRandomInstance(Seeds.derive(SEED, "noise", 0)));
        INDArray numeric = numericalGradient(g0, p -> {
            LinearGenerator probe = new LinearGenerator(3, new long[] {2}, DataType.DOUBLE, 0);
            probe.parameters().values().assign(p);
            return new Fakes.Bce().generatorLoss(s.d.newPass().forward(probe.newPass().forward(z, true), true)).value();
        });
        INDArray step = g0.sub(s.g.parameters().values()).divi(LR);
        assertThat(maxAbsDiff(step, numeric)).isLessThan(1e-7);
    }

    @Test
    void theGeneratorStepReusesTheLastDiscriminatorStepsBatch() {
        // With D steps = 1 and G steps = 1, G's pass is run forward once per iteration in training mode;
        // its "seen" state counts training forwards: 1 per D step, none extra for the first G step.
        Setup s = new Setup(DataType.FLOAT);
        s.trainer(new Fakes.Bce(), new Fakes.Schedule(8, 1, 3, 1, 1), List.of()).build().run();
        assertThat(s.g.seen.value().getDouble(0)).isEqualTo(3.0);
        Setup s2 = new Setup(DataType.FLOAT);
        s2.trainer(new Fakes.Bce(), new Fakes.Schedule(8, 1, 3, 1, 2), List.of()).build().run();
        assertThat(s2.g.seen.value().getDouble(0)).isEqualTo(6.0); // the second G step draws new noise
    }

    @Test
    void sameSeedGivesByteIdenticalMetrics() throws Exception {
        for (String run : List.of("a", "b")) {
            Setup s = new Setup(DataType.FLOAT);
            s.trainer(new Fakes.Bce(), new Fakes.Schedule(8, 3, 0, 1, 1),
                    List.of(new MetricsCsvWriter(dir.resolve(run).resolve("metrics.csv"), 4))).build().run();
        }
        List<String> a = Files.readAllLines(dir.resolve("a/metrics.csv"));
        assertThat(a).hasSize(1 + 15).first().isEqualTo(MetricsCsvWriter.HEADER);
        assertThat(a.get(1).split(",")).hasSize(8);
        assertThat(Files.readAllBytes(dir.resolve("a/metrics.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("b/metrics.csv")));
        // and a different seed gives different numbers
        Setup s = new Setup(DataType.FLOAT);
        s.trainer(new Fakes.Bce(), new Fakes.Schedule(8, 3, 0, 1, 1),
                List.of(new MetricsCsvWriter(dir.resolve("c/metrics.csv"), 4))).seed(SEED + 1).build().run();
        assertThat(Files.readAllLines(dir.resolve("c/metrics.csv"))).isNotEqualTo(a);
    }

    @Test
    void aNanLossStopsWithExitCode3AndListenersFinishTheirFiles() throws Exception {
        Setup s = new Setup(DataType.FLOAT);
        Recorder r = new Recorder();
        INDArray gBefore = s.g.parameters().values().dup();
        ManifestWriter manifest = new ManifestWriter(dir.resolve(ManifestWriter.FILE), "nan", "{\"seed\":11}", null, s.data);
        List<TrainingListener> listeners = List.of(r, manifest, new MetricsCsvWriter(dir.resolve("metrics.csv"), 100),
                new ModelWriter(dir, "{\"type\":\"linear\"}", "{\"type\":\"linear\"}", 1));
        Trainer t = s.trainer(new Fakes.NanLoss(3), new Fakes.Schedule(8, 2, 0, 1, 1), listeners).build();

        assertThatThrownBy(t::run).isInstanceOfSatisfying(Gan4jException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(Gan4jException.DIVERGED);
            assertThat(e.getMessage()).contains("iteration 3").contains("generator loss").contains("NaN");
        });
        assertThat(r.result.status()).isEqualTo(TrainingResult.Status.DIVERGED);
        assertThat(r.result.iterations()).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).hasSize(3); // header + the 2 finished iterations
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve(ManifestWriter.FILE).toFile())
                .path("status").asText()).isEqualTo("diverged");
        ModelArchive.Contents saved = ModelArchive.read(dir.resolve(ModelWriter.GENERATOR));
        assertThat(saved.parameters()).isEqualTo(s.g.parameters().values());
        assertThat(saved.parameters()).isNotEqualTo(gBefore);
        assertThat(saved.parameters().isNaN().any()).isFalse();
    }

    @Test
    void aStopRequestEndsTheRunAsInterrupted() {
        Setup s = new Setup(DataType.FLOAT);
        Recorder r = new Recorder();
        TrainingResult result = s.trainer(new Fakes.Bce(), new Fakes.Schedule(8, 5, 0, 1, 1), List.of(r)).build()
                .run(() -> r.stats.size() >= 4);
        assertThat(result.status()).isEqualTo(TrainingResult.Status.INTERRUPTED);
        assertThat(result.iterations()).isEqualTo(4);
        assertThat(r.result).isEqualTo(result);
    }

    @Test
    void planWalksVaryingDiscriminatorSteps() {
        assertThat(Trainer.plan(new Fakes.Schedule(8, 2, 0, 5, 1), 12, 0)).containsExactly(6, 2); // 5,5,2 per epoch
        assertThat(Trainer.plan(new Fakes.Schedule(8, 2, 0, 5, 1), 12, 4)).containsExactly(4, 2);
        assertThat(Trainer.plan(new Fakes.Schedule(8, 2, 30, 5, 1), 12, 0)).containsExactly(30, 10);
        TrainingSchedule warmup = new TrainingSchedule() { // WGAN-style: more critic steps at first
            @Override public int batchSize() { return 8; }
            @Override public int epochs() { return 2; }
            @Override public long iterations() { return 0; }
            @Override public int discriminatorSteps(long it) { return it < 2 ? 3 : 1; }
            @Override public int generatorSteps(long it) { return 1; }
        };
        // epoch 1: 3 + 3 (capped to 5 batches); epoch 2: five single steps
        assertThat(Trainer.plan(warmup, 5, 0)).containsExactly(7, 2);
    }

    private static RealBatches.Factory fixed(INDArray batch) {
        return (data, size, seed, type) -> new RealBatches() {
            @Override
            public int batchesPerEpoch() {
                return 1;
            }

            @Override
            public INDArray next() {
                return batch.castTo(type);
            }
        };
    }

    private static INDArray numericalGradient(INDArray at, java.util.function.ToDoubleFunction<INDArray> f) {
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

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b.reshape(a.shape())).amaxNumber().doubleValue();
    }
}

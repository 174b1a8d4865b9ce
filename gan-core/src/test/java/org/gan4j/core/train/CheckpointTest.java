package org.gan4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.api.train.IterationStats;
import org.gan4j.api.train.SampleSource;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.optim.AdamSpec;
import org.gan4j.core.train.Fakes.LinearDiscriminator;
import org.gan4j.core.train.Fakes.LinearGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointTest {

    @TempDir
    Path dir;

    private static Checkpoint sample(long iteration) {
        return new Checkpoint(iteration, 2, 3, 1, 7, 11, 22, 0.25, Map.of(
                Checkpoint.G_PARAMETERS, Nd4j.createFromArray(1f, 2f, 3f),
                Checkpoint.G_OPTIMIZER, Nd4j.createFromArray(0.5f, 0.25f),
                Checkpoint.D_PARAMETERS, Nd4j.createFromArray(-1f, iteration)));
    }

    @Test
    void roundTripsEveryNumberAndArray() throws Exception {
        Checkpoint c = Checkpoint.read(new ByteArrayInputStream(sample(40).toBytes()));
        assertThat(List.of(c.iteration(), (long) c.epoch(), (long) c.batchInEpoch(), (long) c.completedEpochs(), c.seed(),
                c.generatorSteps(), c.discriminatorSteps())).containsExactly(40L, 2L, 3L, 1L, 7L, 11L, 22L);
        assertThat(c.learningRateScale()).isEqualTo(0.25);
        assertThat(c.trainingSeconds()).isZero();
        Checkpoint timed = sample(40);
        timed = new Checkpoint(40, 2, 3, 1, 7, 11, 22, 0.25, timed.arrays(), 12.5);
        assertThat(Checkpoint.read(new ByteArrayInputStream(timed.toBytes())).trainingSeconds()).isEqualTo(12.5);
        assertThat(c.array(Checkpoint.G_PARAMETERS).toFloatVector()).containsExactly(1f, 2f, 3f);
        assertThat(c.array(Checkpoint.G_OPTIMIZER).toFloatVector()).containsExactly(0.5f, 0.25f);
        assertThat(c.array(Checkpoint.D_PARAMETERS).toFloatVector()).containsExactly(-1f, 40f);
        assertThat(c.array(Checkpoint.G_STATE)).isNull();
    }

    @Test
    void aFlippedByteOrATruncationIsDetected() {
        byte[] bytes = sample(40).toBytes();
        byte[] flipped = bytes.clone();
        // The last byte of the generator's parameters: just before the next entry's local header.
        int data = indexOf(bytes, Checkpoint.G_PARAMETERS.getBytes(StandardCharsets.UTF_8), 2);
        int at = find(bytes, new byte[] {'P', 'K', 3, 4}, data) - 1;
        flipped[at] ^= 0x01;
        assertThatThrownBy(() -> Checkpoint.read(new ByteArrayInputStream(flipped)))
                .isInstanceOf(Checkpoint.InvalidException.class);
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> Checkpoint.read(new ByteArrayInputStream(truncated)))
                .isInstanceOf(Checkpoint.InvalidException.class);
    }

    @Test
    void aChecksumMismatchIsReportedByName() throws Exception {
        // Rewrite an entry consistently (valid zip CRC) but keep the old SHA-256 in the index.
        Checkpoint good = sample(40);
        Checkpoint other = new Checkpoint(40, 2, 3, 1, 7, 11, 22, 0.25, Map.of(
                Checkpoint.G_PARAMETERS, Nd4j.createFromArray(1f, 2f, 9f),
                Checkpoint.G_OPTIMIZER, Nd4j.createFromArray(0.5f, 0.25f),
                Checkpoint.D_PARAMETERS, Nd4j.createFromArray(-1f, 40f)));
        byte[] a = good.toBytes();
        byte[] b = other.toBytes();
        // Same layout and sizes: take b's entries with a's index (the index comes first in the zip).
        int indexEnd = indexOf(a, Checkpoint.G_PARAMETERS.getBytes(StandardCharsets.UTF_8), 2) - 30;
        byte[] mixed = b.clone();
        System.arraycopy(a, 0, mixed, 0, indexEnd);
        assertThatThrownBy(() -> Checkpoint.read(new ByteArrayInputStream(mixed)))
                .isInstanceOf(Checkpoint.InvalidException.class)
                .hasMessageContaining(Checkpoint.G_PARAMETERS).hasMessageContaining("SHA-256");
    }

    @Test
    void keepsTheNewestAndFallsBackPastADamagedOne() throws Exception {
        Checkpoints cps = new Checkpoints(dir, 2);
        cps.write(sample(20));
        cps.write(sample(40));
        cps.write(sample(60));
        assertThat(cps.list()).extracting(p -> p.getFileName().toString())
                .containsExactly(Checkpoints.fileName(60), Checkpoints.fileName(40));
        Path newest = cps.list().get(0);
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length - 100));
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        Checkpoints.Loaded loaded = cps.newestValid(new PrintStream(warnings, true, StandardCharsets.UTF_8)).orElseThrow();
        assertThat(loaded.checkpoint().iteration()).isEqualTo(40);
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains(newest.getFileName().toString());
    }

    /** Counts listener calls and keeps the per-iteration numbers. */
    static final class Rows implements TrainingListener {
        final List<String> rows = new ArrayList<>();

        @Override
        public void onIteration(IterationStats s) {
            rows.add(s.iteration() + "," + s.epoch() + "," + s.dLoss() + "," + s.gLoss() + "," + s.gGradNorm() + "," + s.dGradNorm());
        }
    }

    private static Trainer.Builder trainer(LinearGenerator g, LinearDiscriminator d, Checkpoints cps, TrainingListener... rows) {
        // 40 samples / batch 8 = 5 batches per epoch, 2 D steps: iterations use 2, 2, 1 batches; Adam keeps state.
        return Trainer.builder().generator(g).discriminator(d).loss(new Fakes.Bce()).schedule(new Fakes.Schedule(8, 4, 0, 2, 1))
                .generatorOptimizer(new AdamSpec(0.01, null, null, null).create(g.parameters()))
                .discriminatorOptimizer(new AdamSpec(0.01, null, null, null).create(d.parameters()))
                .dataset(new Fakes.ToyDataset(new long[] {2}, 40, 3)).seed(5).sampleCount(4)
                .listeners(List.of(rows)).checkpoints(cps, 2);
    }

    /** The generator's weights the listeners see at the end (the average's when there is one). */
    static final class FinalWeights implements TrainingListener {
        private final LinearGenerator generator;
        INDArray seen;

        FinalWeights(LinearGenerator generator) {
            this.generator = generator;
        }

        @Override
        public void onEnd(TrainingResult result, SampleSource samples) {
            seen = generator.parameters().values().dup();
        }
    }

    @Test
    void aRunStoppedAndResumedFromEachCheckpointEndsExactlyAsAnUninterruptedOne() {
        stoppedAndResumed(0);
    }

    @Test
    void withAGeneratorAverageTooAndTheListenersSeeTheAverageAtTheEnd() {
        INDArray[] averaged = stoppedAndResumed(0.9);
        INDArray[] plain = stoppedAndResumed(0);
        // the same training (the average does not touch it), but the end sees other weights
        assertThat(averaged[0]).isEqualTo(plain[0]);
        assertThat(averaged[1]).isNotEqualTo(averaged[0]);
        assertThat(plain[1]).isEqualTo(plain[0]);
    }

    /** A time budget (schedule.seconds) counts the GAN steps' time across a resume: the checkpoint carries it. */
    @Test
    void aResumedRunContinuesTheTimeBudgetItsCheckpointSaved() throws Exception {
        Checkpoints cps = new Checkpoints(dir.resolve("timed"), 3);
        LinearGenerator g = new LinearGenerator(3, new long[] {2}, DataType.FLOAT, 1);
        LinearDiscriminator d = new LinearDiscriminator(new long[] {2}, DataType.FLOAT, 2);
        int[] calls = {0};
        TrainingResult first = trainer(g, d, cps).schedule(timed(1e9)).build().run(() -> calls[0]++ >= 3);
        assertThat(first.iterations()).isEqualTo(3);
        Checkpoints.Loaded loaded = cps.newestValid(System.err).orElseThrow();
        double spent = loaded.checkpoint().trainingSeconds();
        assertThat(spent).isPositive();
        // resumed with a budget the first part already used up: nothing more to train, and completed
        LinearGenerator g2 = new LinearGenerator(3, new long[] {2}, DataType.FLOAT, 1);
        LinearDiscriminator d2 = new LinearDiscriminator(new long[] {2}, DataType.FLOAT, 2);
        TrainingResult resumed = trainer(g2, d2, cps).schedule(timed(spent)).resumeFrom(loaded.checkpoint(), loaded.file()).build().run();
        assertThat(resumed.status()).isEqualTo(TrainingResult.Status.COMPLETED);
        assertThat(resumed.iterations()).isEqualTo(3);
        // a budget shorter than one iteration stops after the first, completed, well before the 10 planned
        LinearGenerator g3 = new LinearGenerator(3, new long[] {2}, DataType.FLOAT, 1);
        LinearDiscriminator d3 = new LinearDiscriminator(new long[] {2}, DataType.FLOAT, 2);
        TrainingResult tiny = trainer(g3, d3, new Checkpoints(dir.resolve("tiny"), 3)).schedule(timed(1e-12)).build().run();
        assertThat(tiny.status()).isEqualTo(TrainingResult.Status.COMPLETED);
        assertThat(tiny.iterations()).isEqualTo(1);
    }

    /** The checkpoint tests' schedule (4 epochs, 2 D steps) with a time budget. */
    private static org.gan4j.api.spi.TrainingSchedule timed(double seconds) {
        Fakes.Schedule plain = new Fakes.Schedule(8, 4, 0, 2, 1);
        return new org.gan4j.api.spi.TrainingSchedule() {
            @Override public int batchSize() { return plain.batchSize(); }
            @Override public int epochs() { return plain.epochs(); }
            @Override public long iterations() { return plain.iterations(); }
            @Override public int discriminatorSteps(long it) { return plain.discriminatorSteps(it); }
            @Override public int generatorSteps(long it) { return plain.generatorSteps(it); }
            @Override public double seconds() { return seconds; }
        };
    }

    /** Runs 12 iterations once, then stopped and resumed at several points; returns {live G weights, G weights seen at the end}. */
    private INDArray[] stoppedAndResumed(double ema) {
        Path root = dir.resolve("ema" + ema);
        Rows full = new Rows();
        LinearGenerator g = new LinearGenerator(3, new long[] {2}, DataType.FLOAT, 1);
        LinearDiscriminator d = new LinearDiscriminator(new long[] {2}, DataType.FLOAT, 2);
        FinalWeights fullEnd = new FinalWeights(g);
        trainer(g, d, new Checkpoints(root.resolve("full"), 1), full, fullEnd).generatorAverage(ema).build().run();
        assertThat(full.rows).hasSize(12);

        for (int stopAt : new int[] {1, 3, 5, 8}) {
            Checkpoints cps = new Checkpoints(root.resolve("stop" + stopAt), 3);
            Rows first = new Rows();
            int[] calls = {0};
            BooleanSupplier stop = () -> calls[0]++ >= stopAt;
            LinearGenerator g1 = new LinearGenerator(3, new long[] {2}, DataType.FLOAT, 1);
            LinearDiscriminator d1 = new LinearDiscriminator(new long[] {2}, DataType.FLOAT, 2);
            TrainingResult r = trainer(g1, d1, cps, first, new FinalWeights(g1)).generatorAverage(ema).build().run(stop);
            assertThat(r.status()).isEqualTo(TrainingResult.Status.INTERRUPTED);

            // Fresh networks with different initial weights: everything must come from the checkpoint.
            Checkpoints.Loaded loaded = cps.newestValid(System.err).orElseThrow();
            assertThat(loaded.checkpoint().iteration()).isEqualTo(stopAt);
            assertThat(loaded.checkpoint().array(Checkpoint.G_AVERAGE) != null).isEqualTo(ema > 0);
            LinearGenerator g2 = new LinearGenerator(3, new long[] {2}, DataType.FLOAT, 99);
            LinearDiscriminator d2 = new LinearDiscriminator(new long[] {2}, DataType.FLOAT, 98);
            Rows second = new Rows();
            FinalWeights end = new FinalWeights(g2);
            trainer(g2, d2, cps, second, end).generatorAverage(ema).resumeFrom(loaded.checkpoint(), loaded.file()).build().run();

            List<String> joined = new ArrayList<>(first.rows);
            joined.addAll(second.rows);
            assertThat(joined).as("stopped at %d", stopAt).isEqualTo(full.rows);
            assertThat(g2.parameters().values()).isEqualTo(g.parameters().values());
            assertThat(d2.parameters().values()).isEqualTo(d.parameters().values());
            assertThat(end.seen).as("weights at the end, stopped at %d", stopAt).isEqualTo(fullEnd.seen);
        }
        return new INDArray[] {g.parameters().values().dup(), fullEnd.seen};
    }

    @Test
    void aCheckpointWhoseIndexNamesAnotherIterationThanItsFileIsSkipped() throws Exception {
        Checkpoints cps = new Checkpoints(dir.resolve("renamed"), 3);
        Path thirty = cps.write(sample(30));
        cps.write(sample(50));
        // a consistent archive (checksums fine) under the name of a later iteration than it holds
        Files.move(thirty, thirty.resolveSibling(Checkpoints.fileName(70)));
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        Checkpoints.Loaded loaded = cps.newestValid(new PrintStream(warnings, true, StandardCharsets.UTF_8)).orElseThrow();
        assertThat(loaded.checkpoint().iteration()).isEqualTo(50);
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains(Checkpoints.fileName(70), "iteration 30", "its name says 70");
    }

    @Test
    void aCheckpointWhoseArraysDoNotFitTheNetworksIsRefusedNamingItsFile() {
        Checkpoints cps = new Checkpoints(dir.resolve("other-size"), 3);
        LinearGenerator g = new LinearGenerator(3, new long[] {2}, DataType.FLOAT, 1);
        LinearDiscriminator d = new LinearDiscriminator(new long[] {2}, DataType.FLOAT, 2);
        int[] calls = {0};
        trainer(g, d, cps, new Rows(), new FinalWeights(g)).build().run(() -> calls[0]++ >= 3);
        Checkpoints.Loaded loaded = cps.newestValid(System.err).orElseThrow();
        LinearGenerator wider = new LinearGenerator(5, new long[] {2}, DataType.FLOAT, 1);
        assertThatThrownBy(() -> trainer(wider, d, cps, new Rows(), new FinalWeights(wider))
                .resumeFrom(loaded.checkpoint(), loaded.file()).build().run())
                .isInstanceOfSatisfying(org.gan4j.api.Gan4jException.class, e -> assertThat(e.getMessage())
                        .contains(loaded.file().toString(), "generator parameters", "checkpoints/config.json", "--overwrite"));
    }

    @Test
    void resumingWithAnAverageFromACheckpointWithoutOneIsRefused() {
        Checkpoints cps = new Checkpoints(dir.resolve("plain"), 3);
        LinearGenerator g = new LinearGenerator(3, new long[] {2}, DataType.FLOAT, 1);
        LinearDiscriminator d = new LinearDiscriminator(new long[] {2}, DataType.FLOAT, 2);
        int[] calls = {0};
        trainer(g, d, cps, new Rows(), new FinalWeights(g)).build().run(() -> calls[0]++ >= 3);
        Checkpoints.Loaded loaded = cps.newestValid(System.err).orElseThrow();
        LinearGenerator g2 = new LinearGenerator(3, new long[] {2}, DataType.FLOAT, 1);
        assertThatThrownBy(() -> trainer(g2, d, cps, new Rows(), new FinalWeights(g2)).generatorAverage(0.99)
                .resumeFrom(loaded.checkpoint(), loaded.file()).build().run())
                .isInstanceOf(org.gan4j.api.Gan4jException.class)
                .hasMessageContaining("no average of the generator's weights").hasMessageContaining("optimizer.ema");
    }

    /** A conditional generator and discriminator built from a seed, FLOAT, with dropout (so its masks must resume too). */
    private record ConditionalPair(Generator g, Discriminator d) {
        static ConditionalPair of(String discriminator, long seed) {
            Generator g = Generator.of(Sequential.builder(3).conditionConcat(3, 2).dense(6).leakyRelu(0.2).dropout(0.3).dense(2)
                    .build(DataType.FLOAT, seed), LatentNoise.NORMAL);
            Sequential.Builder b = Sequential.builder(2);
            Discriminator d = switch (discriminator) {
                case "projection" -> Discriminator.of(b.conditionConcat(3, 2).dense(6).leakyRelu(0.2).dropout(0.3).projection(3)
                        .build(DataType.FLOAT, seed + 1));
                case "auxiliary" -> Discriminator.withAuxiliaryClassifier(b.dense(6).leakyRelu(0.2).dropout(0.3).dense(4)
                        .build(DataType.FLOAT, seed + 1), 3);
                default -> throw new IllegalArgumentException(discriminator);
            };
            return new ConditionalPair(g, d);
        }

        Trainer.Builder trainer(Checkpoints cps, Rows rows) {
            // labels 0, 0, 1, 2 repeating; generator labels drawn with the data's frequencies
            return Trainer.builder().generator(g).discriminator(d).loss(new Fakes.Bce()).schedule(new Fakes.Schedule(8, 4, 0, 2, 1))
                    .generatorOptimizer(new AdamSpec(0.01, null, null, null).create(g.parameters()))
                    .discriminatorOptimizer(new AdamSpec(0.01, null, null, null).create(d.parameters()))
                    .dataset(new Fakes.LabelledToyDataset(new long[] {2}, 40, 3, 3, 0, 0, 1, 2)).seed(5).sampleCount(4)
                    .conditioning(false, 0.5).listeners(List.of(rows)).checkpoints(cps, 2);
        }
    }

    @Test
    void aConditionalRunResumesExactlyLabelsIncluded() {
        for (String discriminator : List.of("projection", "auxiliary")) {
            Rows full = new Rows();
            ConditionalPair uninterrupted = ConditionalPair.of(discriminator, 1);
            uninterrupted.trainer(new Checkpoints(dir.resolve(discriminator + "-full"), 1), full).build().run();
            assertThat(full.rows).hasSize(12);
            for (int stopAt : new int[] {1, 5, 8}) {
                Checkpoints cps = new Checkpoints(dir.resolve(discriminator + "-stop" + stopAt), 3);
                Rows first = new Rows();
                int[] calls = {0};
                ConditionalPair.of(discriminator, 1).trainer(cps, first).build().run(() -> calls[0]++ >= stopAt);
                Checkpoints.Loaded loaded = cps.newestValid(System.err).orElseThrow();
                ConditionalPair resumed = ConditionalPair.of(discriminator, 77); // other initial weights: all must come from the checkpoint
                Rows second = new Rows();
                resumed.trainer(cps, second).resumeFrom(loaded.checkpoint(), loaded.file()).build().run();

                List<String> joined = new ArrayList<>(first.rows);
                joined.addAll(second.rows);
                assertThat(joined).as("%s stopped at %d", discriminator, stopAt).isEqualTo(full.rows);
                assertThat(resumed.g().parameters().values()).isEqualTo(uninterrupted.g().parameters().values());
                assertThat(resumed.d().parameters().values()).isEqualTo(uninterrupted.d().parameters().values());
            }
        }
    }

    @Test
    void aNonFiniteParameterStopsWithExitCode3NamingTheIterationAndTheLastGoodCheckpoint() throws Exception {
        LinearGenerator g = new LinearGenerator(3, new long[] {2}, DataType.FLOAT, 1);
        LinearDiscriminator d = new LinearDiscriminator(new long[] {2}, DataType.FLOAT, 2);
        org.gan4j.api.spi.Optimizer sgd = new org.gan4j.core.optim.SgdSpec(0.01).create(g.parameters());
        // The generator's 4th update (the last step of iteration 4) leaves an infinite weight; the
        // check before iteration 4's checkpoint finds it, before any loss could.
        org.gan4j.api.spi.Optimizer poisoned = new org.gan4j.api.spi.Optimizer() {
            @Override
            public void step() {
                sgd.step();
                if (sgd.steps() == 4) {
                    g.parameters().values().putScalar(0, Float.POSITIVE_INFINITY);
                }
            }

            @Override
            public INDArray state() {
                return sgd.state();
            }

            @Override
            public long steps() {
                return sgd.steps();
            }

            @Override
            public void restore(INDArray state, long steps) {
                sgd.restore(state, steps);
            }
        };
        Checkpoints cps = new Checkpoints(dir.resolve("nan"), 3);
        Trainer t = trainer(g, d, cps, new Rows()).generatorOptimizer(poisoned).build();
        assertThatThrownBy(t::run).isInstanceOfSatisfying(org.gan4j.api.Gan4jException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(org.gan4j.api.Gan4jException.DIVERGED);
            assertThat(e.getMessage()).contains("iteration 4", "generator parameter norm", Checkpoints.fileName(3));
        });
        // Checkpoints after iteration 2 (every 2) and 3 (epoch end); nothing after the divergence.
        assertThat(cps.list()).extracting(p -> p.getFileName().toString())
                .containsExactly(Checkpoints.fileName(3), Checkpoints.fileName(2));
    }

    @Test
    void scalingTheLearningRateScalesTheStepOfEachOptimizer() {
        for (org.gan4j.api.spi.OptimizerSpec spec : List.of(new org.gan4j.core.optim.SgdSpec(0.1),
                new AdamSpec(0.1, null, null, null), new org.gan4j.core.optim.RmsPropSpec(0.1, null, null))) {
            double[] steps = new double[2];
            for (int k = 0; k < 2; k++) {
                LinearGenerator g = new LinearGenerator(3, new long[] {2}, DataType.FLOAT, 1);
                INDArray before = g.parameters().values().dup();
                org.gan4j.api.spi.Optimizer o = spec.create(g.parameters());
                if (k == 1) {
                    o.scaleLearningRate(0.5);
                }
                g.parameters().gradients().assign(0.3);
                o.step();
                steps[k] = before.sub(g.parameters().values()).getDouble(0);
            }
            assertThat(steps[1]).as(spec.toString()).isCloseTo(0.5 * steps[0], org.assertj.core.data.Offset.offset(1e-6));
            assertThat(steps[0]).as(spec.toString()).isNotZero();
        }
    }

    /** Where the {@code n}-th (1-based) occurrence of {@code needle} starts. */
    private static int indexOf(byte[] haystack, byte[] needle, int n) {
        int at = -1;
        for (int k = 0; k < n; k++) {
            at = find(haystack, needle, at + 1);
        }
        return at;
    }

    private static int find(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}

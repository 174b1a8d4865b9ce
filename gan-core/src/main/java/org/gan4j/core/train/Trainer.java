package org.gan4j.core.train;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.Pass;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossContext;
import org.gan4j.api.spi.Optimizer;
import org.gan4j.api.spi.TrainingSchedule;
import org.gan4j.api.train.IterationStats;
import org.gan4j.api.train.RunInfo;
import org.gan4j.api.train.SampleSource;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The alternating GAN training loop: iterations of {@link GanStep} (discriminator steps, then
 * generator steps) until the schedule or the max-iterations cap is done, with the listeners told of
 * each iteration and epoch, {@link CheckpointPolicy} writing checkpoints, and {@link DivergenceGuard}
 * stopping at the first non-finite number.
 *
 * <p>An epoch ends when its real batches are used up; the iteration that uses the last one may do
 * fewer discriminator steps than the schedule asks (as the PyTorch WGAN reference does).
 *
 * <p>Randomness comes from the seed only: data order, training noise and the fixed sample noise use
 * separate derived seeds. The training noise, the networks' own generators (dropout) and ND4J's
 * global one are reseeded at the start of every iteration from (seed, iteration), and the data order
 * depends only on (seed, epoch); so with the same seed and thread count two runs produce identical
 * numbers, and a run resumed from a {@link Checkpoint} continues exactly as if never stopped.
 *
 * <p>With a generator average ({@link Builder#generatorAverage}), a {@link GeneratorAverage} follows
 * the generator's weights after every iteration; while the listeners' {@code onEpochEnd} and
 * {@code onEnd} run, the averaged weights are swapped into the generator, so sample grids, metrics
 * and the saved generator are the average's, and the optimizer keeps training the live weights.
 * Checkpoints carry the average.
 *
 * <p>A divergence stops training before any further checkpoint is written: the listeners get
 * {@code onEnd} with status {@code DIVERGED}, then a {@link Gan4jException} with exit code
 * {@link Gan4jException#DIVERGED} is thrown.
 */
public final class Trainer {

    private final Generator generator;
    private final Discriminator discriminator;
    private final Loss loss;
    private final TrainingSchedule schedule;
    private final Optimizer generatorOptimizer;
    private final Optimizer discriminatorOptimizer;
    private final Dataset dataset;
    private final long seed;
    private final List<TrainingListener> listeners;
    private final int sampleCount;
    private final long maxIterations;
    private final RealBatches.Factory batches;
    private final Checkpoint resumeFrom;
    /** The factor both learning rates run at: the checkpoint's, times this run's rollback factor. */
    private final double learningRateScale;
    private final DivergenceGuard guard;
    private final CheckpointPolicy checkpointing;
    private final boolean uniformLabels;
    private final double auxiliaryWeight;
    private final GradientPenaltyTerms penalties;
    /** The loss's state ({@link LossContext#state()}), saved in checkpoints. */
    private final INDArray lossState;
    /** The generator's weight average, or null for none. */
    private final GeneratorAverage average;
    /** Where the wall time goes: the steps, each listener's callbacks, the checkpoints. */
    private final RunProfile profile;
    private final ProfileKeys profileKeys;

    private Trainer(Builder b) {
        this.generator = Objects.requireNonNull(b.generator, "generator");
        this.discriminator = Objects.requireNonNull(b.discriminator, "discriminator");
        this.loss = Objects.requireNonNull(b.loss, "loss");
        this.schedule = Objects.requireNonNull(b.schedule, "schedule");
        this.generatorOptimizer = Objects.requireNonNull(b.generatorOptimizer, "generatorOptimizer");
        this.discriminatorOptimizer = Objects.requireNonNull(b.discriminatorOptimizer, "discriminatorOptimizer");
        this.dataset = Objects.requireNonNull(b.dataset, "dataset");
        this.seed = b.seed;
        this.listeners = List.copyOf(b.listeners);
        this.sampleCount = b.sampleCount;
        this.maxIterations = b.maxIterations;
        this.batches = b.batches;
        this.resumeFrom = b.resumeFrom;
        this.learningRateScale = (b.resumeFrom == null ? 1 : b.resumeFrom.learningRateScale()) * b.extraLearningRateScale;
        this.uniformLabels = b.uniformLabels;
        this.auxiliaryWeight = b.auxiliaryWeight;
        this.penalties = GradientPenaltyTerms.of(loss, discriminator);
        this.lossState = LossContext.initial(loss).state();
        this.guard = new DivergenceGuard(generator, discriminator, loss, b.components, this::lastCheckpoint);
        // Starts at the initial weights; a resumed run's checkpoint replaces it (CheckpointPolicy.restore).
        this.average = b.averageDecay > 0 ? new GeneratorAverage(generator.parameters(), b.averageDecay) : null;
        this.profile = b.profile != null ? b.profile : new RunProfile();
        this.profileKeys = new ProfileKeys(listeners);
        this.checkpointing = new CheckpointPolicy(b.checkpoints, b.checkpointEvery, b.resumeFile, generator, discriminator,
                generatorOptimizer, discriminatorOptimizer, average, listeners, seed, learningRateScale, guard, lossState, profile);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The newest checkpoint written or resumed from in this run, which a divergence message names. */
    private Path lastCheckpoint() {
        return checkpointing.last();
    }

    /** Trains until the schedule is done; see {@link #run(BooleanSupplier)}. */
    public TrainingResult run() {
        return run(() -> false);
    }

    /**
     * Trains until the schedule (or the max-iterations cap) is done or {@code stopRequested} says
     * stop (checked before each iteration; the run then ends as {@code INTERRUPTED}).
     *
     * @return how the run ended (completed or interrupted)
     * @throws Gan4jException with exit code 3 when training diverged, after the listeners' {@code onEnd}
     */
    public TrainingResult run(BooleanSupplier stopRequested) {
        long[] sampleShape = dataset.sampleShape();
        checkShapes(sampleShape);
        DataType type = generator.parameters().values().dataType();
        Instant start = Instant.now();
        Labels labels = Labels.of(dataset, generator, discriminator, uniformLabels, schedule.batchSize(), type);
        GanStep step = new GanStep(generator, discriminator, loss, schedule, generatorOptimizer, discriminatorOptimizer,
                guard, seed, type, penalties, lossState, labels, auxiliaryWeight);
        FixedSamples samples = new FixedSamples(generator, sampleCount, Seeds.derive(seed, "fixed-noise"), type, labels.condition());
        Progress p = start();

        TrainingResult.Status status = TrainingResult.Status.COMPLETED;
        String message = null;
        Throwable failure = null;
        List<TrainingListener> started = new ArrayList<>();
        try (RealBatches real = batches.open(dataset, schedule.batchSize(), Seeds.derive(seed, "data-order"), type)) {
            int perEpoch = real.batchesPerEpoch();
            long[] plan = plan(schedule, perEpoch, maxIterations);
            if (resumeFrom != null) {
                real.seek(p.epoch - 1L, p.batchInEpoch);
            }
            RunInfo info = new RunInfo(generator, discriminator, sampleShape, schedule.batchSize(), perEpoch, plan[0],
                    (int) plan[1], seed, start, p.iteration, p.completedEpochs);
            for (int i = 0; i < listeners.size(); i++) {
                TrainingListener l = listeners.get(i);
                started.add(l);
                profile.time(profileKeys.onStart[i], () -> l.onStart(info));
            }
            profile.setupDone();
            while (p.iteration < plan[0]) {
                if (stopRequested.getAsBoolean()) {
                    status = TrainingResult.Status.INTERRUPTED;
                    message = "stopped on request after " + p.iteration + " iterations";
                    profile.time(RunProfile.CHECKPOINTS, () -> checkpointing.onStop(p));
                    break;
                }
                if (schedule.seconds() > 0 && p.trainingSeconds >= schedule.seconds()) {
                    break; // the time budget is used up: completed, with fewer iterations than planned
                }
                iteration(step, real, perEpoch, p, samples);
            }
            if (p.iteration > 0 && status == TrainingResult.Status.COMPLETED) {
                guard.checkParameters(p);
            }
            profile.time(RunProfile.CHECKPOINTS, checkpointing::finish); // the last checkpoint is on disk before onEnd
        } catch (Gan4jException e) {
            status = e.exitCode() == Gan4jException.DIVERGED ? TrainingResult.Status.DIVERGED : TrainingResult.Status.FAILED;
            message = e.getMessage();
            failure = e;
        } catch (java.io.UncheckedIOException e) {
            // a file could not be written (full disk, read-only folder): a bad input naming the file
            Gan4jException io = IoFailures.find(e).orElseThrow();
            status = TrainingResult.Status.FAILED;
            message = io.getMessage();
            failure = io;
        } catch (RuntimeException | Error e) {
            status = TrainingResult.Status.FAILED;
            message = String.valueOf(e);
            failure = e;
        }
        if (failure != null) {
            try {
                checkpointing.finish(); // a rollback or resume reads the checkpoint being written
            } catch (RuntimeException | Error e) {
                java.util.Optional<Gan4jException> io = IoFailures.find(e);
                if (io.isPresent() && failure instanceof IoFailures.IoFailureException) {
                    // two writes failed (a full disk): the checkpoint's was issued first, so it is the one reported
                    io.get().addSuppressed(failure);
                    failure = io.get();
                    message = failure.getMessage();
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        TrainingResult result = new TrainingResult(status, p.iteration, p.completedEpochs, start, Instant.now(), message);
        end(started, result, samples, failure);
        return result;
    }

    /** Iteration {@code p.iteration}: the GAN steps, the listeners, the end of the epoch and a checkpoint when due. */
    private void iteration(GanStep step, RealBatches real, int perEpoch, Progress p, FixedSamples samples) {
        long t0 = System.nanoTime();
        int dSteps = Math.min(schedule.discriminatorSteps(p.iteration), perEpoch - p.batchInEpoch);
        IterationStats stats = step.run(p, dSteps, schedule.generatorSteps(p.iteration), real, t0);
        p.trainingSeconds += (System.nanoTime() - t0) / 1e9;
        if (average != null) {
            average.update(generatorOptimizer.steps());
        }
        profile.add(RunProfile.ITERATIONS, System.nanoTime() - t0);
        p.iteration++;
        p.batchInEpoch += dSteps;
        samples.invalidate();
        for (int i = 0; i < listeners.size(); i++) {
            long t = System.nanoTime();
            listeners.get(i).onIteration(stats);
            profile.add(profileKeys.onIteration[i], System.nanoTime() - t);
        }
        boolean epochEnded = p.batchInEpoch >= perEpoch;
        if (epochEnded) {
            int epoch = p.epoch;
            withAverage(samples, () -> {
                for (int i = 0; i < listeners.size(); i++) {
                    TrainingListener l = listeners.get(i);
                    profile.time(profileKeys.onEpochEnd[i], () -> l.onEpochEnd(epoch, samples));
                }
            });
            p.finishEpoch();
        }
        long tc = System.nanoTime();
        if (checkpointing.afterIteration(p, epochEnded)) {
            profile.add(RunProfile.CHECKPOINTS, System.nanoTime() - tc);
        }
    }

    /** Where training starts: afresh, or from the checkpoint to resume, with the learning rates scaled. */
    private Progress start() {
        if (learningRateScale != 1) {
            generatorOptimizer.scaleLearningRate(learningRateScale);
            discriminatorOptimizer.scaleLearningRate(learningRateScale);
        }
        Progress p = new Progress();
        if (resumeFrom != null) {
            checkpointing.restore(resumeFrom);
            p = Progress.of(resumeFrom);
        }
        checkpointing.startAt(p);
        return p;
    }

    /**
     * Runs {@code calls} with the generator holding the averaged weights when there is an average,
     * the fixed-noise render taken afresh before and after (the weights it showed have changed).
     */
    private void withAverage(FixedSamples samples, Runnable calls) {
        samples.invalidate();
        if (average == null) {
            calls.run();
        } else {
            average.withAverage(calls);
        }
        samples.invalidate();
    }

    /** Every started listener's {@code onEnd}, however the run ended; then rethrows what stopped it, if anything. */
    private void end(List<TrainingListener> started, TrainingResult result, FixedSamples samples, Throwable stopped) {
        Throwable[] failure = {stopped};
        withAverage(samples, () -> {
            for (int i = 0; i < started.size(); i++) {
                TrainingListener l = started.get(i);
                try {
                    profile.time(profileKeys.onEnd[i], () -> l.onEnd(result, samples));
                } catch (RuntimeException e) {
                    if (failure[0] == null) {
                        failure[0] = e;
                    } else {
                        failure[0].addSuppressed(e);
                    }
                }
            }
        });
        rethrow(failure[0]);
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
    }

    private void checkShapes(long[] sampleShape) {
        if (!Arrays.equals(sampleShape, generator.outputShape())) {
            throw Gan4jException.badInput("generator: it makes samples of shape " + Arrays.toString(generator.outputShape())
                    + " but the data's are " + Arrays.toString(sampleShape) + ". Change the generator section (or the data) so they match.");
        }
        if (!Arrays.equals(sampleShape, discriminator.inputShape())) {
            throw Gan4jException.badInput("discriminator: it reads samples of shape " + Arrays.toString(discriminator.inputShape())
                    + " but the data's are " + Arrays.toString(sampleShape) + ". Change the discriminator section (or the data) so they match.");
        }
    }

    /**
     * The iterations the run will do and the epochs they touch, found by walking the schedule (its
     * discriminator steps may vary by iteration, so an epoch's iteration count is not a division).
     */
    static long[] plan(TrainingSchedule schedule, int perEpoch, long maxIterations) {
        long cap = maxIterations > 0 ? maxIterations : Long.MAX_VALUE;
        long target = schedule.iterations() > 0 ? Math.min(schedule.iterations(), cap) : cap;
        int epochLimit = schedule.iterations() > 0 ? Integer.MAX_VALUE : schedule.epochs();
        long it = 0;
        int epochs = 0;
        int inEpoch = perEpoch;
        while (it < target) {
            if (inEpoch >= perEpoch) {
                if (epochs == epochLimit) {
                    break;
                }
                epochs++;
                inEpoch = 0;
            }
            int d = schedule.discriminatorSteps(it);
            if (d < 1 && schedule.iterations() <= 0) {
                throw new IllegalStateException("the schedule asks for " + d + " discriminator steps in iteration " + it
                        + "; training by epochs needs at least one per iteration");
            }
            inEpoch += Math.max(d, 0);
            it++;
        }
        return new long[] {it, epochs};
    }

    /**
     * The generator's output on a fixed noise batch, for sample grids: rendered once per iteration at
     * most, on its own pass so the training activations stay intact. A generator conditioned on
     * classes gets one row per class, {@code ceil(count / classes)} columns, each column one noise
     * vector ({@link ConditionalSamples}); one conditioned on attributes random attributes from a fixed seed.
     */
    private static final class FixedSamples implements SampleSource {
        private final Pass pass;
        private final INDArray noise;
        private final INDArray condition;
        private final int columns;
        private INDArray cached;

        FixedSamples(Generator generator, int count, long seed, DataType type, Condition condition) {
            Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
            if (generator.conditionSize() > 0 && condition.isClasses()) {
                this.columns = ConditionalSamples.columns(count, condition.size());
                this.noise = ConditionalSamples.noisePerColumn(generator, condition.size(), columns, rng, type);
                this.condition = ConditionalSamples.classRows(condition, columns, type);
            } else {
                this.columns = 0;
                this.noise = Nd4j.create(type, Shapes.withBatch(count, generator.inputShape()));
                generator.noise().sample(noise, rng);
                this.condition = generator.conditionSize() > 0
                        ? ConditionalSamples.uniformAttributes(condition, count, Seeds.derive(seed, "attributes"), type) : null;
            }
            this.pass = generator.newPass();
        }

        void invalidate() {
            cached = null;
        }

        @Override
        public INDArray samples() {
            if (cached == null) {
                cached = pass.forward(noise, condition, false);
            }
            return cached;
        }

        @Override
        public int columns() {
            return columns;
        }
    }

    /** The profile's part names of each listener's callbacks, e.g. {@code epoch-end SampleImageWriter}, made once. */
    private static final class ProfileKeys {
        final String[] onStart;
        final String[] onIteration;
        final String[] onEpochEnd;
        final String[] onEnd;

        ProfileKeys(List<TrainingListener> listeners) {
            String[] names = listeners.stream().map(l -> l.getClass().getSimpleName().isEmpty() ? l.getClass().getName()
                    : l.getClass().getSimpleName()).toArray(String[]::new);
            onStart = Arrays.stream(names).map(n -> "start " + n).toArray(String[]::new);
            onIteration = Arrays.stream(names).map(n -> "iteration " + n).toArray(String[]::new);
            onEpochEnd = Arrays.stream(names).map(n -> "epoch-end " + n).toArray(String[]::new);
            onEnd = Arrays.stream(names).map(n -> "end " + n).toArray(String[]::new);
        }
    }

    /** Collects a trainer's parts. */
    public static final class Builder {
        private Generator generator;
        private Discriminator discriminator;
        private Loss loss;
        private TrainingSchedule schedule;
        private Optimizer generatorOptimizer;
        private Optimizer discriminatorOptimizer;
        private Dataset dataset;
        private long seed;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private int sampleCount = 64;
        private long maxIterations;
        private RealBatches.Factory batches = StreamBatches.factory();
        private Checkpoints checkpoints;
        private int checkpointEvery;
        private Checkpoint resumeFrom;
        private Path resumeFile;
        private Components components = Components.UNNAMED;
        private double extraLearningRateScale = 1;
        private boolean uniformLabels;
        private double auxiliaryWeight = 1;
        private double averageDecay;
        private RunProfile profile;

        private Builder() {
        }

        /** Records where the run's wall time goes into {@code p} (default: a profile nobody reads). */
        public Builder profile(RunProfile p) {
            this.profile = p;
            return this;
        }

        /**
         * Keeps an exponential moving average of the generator's weights with this decay (e.g. 0.999;
         * see {@link GeneratorAverage}) for samples, metrics and the saved generator; 0 (the default)
         * for none.
         */
        public Builder generatorAverage(double decay) {
            if (!(decay >= 0 && decay < 1)) {
                throw new IllegalArgumentException("the generator average's decay must be in [0, 1), got " + decay);
            }
            this.averageDecay = decay;
            return this;
        }

        /**
         * Runs both optimizers at {@code factor} times their learning rate (on top of the factor a
         * resumed checkpoint records); a divergence rollback lowers it. Default 1.
         */
        public Builder learningRateScale(double factor) {
            this.extraLearningRateScale = factor;
            return this;
        }

        /**
         * Writes checkpoints to {@code c} at each epoch end, every {@code every} iterations when
         * {@code every > 0}, and when stopped on request.
         */
        public Builder checkpoints(Checkpoints c, int every) {
            this.checkpoints = c;
            this.checkpointEvery = every;
            return this;
        }

        /** Continues from {@code c} (read from {@code file}) instead of the networks' initial weights. */
        public Builder resumeFrom(Checkpoint c, Path file) {
            this.resumeFrom = c;
            this.resumeFile = file;
            return this;
        }

        /** How divergence messages name the parts (default: plainly, "the loss"). */
        public Builder components(Components c) {
            this.components = Objects.requireNonNull(c);
            return this;
        }

        public Builder generator(Generator g) {
            this.generator = g;
            return this;
        }

        public Builder discriminator(Discriminator d) {
            this.discriminator = d;
            return this;
        }

        public Builder loss(Loss l) {
            this.loss = l;
            return this;
        }

        public Builder schedule(TrainingSchedule s) {
            this.schedule = s;
            return this;
        }

        public Builder generatorOptimizer(Optimizer o) {
            this.generatorOptimizer = o;
            return this;
        }

        public Builder discriminatorOptimizer(Optimizer o) {
            this.discriminatorOptimizer = o;
            return this;
        }

        public Builder dataset(Dataset d) {
            this.dataset = d;
            return this;
        }

        /** The run's seed; data order and noise derive their seeds from it. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Adds listeners, called in this order. */
        public Builder listeners(Iterable<? extends TrainingListener> ls) {
            ls.forEach(listeners::add);
            return this;
        }

        /** Size of the fixed noise batch sample grids show (default 64). */
        public Builder sampleCount(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("sampleCount must be positive, got " + n);
            }
            this.sampleCount = n;
            return this;
        }

        /** Stops after at most this many iterations; 0 (the default) for no cap. */
        public Builder maxIterations(long n) {
            this.maxIterations = n;
            return this;
        }

        /**
         * How a conditional run asks the generator for labels and weighs an AC-GAN discriminator's
         * classifier (see {@code ConditioningSettings}); default: the data's class frequencies, weight 1.
         *
         * @param uniform draw the generator's labels uniformly instead of with the data's frequencies
         */
        public Builder conditioning(boolean uniform, double auxiliaryWeight) {
            this.uniformLabels = uniform;
            this.auxiliaryWeight = auxiliaryWeight;
            return this;
        }

        /** Where real batches come from; {@link StreamBatches} by default. */
        public Builder batches(RealBatches.Factory f) {
            this.batches = Objects.requireNonNull(f);
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}

package org.gan4j.core.train;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.gan4j.core.error.Gan4jException;
import org.gan4j.core.nn.Norms;
import org.gan4j.core.nn.Parameters;
import org.gan4j.core.spi.Dataset;
import org.gan4j.core.spi.Discriminator;
import org.gan4j.core.spi.Generator;
import org.gan4j.core.spi.Loss;
import org.gan4j.core.spi.LossResult;
import org.gan4j.core.spi.Optimizer;
import org.gan4j.core.spi.Pass;
import org.gan4j.core.spi.TrainingSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The alternating GAN training loop.
 *
 * <p>One iteration is {@code schedule.discriminatorSteps(i)} discriminator steps, each on a fresh
 * real batch, then {@code schedule.generatorSteps(i)} generator steps:
 * <ul>
 * <li>discriminator step: zero D's gradients; D(real) on pass A; G(z) in training mode; D(fake) on
 *     pass B; the loss; back-propagate pass B then pass A into D's gradients; D's optimizer step;
 *     {@link TrainingSchedule#afterDiscriminatorStep} (weight clipping for WGAN).</li>
 * <li>generator step: zero G's gradients; D(fake) with the updated D; the generator loss;
 *     back-propagate through D without touching D's gradients, then through G; G's optimizer step.
 *     As in the PyTorch DCGAN reference, the first generator step reuses the generated batch of the
 *     iteration's last discriminator step (G's pass still holds its activations); further generator
 *     steps, or one after no discriminator step, draw new noise.</li>
 * </ul>
 * An epoch ends when its real batches are used up; the iteration that uses the last one may do fewer
 * discriminator steps than the schedule asks (as the PyTorch WGAN reference does).
 *
 * <p>Randomness comes from the seed only: data order, training noise and the fixed sample noise use
 * separate derived seeds. The training noise, the networks' own generators (dropout) and ND4J's
 * global one are reseeded at the start of every iteration from (seed, iteration), and the data order
 * depends only on (seed, epoch); so with the same seed and thread count two runs produce identical
 * numbers, and a run resumed from a {@link Checkpoint} continues exactly as if never stopped.
 *
 * <p>Checkpoints ({@link Builder#checkpoints}) are written after every epoch, every N iterations if
 * asked, and when a stop is requested; listeners get {@link TrainingListener#onCheckpoint} first.
 *
 * <p>With a generator average ({@link Builder#generatorAverage}), a {@link GeneratorAverage} follows
 * the generator's weights after every iteration; while the listeners' {@code onEpochEnd} and
 * {@code onEnd} run, the averaged weights are swapped into the generator, so sample grids, metrics
 * and the saved generator are the average's, and the optimizer keeps training the live weights.
 * Checkpoints carry the average.
 *
 * <p>A NaN or infinite loss or gradient norm (checked at every step), or parameter norm (checked
 * before each checkpoint and at the end) stops training, before any further checkpoint is written: the
 * listeners get {@code onEnd} with status {@code DIVERGED}, then a {@link Gan4jException} with exit
 * code {@link Gan4jException#DIVERGED} is thrown.
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
    private final Checkpoints checkpoints;
    private final int checkpointEvery;
    private final Checkpoint resumeFrom;
    /** The newest checkpoint written or resumed from in this run (named when training diverges). */
    private Path lastCheckpoint;
    /** The factor both learning rates run at: the checkpoint's, times this run's rollback factor. */
    private final double learningRateScale;
    /** Decay of the generator's weight average; 0 for none. */
    private final double averageDecay;

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
        this.checkpoints = b.checkpoints;
        this.checkpointEvery = b.checkpointEvery;
        this.resumeFrom = b.resumeFrom;
        this.lastCheckpoint = b.resumeFile;
        this.learningRateScale = (b.resumeFrom == null ? 1 : b.resumeFrom.learningRateScale()) * b.extraLearningRateScale;
        this.averageDecay = b.averageDecay;
    }

    public static Builder builder() {
        return new Builder();
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
        int batchSize = schedule.batchSize();
        Instant start = Instant.now();

        Random noiseRng = Nd4j.getRandomFactory().getNewRandomInstance(Seeds.derive(seed, "noise"));
        Random fixedRng = Nd4j.getRandomFactory().getNewRandomInstance(Seeds.derive(seed, "fixed-noise"));
        INDArray z = Nd4j.create(type, TrainerSupport.batchShape(batchSize, generator.inputShape()));
        INDArray fixedZ = Nd4j.create(type, TrainerSupport.batchShape(sampleCount, generator.inputShape()));
        generator.noise().sample(fixedZ, fixedRng);

        Pass gTrain = generator.newPass();
        Pass dReal = discriminator.newPass();
        Pass dFake = discriminator.newPass();
        FixedSamples samples = new FixedSamples(generator.newPass(), fixedZ);

        State s = new State();
        int batchInEpoch = 0;
        if (learningRateScale != 1) {
            generatorOptimizer.scaleLearningRate(learningRateScale);
            discriminatorOptimizer.scaleLearningRate(learningRateScale);
        }
        if (resumeFrom != null) {
            restore(resumeFrom);
        }
        GeneratorAverage average = averageDecay > 0 ? new GeneratorAverage(generator.parameters(), averageDecay) : null;
        if (resumeFrom != null) {
            restoreAverage(resumeFrom, average);
            s.iteration = resumeFrom.iteration();
            s.epoch = resumeFrom.epoch();
            s.completedEpochs = resumeFrom.completedEpochs();
            batchInEpoch = resumeFrom.batchInEpoch();
        }
        TrainingResult.Status status = TrainingResult.Status.COMPLETED;
        String message = null;
        Throwable failure = null;
        List<TrainingListener> started = new ArrayList<>();
        try (RealBatches real = batches.open(dataset, batchSize, Seeds.derive(seed, "data-order"), type)) {
            int perEpoch = real.batchesPerEpoch();
            long[] plan = plan(schedule, perEpoch, maxIterations);
            if (resumeFrom != null) {
                real.seek(s.epoch - 1L, batchInEpoch);
            }
            RunInfo info = new RunInfo(generator, discriminator, sampleShape, batchSize, perEpoch, plan[0], (int) plan[1], seed, start,
                    s.iteration, s.completedEpochs);
            for (TrainingListener l : listeners) {
                started.add(l);
                l.onStart(info);
            }
            long checkpointed = s.iteration;
            while (s.iteration < plan[0]) {
                if (stopRequested.getAsBoolean()) {
                    status = TrainingResult.Status.INTERRUPTED;
                    message = "stopped on request after " + s.iteration + " iterations";
                    if (checkpointed != s.iteration) {
                        checkpoint(s, batchInEpoch, average);
                    }
                    break;
                }
                long t0 = System.nanoTime();
                long it = s.iteration;
                reseed(noiseRng, it);
                int dSteps = Math.min(schedule.discriminatorSteps(it), perEpoch - batchInEpoch);
                int gSteps = schedule.generatorSteps(it);
                s.clearStep();
                INDArray fake = null;
                for (int k = 0; k < dSteps; k++) {
                    INDArray realBatch = real.next();
                    batchInEpoch++;
                    fake = discriminatorStep(realBatch, z, noiseRng, gTrain, dReal, dFake, s);
                }
                for (int k = 0; k < gSteps; k++) {
                    generatorStep(k == 0 ? fake : null, z, noiseRng, gTrain, dFake, s);
                }
                if (average != null) {
                    average.update(generatorOptimizer.steps());
                }
                s.iteration++;
                samples.invalidate();
                double seconds = (System.nanoTime() - t0) / 1e9;
                IterationStats stats = new IterationStats(s.iteration, s.epoch, s.dLoss, s.gLoss, s.dReal, s.dFake,
                        s.gNorm, s.dNorm, seconds, (long) dSteps * batchSize);
                for (TrainingListener l : listeners) {
                    l.onIteration(stats);
                }
                if (batchInEpoch >= perEpoch) {
                    int epoch = s.epoch;
                    withAverage(average, samples, () -> {
                        for (TrainingListener l : listeners) {
                            l.onEpochEnd(epoch, samples);
                        }
                    });
                    s.completedEpochs = s.epoch;
                    s.epoch++;
                    batchInEpoch = 0;
                    checkpoint(s, batchInEpoch, average);
                    checkpointed = s.iteration;
                } else if (checkpointEvery > 0 && s.iteration % checkpointEvery == 0) {
                    checkpoint(s, batchInEpoch, average);
                    checkpointed = s.iteration;
                }
            }
            if (s.iteration > 0 && status == TrainingResult.Status.COMPLETED) {
                checkParameters(s);
            }
        } catch (Gan4jException e) {
            status = e.exitCode() == Gan4jException.DIVERGED ? TrainingResult.Status.DIVERGED : TrainingResult.Status.FAILED;
            message = e.getMessage();
            failure = e;
        } catch (RuntimeException | Error e) {
            status = TrainingResult.Status.FAILED;
            message = String.valueOf(e);
            failure = e;
        }
        TrainingResult result = new TrainingResult(status, s.iteration, s.completedEpochs, start, Instant.now(), message);
        samples.invalidate(); // a failed iteration may have updated G after the last cached render
        Throwable[] thrown = {failure};
        withAverage(average, samples, () -> {
            for (TrainingListener l : started) {
                try {
                    l.onEnd(result, samples);
                } catch (RuntimeException e) {
                    if (thrown[0] == null) {
                        thrown[0] = e;
                    } else {
                        thrown[0].addSuppressed(e);
                    }
                }
            }
        });
        failure = thrown[0];
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        return result;
    }

    /**
     * Runs {@code listeners} with the generator holding the averaged weights when there is an
     * average, its fixed-noise render taken afresh before and after.
     */
    private static void withAverage(GeneratorAverage average, FixedSamples samples, Runnable listeners) {
        samples.invalidate();
        if (average == null) {
            listeners.run();
        } else {
            average.withAverage(listeners);
        }
        samples.invalidate();
    }

    /** One discriminator update; returns the generated batch (owned by {@code gTrain}). */
    private INDArray discriminatorStep(INDArray realBatch, INDArray z, Random rng, Pass gTrain, Pass dReal, Pass dFake, State s) {
        Parameters d = discriminator.parameters();
        d.zeroGradients();
        INDArray realScores = dReal.forward(realBatch, true);
        generator.noise().sample(z, rng);
        INDArray fake = gTrain.forward(z, true);
        INDArray fakeScores = dFake.forward(fake, true);
        LossResult r = loss.discriminatorLoss(realScores, fakeScores);
        check(s, "discriminator loss", r.value());
        s.dReal = loss.meanOutput(realScores);
        s.dFake = loss.meanOutput(fakeScores);
        dFake.backward(r.fakeGradient(), true, false); // D step: no input gradient needed
        dReal.backward(r.realGradient(), true, false);
        double norm = Norms.euclidean(d.gradients());
        check(s, "discriminator gradient norm", norm);
        s.dLoss = r.value();
        s.dNorm = norm;
        discriminatorOptimizer.step();
        schedule.afterDiscriminatorStep(discriminator, loss);
        return fake;
    }

    /** One generator update, on {@code fake} when given (else on a newly generated batch). */
    private void generatorStep(INDArray fake, INDArray z, Random rng, Pass gTrain, Pass dFake, State s) {
        Parameters g = generator.parameters();
        g.zeroGradients();
        if (fake == null) {
            generator.noise().sample(z, rng);
            fake = gTrain.forward(z, true);
        }
        INDArray fakeScores = dFake.forward(fake, true);
        LossResult r = loss.generatorLoss(fakeScores);
        check(s, "generator loss", r.value());
        INDArray dx = dFake.backward(r.fakeGradient(), false);
        gTrain.backward(dx, true, false); // the latent input needs no gradient
        double norm = Norms.euclidean(g.gradients());
        check(s, "generator gradient norm", norm);
        s.gLoss = r.value();
        s.gNorm = norm;
        generatorOptimizer.step();
    }

    private void check(State s, String quantity, double value) {
        check(s.iteration + 1, s.epoch, quantity, value);
    }

    /**
     * Non-finite parameters show up as a non-finite loss in the next iteration; they are checked
     * explicitly only before a checkpoint is written and at the end (a parameter norm per step would
     * cost as much as the gradient norm), so no checkpoint and no final weights hold them.
     */
    private void checkParameters(State s) {
        check(s.iteration, s.epoch, "generator parameter norm", Norms.euclidean(generator.parameters().values()));
        check(s.iteration, s.epoch, "discriminator parameter norm", Norms.euclidean(discriminator.parameters().values()));
    }

    private void check(long iteration, int epoch, String quantity, double value) {
        if (!Double.isFinite(value)) {
            String kept = lastCheckpoint == null ? "No checkpoint was written before it."
                    : "The last good checkpoint, " + lastCheckpoint + ", is kept; gan4j train --resume continues from it.";
            throw new Gan4jException(Gan4jException.DIVERGED, String.format(Locale.ROOT,
                    "Training diverged at iteration %d (epoch %d): the %s is %s. %s Try a lower learning rate, a "
                            + "different loss or a different seed.",
                    iteration, epoch, quantity, value, kept), null);
        }
    }

    /**
     * Makes iteration {@code it}'s randomness a function of (seed, it) only: the training noise, each
     * network's own generator (dropout) and ND4J's global one start afresh from derived seeds.
     */
    private void reseed(Random noiseRng, long it) {
        noiseRng.setSeed(Seeds.derive(seed, "noise", it));
        generator.reseed(Seeds.derive(seed, "generator-dropout", it));
        discriminator.reseed(Seeds.derive(seed, "discriminator-dropout", it));
        Nd4j.getRandom().setSeed(Seeds.derive(seed, "global", it));
    }

    /** Flushes the listeners' files, then writes the training state after {@code s.iteration} iterations. */
    private void checkpoint(State s, int batchInEpoch, GeneratorAverage average) {
        if (checkpoints == null || s.iteration == 0) {
            return;
        }
        checkParameters(s);
        for (TrainingListener l : listeners) {
            l.onCheckpoint(s.iteration);
        }
        Parameters g = generator.parameters();
        Parameters d = discriminator.parameters();
        java.util.Map<String, INDArray> arrays = new java.util.HashMap<>();
        arrays.put(Checkpoint.G_PARAMETERS, g.values());
        arrays.put(Checkpoint.G_STATE, g.state());
        arrays.put(Checkpoint.G_OPTIMIZER, generatorOptimizer.state());
        arrays.put(Checkpoint.D_PARAMETERS, d.values());
        arrays.put(Checkpoint.D_STATE, d.state());
        arrays.put(Checkpoint.D_OPTIMIZER, discriminatorOptimizer.state());
        if (average != null) {
            arrays.put(Checkpoint.G_AVERAGE, average.values());
            arrays.put(Checkpoint.G_AVERAGE_STATE, average.state());
        }
        lastCheckpoint = checkpoints.write(new Checkpoint(s.iteration, s.epoch, batchInEpoch, s.completedEpochs, seed,
                generatorOptimizer.steps(), discriminatorOptimizer.steps(), learningRateScale, arrays));
    }

    /** Copies a checkpoint's arrays into the networks and optimizers. */
    private void restore(Checkpoint c) {
        copy(c.array(Checkpoint.G_PARAMETERS), generator.parameters().values(), "generator parameters");
        copy(c.array(Checkpoint.G_STATE), generator.parameters().state(), "generator state");
        copy(c.array(Checkpoint.D_PARAMETERS), discriminator.parameters().values(), "discriminator parameters");
        copy(c.array(Checkpoint.D_STATE), discriminator.parameters().state(), "discriminator state");
        generatorOptimizer.restore(optimizerState(c.array(Checkpoint.G_OPTIMIZER), generatorOptimizer), c.generatorSteps());
        discriminatorOptimizer.restore(optimizerState(c.array(Checkpoint.D_OPTIMIZER), discriminatorOptimizer), c.discriminatorSteps());
    }

    /** Puts a checkpoint's generator average back; a checkpoint without one (written without ema) is refused. */
    private static void restoreAverage(Checkpoint c, GeneratorAverage average) {
        if (average == null) {
            return;
        }
        if (c.array(Checkpoint.G_AVERAGE) == null) {
            throw Gan4jException.badInput("The checkpoint has no average of the generator's weights, but the config asks for one"
                    + " (optimizer.ema); the run's config has changed since it was written.");
        }
        copy(c.array(Checkpoint.G_AVERAGE), average.values(), "averaged generator parameters");
        copy(c.array(Checkpoint.G_AVERAGE_STATE), average.state(), "averaged generator state");
    }

    private static INDArray optimizerState(INDArray saved, Optimizer optimizer) {
        INDArray current = optimizer.state();
        if (saved == null) {
            return current;
        }
        if (saved.length() != current.length()) {
            throw Gan4jException.badInput("The checkpoint's optimizer state has " + saved.length() + " values but the "
                    + "configured optimizer keeps " + current.length() + "; the run's config has changed since it was written.");
        }
        return saved.reshape(current.shape()).castTo(current.dataType());
    }

    private static void copy(INDArray saved, INDArray target, String what) {
        long n = saved == null ? 0 : saved.length();
        if (n != target.length()) {
            throw Gan4jException.badInput("The checkpoint's " + what + " have " + n + " values but the network the config "
                    + "builds has " + target.length() + "; the run's config has changed since it was written.");
        }
        if (n > 0) {
            target.assign(saved.reshape(target.shape()).castTo(target.dataType()));
        }
    }

    private void checkShapes(long[] sampleShape) {
        if (!Arrays.equals(sampleShape, generator.outputShape())) {
            throw new IllegalStateException("the generator makes samples of shape " + Arrays.toString(generator.outputShape())
                    + " but the data's are " + Arrays.toString(sampleShape));
        }
        if (!Arrays.equals(sampleShape, discriminator.inputShape())) {
            throw new IllegalStateException("the discriminator reads samples of shape " + Arrays.toString(discriminator.inputShape())
                    + " but the data's are " + Arrays.toString(sampleShape));
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

    /** Mutable numbers of the current iteration. */
    private static final class State {
        long iteration;
        int epoch = 1;
        int completedEpochs;
        double dLoss;
        double gLoss;
        double dReal;
        double dFake;
        double gNorm;
        double dNorm;

        void clearStep() {
            dLoss = gLoss = dReal = dFake = gNorm = dNorm = Double.NaN;
        }
    }

    /** Renders the fixed noise once per iteration at most, on its own pass so training activations stay intact. */
    private static final class FixedSamples implements SampleSource {
        private final Pass pass;
        private final INDArray noise;
        private INDArray cached;

        FixedSamples(Pass pass, INDArray noise) {
            this.pass = pass;
            this.noise = noise;
        }

        void invalidate() {
            cached = null;
        }

        @Override
        public INDArray samples() {
            if (cached == null) {
                cached = pass.forward(noise, false);
            }
            return cached;
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
        private double extraLearningRateScale = 1;
        private double averageDecay;

        private Builder() {
        }

        /**
         * Keeps an exponential moving average of the generator's weights with this decay (in (0, 1),
         * e.g. 0.999; see {@link GeneratorAverage}) for samples, metrics and the saved generator; 0 (the
         * default) for none.
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

package org.gan4j.core.train;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.Optimizer;
import org.gan4j.api.train.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * When the trainer writes a {@link Checkpoint}, what it holds, and putting one back: a checkpoint
 * after every epoch, every {@code every} iterations when asked, and when a stop is requested (unless
 * the last one already covers it). Before writing, the {@link DivergenceGuard} checks the parameters
 * (no checkpoint holds a non-finite value) and the listeners get
 * {@link TrainingListener#onCheckpoint}, so their files cover at least what the checkpoint does.
 * With a {@link GeneratorAverage}, the checkpoint carries it too.
 *
 * <p>The training thread takes a snapshot (copies of the arrays into buffers kept from one
 * checkpoint to the next, tens of milliseconds) and a background thread turns it into the file
 * ({@link Checkpoint#writeTo}, streamed from the snapshot), durably ({@link Checkpoints#write}:
 * temporary file, fsync, atomic rename), while training goes on: checksums and fsync cost up to
 * seconds per checkpoint on the DCGAN models. At most one write is in flight (the next checkpoint waits
 * for it, so the files appear in order and memory holds one snapshot); {@link #finish} waits for it
 * before the run ends, and a failed write (a full disk) surfaces there or at the next checkpoint.
 * A kill during the write leaves only the temporary file, which is never read as a checkpoint.
 */
final class CheckpointPolicy {

    private final Checkpoints checkpoints;
    private final int every;
    private final Generator generator;
    private final Discriminator discriminator;
    private final Optimizer generatorOptimizer;
    private final Optimizer discriminatorOptimizer;
    private final GeneratorAverage average;
    private final List<TrainingListener> listeners;
    private final long seed;
    private final double learningRateScale;
    private final DivergenceGuard guard;
    private final INDArray lossState;
    /** The newest checkpoint written or resumed from in this run, or null. */
    private Path last;
    /** The iteration count the last checkpoint (or the start) covers. */
    private long covered;
    /** The profile part of the training thread's waits for the writer (within {@link RunProfile#CHECKPOINTS}). */
    static final String WAIT = "checkpoints: waiting for the writer";
    /** The parts of the training thread's share of a write (within {@link RunProfile#CHECKPOINTS}). */
    static final String CHECK = "checkpoints: parameter check";
    static final String FLUSH = "checkpoints: listeners' files flushed";
    static final String SNAPSHOT = "checkpoints: snapshot";

    private final RunProfile profile;
    /** The background writer, started with the first checkpoint. */
    private ExecutorService writer;
    /** The write in flight, or null. */
    private Future<?> pending;
    /** The snapshot buffers by checkpoint entry, reused from one write to the next. */
    private final Map<String, INDArray> snapshots = new HashMap<>();

    /**
     * @param checkpoints where to write them, or null for none
     * @param every       also every this many iterations when positive
     * @param resumedFrom the checkpoint file the run resumed from, or null
     * @param average     the generator's weight average, or null for none
     * @param guard       checks the parameters before each write
     * @param lossState   the loss's state ({@code LossContext.state()}), saved and restored with the rest
     * @param profile     where the waits for the background writer are recorded
     */
    CheckpointPolicy(Checkpoints checkpoints, int every, Path resumedFrom, Generator generator, Discriminator discriminator,
                     Optimizer generatorOptimizer, Optimizer discriminatorOptimizer, GeneratorAverage average,
                     List<TrainingListener> listeners, long seed, double learningRateScale, DivergenceGuard guard,
                     INDArray lossState, RunProfile profile) {
        this.profile = profile;
        this.checkpoints = checkpoints;
        this.every = every;
        this.last = resumedFrom;
        this.generator = generator;
        this.discriminator = discriminator;
        this.generatorOptimizer = generatorOptimizer;
        this.discriminatorOptimizer = discriminatorOptimizer;
        this.average = average;
        this.listeners = listeners;
        this.seed = seed;
        this.learningRateScale = learningRateScale;
        this.guard = guard;
        this.lossState = lossState;
    }

    /** The newest checkpoint written or resumed from in this run, or null. */
    Path last() {
        return last;
    }

    /** Starts counting from a run's first iteration (0, or the resumed checkpoint's). */
    void startAt(Progress p) {
        covered = p.iteration;
    }

    /** After an iteration: the epoch-end checkpoint, or the periodic one when due; whether one was due. */
    boolean afterIteration(Progress p, boolean epochEnded) {
        if (pending != null && pending.isDone()) {
            awaitPending(); // a failed write (a full disk) stops the run at once, not at the next checkpoint
        }
        if (epochEnded || (every > 0 && p.iteration % every == 0)) {
            write(p);
            return true;
        }
        return false;
    }

    /** On a requested stop: a checkpoint of the iterations the last one does not cover. */
    void onStop(Progress p) {
        if (covered != p.iteration) {
            write(p);
        }
    }

    /** Flushes the listeners' files, then writes the training state after {@code p.iteration} iterations. */
    private void write(Progress p) {
        covered = p.iteration;
        if (checkpoints == null || p.iteration == 0) {
            return;
        }
        awaitPending(); // the previous write first: its failure is the one to report
        profile.time(CHECK, () -> guard.checkParameters(p));
        profile.time(FLUSH, () -> {
            for (TrainingListener l : listeners) {
                l.onCheckpoint(p.iteration);
            }
        });
        long t0 = System.nanoTime();
        Parameters g = generator.parameters();
        Parameters d = discriminator.parameters();
        Map<String, INDArray> arrays = new HashMap<>();
        arrays.put(Checkpoint.G_PARAMETERS, g.values());
        arrays.put(Checkpoint.G_STATE, g.state());
        arrays.put(Checkpoint.G_OPTIMIZER, generatorOptimizer.state());
        arrays.put(Checkpoint.D_PARAMETERS, d.values());
        arrays.put(Checkpoint.D_STATE, d.state());
        arrays.put(Checkpoint.D_OPTIMIZER, discriminatorOptimizer.state());
        arrays.put(Checkpoint.LOSS_STATE, lossState);
        if (average != null) {
            arrays.put(Checkpoint.G_AVERAGE, average.values());
            arrays.put(Checkpoint.G_AVERAGE_STATE, average.state());
        }
        arrays.replaceAll(this::snapshot); // training goes on changing the live arrays
        Checkpoint snapshot = new Checkpoint(p.iteration, p.epoch, p.batchInEpoch, p.completedEpochs, seed,
                generatorOptimizer.steps(), discriminatorOptimizer.steps(), learningRateScale, arrays, p.trainingSeconds);
        profile.add(SNAPSHOT, System.nanoTime() - t0);
        if (writer == null) {
            writer = Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(runnable, "gan4j-checkpoint-writer");
                t.setDaemon(true);
                return t;
            });
        }
        last = checkpoints.directory().resolve(Checkpoints.fileName(p.iteration));
        pending = writer.submit(() -> checkpoints.write(snapshot));
    }

    /**
     * A copy of {@code live} for the writer, in a buffer kept from the previous checkpoint (the write
     * that read it is done: {@link #write} waited for it). Allocating fresh copies every time cost
     * more than the copying (tens of megabytes of new native memory per checkpoint, its pages
     * faulted in on the training thread), and left the old ones for the garbage collector to free.
     */
    private INDArray snapshot(String name, INDArray live) {
        if (live.isEmpty()) {
            return live;
        }
        INDArray copy = snapshots.get(name);
        if (copy == null || copy.dataType() != live.dataType() || !java.util.Arrays.equals(copy.shape(), live.shape())) {
            copy = live.dup();
            snapshots.put(name, copy);
            return copy;
        }
        return copy.assign(live);
    }

    /**
     * Waits for the checkpoint being written, if any, and stops the writer thread.
     *
     * @throws java.io.UncheckedIOException (or what else the write threw) when it failed
     */
    void finish() {
        try {
            awaitPending();
        } finally {
            if (writer != null) {
                writer.shutdown();
                writer = null;
            }
        }
    }

    /** Waits for the write in flight; rethrows its failure on this thread. */
    private void awaitPending() {
        Future<?> f = pending;
        pending = null;
        if (f == null) {
            return;
        }
        long t0 = System.nanoTime();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the write must finish either way: a checkpoint is never abandoned half-written
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            profile.add(WAIT, System.nanoTime() - t0);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Copies a checkpoint's arrays into the networks, the optimizers and the loss's state.
     *
     * @throws Gan4jException exit code 2 naming the checkpoint file when its arrays do not fit what the
     *                        config builds
     */
    void restore(Checkpoint c) {
        try {
            restoreArrays(c);
        } catch (Gan4jException e) {
            throw Gan4jException.badInput((last == null ? "The checkpoint" : "The checkpoint " + last) + " does not fit the run's"
                    + " networks: " + e.getMessage() + " Either the run's saved config (checkpoints/config.json) was edited since the"
                    + " checkpoint was written, or the checkpoint is damaged: put the config back, delete this checkpoint to resume"
                    + " from an older one, or start the run again with gan4j train CONFIG --overwrite.", e);
        }
    }

    private void restoreArrays(Checkpoint c) {
        copy(c.array(Checkpoint.LOSS_STATE), lossState, "loss state");
        copy(c.array(Checkpoint.G_PARAMETERS), generator.parameters().values(), "generator parameters");
        copy(c.array(Checkpoint.G_STATE), generator.parameters().state(), "generator state");
        copy(c.array(Checkpoint.D_PARAMETERS), discriminator.parameters().values(), "discriminator parameters");
        copy(c.array(Checkpoint.D_STATE), discriminator.parameters().state(), "discriminator state");
        generatorOptimizer.restore(optimizerState(c.array(Checkpoint.G_OPTIMIZER), generatorOptimizer), c.generatorSteps());
        discriminatorOptimizer.restore(optimizerState(c.array(Checkpoint.D_OPTIMIZER), discriminatorOptimizer), c.discriminatorSteps());
        if (average != null) {
            if (c.array(Checkpoint.G_AVERAGE) == null) {
                throw Gan4jException.badInput("it has no average of the generator's weights, but the config asks for"
                        + " one (optimizer.ema).");
            }
            copy(c.array(Checkpoint.G_AVERAGE), average.values(), "averaged generator parameters");
            copy(c.array(Checkpoint.G_AVERAGE_STATE), average.state(), "averaged generator state");
        }
    }

    private static INDArray optimizerState(INDArray saved, Optimizer optimizer) {
        INDArray current = optimizer.state();
        if (saved == null) {
            return current;
        }
        if (saved.length() != current.length()) {
            throw Gan4jException.badInput("its optimizer state has " + saved.length() + " values but the "
                    + "configured optimizer keeps " + current.length() + ".");
        }
        return saved.reshape(current.shape()).castTo(current.dataType());
    }

    private static void copy(INDArray saved, INDArray target, String what) {
        long n = saved == null ? 0 : saved.length();
        if (n != target.length()) {
            throw Gan4jException.badInput("its " + what + " have " + n + " values but what the config "
                    + "builds has " + target.length() + ".");
        }
        if (n > 0) {
            target.assign(saved.reshape(target.shape()).castTo(target.dataType()));
        }
    }
}

package org.gan4j.core.run;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.train.IterationStats;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.Locations;
import org.gan4j.core.config.OutputSettings;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.config.RunNames;
import org.gan4j.core.train.Checkpoints;
import org.gan4j.core.train.IoFailures;
import org.gan4j.core.train.PluginSources;
import org.gan4j.core.csv.Csv;
import org.gan4j.core.train.RunDirectory;
import org.gan4j.core.train.RunLock;
import org.gan4j.core.train.RunProfile;
import org.gan4j.core.train.TrainOptions;
import org.gan4j.core.train.Trainer;

/**
 * Runs one training from a resolved config: prepares the run directory, creates an injector from
 * {@link RunModule} and the plugin modules, trains, and closes the dataset. Ctrl-C (a JVM shutdown)
 * stops training after the current iteration and waits up to {@value #STOP_WAIT_SECONDS} s for the
 * listeners to finish their files, so the run ends as {@code interrupted} with valid files.
 */
public final class TrainingRun {

    static final int STOP_WAIT_SECONDS = 30;

    /** Where a run went and how it ended. */
    public record Outcome(Path directory, TrainingResult result) {
    }

    private TrainingRun() {
    }

    /**
     * Trains and returns the run directory.
     *
     * @throws Gan4jException exit code 2 for a non-empty run directory without overwrite, a directory
     *                        another process is writing to, bad input or an I/O failure; exit code 3
     *                        when training diverged (the files are then complete up to that point)
     */
    public static Path run(RunConfig config, List<? extends Module> pluginModules, TrainOptions options) {
        return execute(config, pluginModules, options).directory();
    }

    /**
     * Like {@link #run} but also returns how training ended. The run directory is locked
     * ({@link RunLock}) while the command runs; a run refused or interrupted before its first
     * iteration leaves the directory as it found it (see {@link PreparedRunDirectory}).
     */
    public static Outcome execute(RunConfig config, List<? extends Module> pluginModules, TrainOptions options) {
        headless();
        Path dir = runDirectory(config, options);
        boolean created = createDirectory(dir);
        StopSignal stop = StopSignal.install();
        // a directory this command created is removed again when the run is refused before training,
        // including when it cannot even be locked (a full disk)
        boolean removeDirectory = created;
        try {
            try (RunLock lock = RunLock.acquire(dir.resolve(RunLock.FILE), "gan4j train", "the run directory " + dir)) {
                removeDirectory = false;
                noteStale(lock, options);
                PreparedRunDirectory prepared = PreparedRunDirectory.prepare(dir, options.overwrite(), created);
                IterationCounter trained = new IterationCounter();
                boolean keep = false;
                try {
                    Path savedConfig = dir.resolve(Checkpoints.DIRECTORY).resolve(Checkpoints.CONFIG);
                    Checkpoints.writeDurably(savedConfig, options.configJson().apply(config).getBytes(StandardCharsets.UTF_8));
                    Outcome outcome = train(dir, config, pluginModules, options, null, stop, trained);
                    keep = outcome.result().status() != TrainingResult.Status.INTERRUPTED || trained.count() > 0;
                    if (!keep) {
                        options.progress().println("Training was interrupted before its first iteration; " + dir
                                + " is left as it was, so the same command starts it again.");
                    }
                    return outcome;
                } catch (RuntimeException | Error e) {
                    keep = trained.count() > 0 || (e instanceof Gan4jException g && g.exitCode() == Gan4jException.DIVERGED);
                    throw asGan4j(e);
                } finally {
                    if (keep) {
                        prepared.keepNewResults();
                    } else {
                        // Refused or stopped before training (e.g. bad data): put back what --overwrite set
                        // aside, or remove what this command created, so the same command works again.
                        removeDirectory = prepared.restorePrevious() && created;
                    }
                }
            }
        } finally {
            if (removeDirectory) {
                try {
                    Files.deleteIfExists(dir); // only if empty: another process may have taken it meanwhile
                } catch (IOException e) {
                    // another writer's files, or a plugin's: left alone
                }
            }
            stop.release();
        }
    }

    /** Creates {@code dir} if missing; returns whether this call created it. */
    private static boolean createDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw Gan4jException.badInput("The run directory " + dir + " is a file. Choose another run name or output directory.");
        }
        boolean existed = Files.isDirectory(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw Gan4jException.badInput("Could not create the run directory " + dir + ": " + IoFailures.reason(e)
                    + ". Set output.dir in the config (or --output) to a folder you can write to.", e);
        }
        return !existed;
    }

    private static void noteStale(RunLock lock, TrainOptions options) {
        lock.staleHolder().filter(h -> !h.alive()).ifPresent(h -> options.progress().println("note: gan4j process " + h.pid()
                + " (" + h.purpose() + ", since " + h.since() + ") ended without releasing this run directory; taking it over."));
    }

    /** A {@link Gan4jException} as it is; an I/O failure as one naming the path; anything else unchanged. */
    private static RuntimeException asGan4j(Throwable e) {
        if (e instanceof Gan4jException g) {
            return g;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return IoFailures.find(e).map(RuntimeException.class::cast).orElse((RuntimeException) e);
    }

    /**
     * The config file a resumable run directory saved ({@code checkpoints/config.json}).
     *
     * @throws Gan4jException exit code 2 naming what is missing when {@code dir} is not a run directory
     *                        with a saved config
     */
    public static Path resumeConfig(Path dir) {
        if (Files.isRegularFile(dir)) {
            throw Gan4jException.badInput("Cannot resume " + dir + ": it is a file, not a run directory. Give the directory a gan4j "
                    + "train run wrote, e.g. runs/<name>.");
        }
        if (!Files.isDirectory(dir)) {
            throw Gan4jException.badInput("Cannot resume " + dir + ": no such directory. Give the run directory, "
                    + "e.g. runs/<name>.");
        }
        Path config = dir.resolve(Checkpoints.DIRECTORY).resolve(Checkpoints.CONFIG);
        if (!Files.isRegularFile(config)) {
            throw Gan4jException.badInput("Cannot resume " + dir + ": it has no " + Checkpoints.DIRECTORY + "/" + Checkpoints.CONFIG
                    + ", so it is not a gan4j run directory (or it was made by a gan4j without checkpoints). Give the directory a gan4j train run wrote, e.g. runs/<name>.");
        }
        return config;
    }

    /**
     * Continues the run in {@code dir} from its newest valid checkpoint with {@code config} (the one
     * read from {@link #resumeConfig}); damaged checkpoints are reported on the progress stream and
     * skipped. The run's files are continued: see {@link RunInfo#resumedIteration()}.
     *
     * @throws Gan4jException exit code 2 when the directory has no valid checkpoint
     */
    public static Outcome resume(Path dir, RunConfig config, List<? extends Module> pluginModules, TrainOptions options) {
        headless();
        resumeConfig(dir);
        StopSignal stop = StopSignal.install();
        try (RunLock lock = RunLock.acquire(dir.resolve(RunLock.FILE), "gan4j train --resume", "the run directory " + dir)) {
            noteStale(lock, options);
            Checkpoints checkpoints = new Checkpoints(dir.resolve(Checkpoints.DIRECTORY), config.output().checkpointKeep());
            Checkpoints.Loaded loaded = checkpoints.newestValid(options.progress()).orElseThrow(() -> Gan4jException.badInput(
                    "Cannot resume " + dir + ": " + checkpoints.directory() + (checkpoints.list().isEmpty()
                            ? " has no checkpoint yet (the run stopped before its first one)"
                            : " holds no valid checkpoint (all " + checkpoints.list().size() + " are damaged)")
                            + ". Start the run again with gan4j train CONFIG --overwrite."));
            options.progress().println("Resuming " + dir + " from " + loaded.file().getFileName() + " (iteration "
                    + loaded.checkpoint().iteration() + ").");
            return train(dir, config, pluginModules, options, loaded, stop, new IterationCounter());
        } catch (RuntimeException | Error e) {
            throw asGan4j(e);
        } finally {
            stop.release();
        }
    }

    /**
     * Trains; with {@code output.onDivergence: rollback}, a divergence goes back to the newest valid
     * checkpoint with both learning rates times {@code rollbackLrFactor} (compounded when the same
     * checkpoint is rolled back to again), up to {@code maxRollbacks} times.
     */
    private static Outcome train(Path dir, RunConfig config, List<? extends Module> pluginModules, TrainOptions options,
                                 Checkpoints.Loaded resume, StopSignal stop, IterationCounter trained) {
        OutputSettings out = config.output();
        RunProfile profile = new RunProfile(); // launch: the JVM and the command line up to here
        int rollbacks = 0;
        double scale = 1;
        Path lastTarget = null;
        while (true) {
            try {
                return trainOnce(dir, config, pluginModules, options, resume, scale, stop, trained, profile);
            } catch (Gan4jException e) {
                if (e.exitCode() != Gan4jException.DIVERGED || !OutputSettings.ROLLBACK.equals(out.onDivergence())
                        || rollbacks >= out.maxRollbacks()) {
                    throw e;
                }
                Checkpoints checkpoints = new Checkpoints(dir.resolve(Checkpoints.DIRECTORY), out.checkpointKeep());
                Checkpoints.Loaded target = checkpoints.newestValid(options.progress()).orElseThrow(() -> e);
                scale = target.file().equals(lastTarget) ? scale * out.rollbackLrFactor() : out.rollbackLrFactor();
                lastTarget = target.file();
                rollbacks++;
                resume = target;
                options.progress().println(e.getMessage().split("\\. ")[0] + ". Rolling back to " + target.file().getFileName()
                        + " (iteration " + target.checkpoint().iteration() + ") with the learning rates x " + scale
                        + " (rollback " + rollbacks + " of at most " + out.maxRollbacks() + ").");
            }
        }
    }

    private static Outcome trainOnce(Path dir, RunConfig config, List<? extends Module> pluginModules, TrainOptions options,
                                     Checkpoints.Loaded resume, double learningRateScale, StopSignal stop, IterationCounter trained,
                                     RunProfile profile) {
        List<Module> modules = new ArrayList<>();
        RunModule runModule = new RunModule(config, options, new RunDirectory(dir), PluginSources.of(pluginModules));
        runModule.learningRateScale(learningRateScale);
        runModule.profile(profile);
        if (resume != null) {
            runModule.resumeFrom(resume);
        }
        modules.add(runModule);
        modules.add(binder -> Multibinder.newSetBinder(binder, TrainingListener.class).addBinding().toInstance(trained));
        modules.addAll(pluginModules);
        Injector injector = profile.timed("setup injector", () -> unwrapped(() -> Guice.createInjector(modules)));

        Dataset dataset = null;
        try {
            dataset = profile.timed("setup data", () -> unwrapped(() -> injector.getInstance(Dataset.class)));
            Trainer trainer = profile.timed("setup trainer", () -> unwrapped(() -> injector.getInstance(Trainer.class)));
            TrainingResult result = trainer.run(stop::requested);
            writeProfile(profile, dir);
            if (result.status() == TrainingResult.Status.INTERRUPTED && result.iterations() > 0) {
                // Printed here, before the shutdown hook is released: once it is, the JVM may halt at any moment.
                Path shown = Locations.shown(dir);
                options.progress().println("Training was interrupted after " + result.iterations() + " iterations; the results "
                        + "so far and a checkpoint are in " + shown + ". Continue with: gan4j train --resume " + shown);
                options.progress().flush();
            }
            return new Outcome(dir, result);
        } finally {
            if (dataset != null) {
                dataset.close();
            }
        }
    }

    /** {@code profile.csv}: diagnostics only, so a failure to write it (a full disk) does not fail the run. */
    private static void writeProfile(RunProfile profile, Path dir) {
        try {
            Csv.write(dir.resolve(RunProfile.FILE), RunProfile.HEADER, profile.rows());
        } catch (java.io.UncheckedIOException e) {
            // the run's own files are complete; the profile is not worth failing it for
        }
    }

    /** Counts the iterations completed in this command (a run that completed none is undone when it fails). */
    static final class IterationCounter implements TrainingListener {
        private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void onIteration(IterationStats stats) {
            count.incrementAndGet();
        }

        long count() {
            return count.get();
        }
    }

    /**
     * Ctrl-C (SIGINT) or SIGTERM while a command runs: a shutdown hook asks training to stop after the
     * current iteration and holds the JVM up to {@value #STOP_WAIT_SECONDS} s until {@link #release}, so the
     * run's files are finished (or, before the first iteration, the directory is put back as it was).
     */
    static final class StopSignal {
        private final AtomicBoolean requested = new AtomicBoolean();
        private final CountDownLatch finished = new CountDownLatch(1);
        private final Thread hook;
        private final boolean hooked;

        private StopSignal() {
            hook = new Thread(() -> {
                requested.set(true);
                try {
                    finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "gan4j-stop");
            hooked = addHook(hook);
        }

        static StopSignal install() {
            return new StopSignal();
        }

        boolean requested() {
            return requested.get();
        }

        /** The command is done with its files: the JVM may exit. */
        void release() {
            finished.countDown();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook is running, nothing to remove
                }
            }
        }
    }

    /**
     * {@code <outputRoot or output.dir>/<name>}, relative roots resolved against the base directory.
     *
     * @throws Gan4jException exit code 2 when the name is not one folder name (see {@link RunNames}), so
     *                        that the directory would not lie inside the output folder
     */
    public static Path runDirectory(RunConfig config, TrainOptions options) {
        Path base = options.baseDirectory();
        // resolved as text: the base directory may be on another file system than the default one (tests use an in-memory one)
        Path root = options.outputRoot() != null ? base.resolve(options.outputRoot().toString()) : base.resolve(config.output().dir());
        String name = config.name() == null || config.name().isBlank() ? "run" : config.name();
        RunNames.problem(name).ifPresent(p -> {
            throw Gan4jException.badInput("name: the run name " + p + ". The run directory is <output.dir>/<name>, so the name must "
                    + "be one folder name: set name in the config to letters, digits, '.', '-' and '_', e.g. mnist-ns-1.");
        });
        Path parent = root.normalize();
        Path dir = parent.resolve(name).normalize();
        if (!parent.equals(dir.getParent())) {
            throw Gan4jException.badInput("name: the run directory " + dir + " would not lie inside the output folder " + parent
                    + ". Set name in the config to one folder name.");
        }
        return dir;
    }

    /**
     * Guice wraps what a provider throws (opening the data, building a model) in its own exceptions;
     * a {@link Gan4jException} inside is the user-facing error, so it is rethrown as it is.
     */
    static <T> T unwrapped(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (com.google.inject.ProvisionException | com.google.inject.CreationException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof Gan4jException g) {
                    throw g;
                }
            }
            java.util.Collection<com.google.inject.spi.Message> messages = e instanceof com.google.inject.ProvisionException p
                    ? p.getErrorMessages() : ((com.google.inject.CreationException) e).getErrorMessages();
            for (com.google.inject.spi.Message m : messages) {
                for (Throwable c = m.getCause(); c != null; c = c.getCause()) {
                    if (c instanceof Gan4jException g) {
                        throw g;
                    }
                }
            }
            throw e;
        }
    }

    /** Pictures are drawn off-screen; never let AWT look for a display. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // ImageIO's disk cache registers a JVM shutdown hook on first use, which fails ("Shutdown in
        // progress") when the first picture is drawn after Ctrl-C; pictures are small, memory will do.
        javax.imageio.ImageIO.setUseCache(false);
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}

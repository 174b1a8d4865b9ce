package org.gan4j.core.run;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.Locations;
import org.gan4j.core.config.OutputSettings;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.train.Checkpoints;
import org.gan4j.core.train.PluginSources;
import org.gan4j.core.train.RunDirectory;
import org.gan4j.core.train.TrainOptions;
import org.gan4j.core.train.Trainer;
import org.gan4j.core.train.output.LossCurvePlotter;
import org.gan4j.core.train.output.ManifestWriter;
import org.gan4j.core.train.output.MetricsCsvWriter;
import org.gan4j.core.train.output.ModelWriter;
import org.gan4j.core.train.output.SampleImageWriter;
import org.gan4j.core.train.output.TimingCsvWriter;

/**
 * Runs one training from a resolved config: prepares the run directory, creates an injector from
 * {@link RunModule} and the plugin modules, trains, and closes the dataset. Ctrl-C (a JVM shutdown)
 * stops training after the current iteration and waits up to {@value #STOP_WAIT_SECONDS} s for the
 * listeners to finish their files, so the run ends as {@code interrupted} with valid files.
 */
public final class TrainingRun {

    static final int STOP_WAIT_SECONDS = 30;

    /** Files and directories gan4j writes in a run directory; {@code --overwrite} deletes these only. */
    public static final List<String> OUTPUTS = List.of(ManifestWriter.FILE, MetricsCsvWriter.FILE, TimingCsvWriter.FILE,
            LossCurvePlotter.FILE, ModelWriter.GENERATOR, ModelWriter.DISCRIMINATOR, SampleImageWriter.DIRECTORY,
            Checkpoints.DIRECTORY);

    /** Hidden folder in a run directory holding, during a {@code --overwrite} run, the results it replaces. */
    static final String OVERWRITTEN = ".gan4j-overwritten";

    /** Where a run went and how it ended. */
    public record Outcome(Path directory, TrainingResult result) {
    }

    private TrainingRun() {
    }

    /**
     * Trains and returns the run directory.
     *
     * @throws Gan4jException exit code 2 for a non-empty run directory without overwrite or bad input,
     *                        exit code 3 when training diverged (the files are then complete up to that point)
     */
    public static Path run(RunConfig config, List<? extends Module> pluginModules, TrainOptions options) {
        return execute(config, pluginModules, options).directory();
    }

    /** Like {@link #run} but also returns how training ended. */
    public static Outcome execute(RunConfig config, List<? extends Module> pluginModules, TrainOptions options) {
        headless();
        Path dir = runDirectory(config, options);
        boolean fresh = !Files.exists(dir);
        Path aside = prepare(dir, options.overwrite());
        Path savedConfig = dir.resolve(Checkpoints.DIRECTORY).resolve(Checkpoints.CONFIG);
        boolean nothingWritten = false;
        try {
            Checkpoints.writeDurably(savedConfig, options.configJson().apply(config).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return train(dir, config, pluginModules, options, null);
        } catch (RuntimeException | Error e) {
            nothingWritten = onlySavedConfig(dir, savedConfig, aside);
            throw e;
        } finally {
            if (nothingWritten) {
                // Refused before training wrote anything (e.g. bad data): put back what --overwrite set
                // aside, or remove the directory this command created, so the same command works again.
                undo(dir, aside, fresh);
            } else if (aside != null) {
                quietlyDelete(aside);
            }
        }
    }

    /** Whether {@code dir} holds nothing but directories, the saved config and the set-aside results. */
    private static boolean onlySavedConfig(Path dir, Path savedConfig, Path aside) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.allMatch(p -> Files.isDirectory(p) || p.equals(savedConfig) || (aside != null && p.startsWith(aside)));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static void undo(Path dir, Path aside, boolean fresh) {
        try {
            if (aside == null) {
                if (fresh) {
                    deleteRecursively(dir);
                }
                return;
            }
            for (String name : OUTPUTS) {
                deleteRecursively(dir.resolve(name));
            }
            try (Stream<Path> kept = Files.list(aside)) {
                for (Path p : kept.toList()) {
                    Files.move(p, dir.resolve(p.getFileName().toString()));
                }
            }
            Files.delete(aside);
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: the message already says what went wrong; set-aside results stay in the hidden folder
        }
    }

    private static void quietlyDelete(Path p) {
        try {
            deleteRecursively(p);
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover hidden folder; the next --overwrite deletes it
        }
    }

    /**
     * The config file a resumable run directory saved ({@code checkpoints/config.json}).
     *
     * @throws Gan4jException exit code 2 naming what is missing when {@code dir} is not a run directory
     *                        with a saved config
     */
    public static Path resumeConfig(Path dir) {
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
        Checkpoints checkpoints = new Checkpoints(dir.resolve(Checkpoints.DIRECTORY), config.output().checkpointKeep());
        Checkpoints.Loaded loaded = checkpoints.newestValid(options.progress()).orElseThrow(() -> Gan4jException.badInput(
                "Cannot resume " + dir + ": " + checkpoints.directory() + (checkpoints.list().isEmpty()
                        ? " has no checkpoint yet (the run stopped before its first one)"
                        : " holds no valid checkpoint (all " + checkpoints.list().size() + " are damaged)")
                        + ". Start the run again with gan4j train CONFIG --overwrite."));
        options.progress().println("Resuming " + dir + " from " + loaded.file().getFileName() + " (iteration "
                + loaded.checkpoint().iteration() + ").");
        return train(dir, config, pluginModules, options, loaded);
    }

    /**
     * Trains; with {@code output.onDivergence: rollback}, a divergence goes back to the newest valid
     * checkpoint with both learning rates times {@code rollbackLrFactor} (compounded when the same
     * checkpoint is rolled back to again), up to {@code maxRollbacks} times.
     */
    private static Outcome train(Path dir, RunConfig config, List<? extends Module> pluginModules, TrainOptions options,
                                 Checkpoints.Loaded resume) {
        OutputSettings out = config.output();
        int rollbacks = 0;
        double scale = 1;
        Path lastTarget = null;
        while (true) {
            try {
                return trainOnce(dir, config, pluginModules, options, resume, scale);
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
                                     Checkpoints.Loaded resume, double learningRateScale) {
        List<Module> modules = new ArrayList<>();
        RunModule runModule = new RunModule(config, options, new RunDirectory(dir), PluginSources.of(pluginModules));
        runModule.learningRateScale(learningRateScale);
        if (resume != null) {
            runModule.resumeFrom(resume);
        }
        modules.add(runModule);
        modules.addAll(pluginModules);
        Injector injector = unwrapped(() -> Guice.createInjector(modules));

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gan4j-stop");
        Dataset dataset = null;
        boolean hooked = addHook(hook);
        try {
            dataset = unwrapped(() -> injector.getInstance(Dataset.class));
            Trainer trainer = unwrapped(() -> injector.getInstance(Trainer.class));
            TrainingResult result = trainer.run(stop::get);
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

    /** {@code <outputRoot or output.dir>/<name>}, relative roots resolved against the base directory. */
    public static Path runDirectory(RunConfig config, TrainOptions options) {
        Path root = options.outputRoot() != null ? options.outputRoot() : Path.of(config.output().dir());
        String name = config.name() == null || config.name().isBlank() ? "run" : config.name();
        return options.baseDirectory().resolve(root).resolve(name).normalize();
    }

    /**
     * Creates the run directory, refusing a non-empty one unless {@code overwrite}; with overwrite,
     * moves only the files gan4j writes ({@link #OUTPUTS}) into {@link #OVERWRITTEN} (returned; null
     * when nothing was set aside) and leaves anything else alone.
     */
    static Path prepare(Path dir, boolean overwrite) {
        Path aside = null;
        try {
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                if (!overwrite) {
                    throw Gan4jException.badInput("The run directory " + dir + " already exists and is not empty. Choose another "
                            + "run name or output directory, or pass --overwrite to replace its results.");
                }
                // Moved aside rather than deleted: a run refused for bad input puts them back (see execute).
                aside = dir.resolve(OVERWRITTEN);
                deleteRecursively(aside);
                Files.createDirectory(aside);
                for (String name : OUTPUTS) {
                    if (Files.exists(dir.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.move(dir.resolve(name), aside.resolve(name));
                    }
                }
            } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw Gan4jException.badInput("The run directory " + dir + " is a file. Choose another run name or output directory.");
            }
            Files.createDirectories(dir);
            return aside;
        } catch (IOException e) {
            // A FileSystemException's message may be just the path (e.g. under /proc): name the kind of failure too.
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() == null
                    ? e.getMessage() + " (" + e.getClass().getSimpleName() + ")" : e.getMessage();
            throw Gan4jException.badInput("Could not create the run directory " + dir + ": " + why
                    + ". Set output.dir in the config (or --output) to a folder you can write to.", e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Guice wraps what a provider throws (opening the data, building a model) in its own exceptions;
     * a {@link Gan4jException} inside is the user-facing error, so it is rethrown as it is.
     */
    private static <T> T unwrapped(java.util.function.Supplier<T> action) {
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

package org.gan4j.core.compare;

import com.google.inject.Module;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.run.Preflight;
import org.gan4j.core.run.TrainingRun;
import org.gan4j.core.train.IoFailures;
import org.gan4j.core.train.RunLock;
import org.gan4j.core.train.TrainOptions;
import org.gan4j.core.train.output.MetricsEvaluator;

/**
 * Trains an experiment's cells into {@code <experiment dir>/cells/<cell>/}, one after the other or
 * {@code parallel} at a time, skipping cells whose manifest already says {@code completed} (so an
 * interrupted comparison resumes where it stopped); any other existing cell is trained again from
 * scratch. Each cell's training progress goes to {@code <experiment dir>/logs/<cell>.log}. A cell
 * that diverges or fails does not stop the others.
 */
public final class CompareRunner {

    /** Subdirectories of the experiment directory. */
    public static final String CELLS = "cells";
    public static final String LOGS = "logs";

    private CompareRunner() {
    }

    /** How one cell went in this invocation. */
    public record Outcome(Cell cell, Path directory, boolean skipped, String status, String message) {
    }

    /** How a cell's training ended: {@code completed}, {@code interrupted}, {@code diverged} or {@code failed}, and why. */
    public record Trained(String status, String message) {
    }

    /** Trains the cells on this machine, {@code parallel} at a time (at least 1). */
    public static CellRunner local(int parallel) {
        if (parallel < 1) {
            throw Gan4jException.badInput("--parallel must be at least 1, got " + parallel + ".");
        }
        return (experiment, cells, experimentDir, plugins, options, log) -> run(experiment, cells, experimentDir, plugins, options, parallel, log);
    }

    /**
     * Locks the experiment directory (created if missing) for this command: one {@code compare} at a
     * time writes its cells, logs and report.
     *
     * @throws Gan4jException exit code 2 naming the other process when one holds it
     */
    public static RunLock lock(Path experimentDir) {
        try {
            Files.createDirectories(experimentDir);
        } catch (IOException e) {
            throw IoFailures.of("create", experimentDir, e);
        }
        return RunLock.acquire(experimentDir.resolve(RunLock.FILE), "gan4j compare", "the experiment directory " + experimentDir);
    }

    /** {@code <base>/<experiment.output>/<experiment.name>}. */
    public static Path directory(Experiment experiment, Path baseDirectory) {
        return baseDirectory.resolve(experiment.output()).resolve(experiment.name()).normalize();
    }

    /**
     * Runs the cells not yet completed.
     *
     * @param options  base options (config rendering, base directory); output root, overwrite and progress are set per cell
     * @param parallel cells trained at once (at least 1)
     * @param log      one line per cell as it starts and ends
     */
    public static List<Outcome> run(Experiment experiment, List<Cell> cells, Path experimentDir, List<? extends Module> plugins,
                                    TrainOptions options, int parallel, PrintStream log) {
        if (parallel < 1) {
            throw Gan4jException.badInput("--parallel must be at least 1, got " + parallel + ".");
        }
        Path cellsDir = experimentDir.resolve(CELLS);
        Path logs = experimentDir.resolve(LOGS);
        // Every mistake a cell's config, data or size can make is found before the first cell trains.
        List<Cell> toTrain = cells.stream().filter(c -> !CellResult.completed(cellsDir.resolve(c.name()))).toList();
        Preflight.check(toTrain.stream().map(Cell::config).toList(), toTrain.stream().map(c -> cellsDir.resolve(c.name())).toList(),
                plugins, options.withProgress(log), c -> "the experiment " + experiment.file() + ", cell " + c.name());
        try {
            Files.createDirectories(cellsDir);
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw IoFailures.of("create", cellsDir, e);
        }
        AtomicInteger done = new AtomicInteger();
        int total = cells.size();
        List<java.util.concurrent.Callable<Outcome>> tasks = new ArrayList<>();
        for (Cell cell : cells) {
            tasks.add(() -> runCell(experiment, cell, cellsDir, logs, plugins, options, log, done, total));
        }
        List<Outcome> outcomes = new ArrayList<>();
        if (parallel == 1) {
            for (var task : tasks) {
                try {
                    outcomes.add(task.call());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return outcomes;
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "gan4j-compare");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = pool.invokeAll(tasks);
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while comparing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }

    private static Outcome runCell(Experiment experiment, Cell cell, Path cellsDir, Path logs, List<? extends Module> plugins,
                                   TrainOptions options, PrintStream log, AtomicInteger done, int total) throws IOException {
        Path dir = cellsDir.resolve(cell.name());
        if (CellResult.completed(dir)) {
            synchronized (log) {
                log.printf(Locale.ROOT, "[%d/%d] %s: already completed, skipped%n", done.incrementAndGet(), total, cell.name());
            }
            return new Outcome(cell, dir, true, "completed", null);
        }
        long start = System.nanoTime();
        Trained trained;
        Path logFile = logs.resolve(cell.name() + ".log");
        PrintStream progress;
        try {
            progress = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw IoFailures.of("write", logFile, e);
        }
        try (progress) {
            // a full disk or a read-only folder stops the comparison: the next cell would fail the same way
            trained = trainOrStop(cell.config(), cellsDir, experiment.file(), plugins, options, progress, false);
        }
        String status = trained.status();
        String message = trained.message();
        double seconds = (System.nanoTime() - start) / 1e9;
        String metrics = finalMetrics(dir);
        synchronized (log) {
            log.printf(Locale.ROOT, "[%d/%d] %s: %s in %.1f s%s%s%n", done.incrementAndGet(), total, cell.name(), status, seconds,
                    metrics.isEmpty() ? "" : " (" + metrics + ")", message == null ? "" : ": " + message);
            log.flush();
        }
        return new Outcome(cell, dir, false, status, message);
    }

    /**
     * Trains one cell's config into {@code cellsDir/<its name>}, replacing what a failed or interrupted
     * run left there, or with {@code resume} continues that run from its newest valid checkpoint. A
     * run that fails or diverges is reported in the result (its message also goes to {@code progress}),
     * not thrown: it says something about the cell, not about the comparison.
     */
    public static Trained train(RunConfig config, Path cellsDir, Path experimentFile, List<? extends Module> plugins,
                                TrainOptions options, PrintStream progress, boolean resume) {
        try {
            return trainOrStop(config, cellsDir, experimentFile, plugins, options, progress, resume);
        } catch (IoFailures.IoFailureException e) {
            return new Trained("failed", e.getMessage());
        }
    }

    /** As {@link #train}, but a file that cannot be read or written (a full disk, a read-only folder) is thrown. */
    static Trained trainOrStop(RunConfig config, Path cellsDir, Path experimentFile, List<? extends Module> plugins,
                               TrainOptions options, PrintStream progress, boolean resume) {
        TrainOptions cellOptions = options.withOutputRoot(cellsDir).withOverwrite(true).withTerminal(false)
                .withProgress(progress).withConfigFile(experimentFile.toAbsolutePath().normalize());
        try {
            TrainingRun.Outcome outcome = resume
                    ? TrainingRun.resume(TrainingRun.runDirectory(config, cellOptions), config, plugins, cellOptions)
                    : TrainingRun.execute(config, plugins, cellOptions);
            return new Trained(outcome.result().status().label(), null);
        } catch (IoFailures.IoFailureException e) {
            progress.println(e.getMessage());
            throw e;
        } catch (Gan4jException e) {
            progress.println(e.getMessage());
            return new Trained(e.exitCode() == Gan4jException.DIVERGED ? "diverged" : "failed", e.getMessage());
        } catch (RuntimeException e) {
            e.printStackTrace(progress);
            return new Trained("failed", e.toString());
        }
    }

    /** The final metric values of a run directory as one line, e.g. {@code modes 8, kl 0.0213}; empty without an evaluation. */
    public static String finalMetrics(Path dir) {
        var evaluation = CellResult.json(dir.resolve(MetricsEvaluator.JSON));
        if (evaluation == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        evaluation.path("metrics").fields().forEachRemaining(m -> m.getValue().fields().forEachRemaining(v ->
                parts.add(v.getKey() + " " + (v.getValue().isNumber() ? Stat.format(v.getValue().asDouble()) : "–"))));
        return String.join(", ", parts);
    }
}

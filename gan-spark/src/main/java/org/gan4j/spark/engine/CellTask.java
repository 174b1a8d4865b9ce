package org.gan4j.spark.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * One cell as one Spark task. On the executor it trains the cell in a working directory of its own,
 * copies each new checkpoint (with the run's files up to it) to the cell's directory in the shared
 * output as soon as it is written, and at the end commits the run there, {@code manifest.json}
 * last and by rename: a cell whose manifest says {@code completed} is complete. A later attempt of
 * the same task (Spark retries a task whose executor was lost) finds the copied checkpoint and
 * continues from it, exactly, rather than from the start. A cell whose training fails for a reason
 * of its own (a bad config, divergence) returns that as its outcome, so Spark does not retry it;
 * only failures of the machinery (a lost executor, unreachable storage) fail the task.
 *
 * <p>Each attempt claims the cell by writing an id to {@code .gan4j-attempts/<cell>} and stops
 * copying once another attempt has claimed it, so an attempt Spark gave up on that still runs
 * somewhere cannot overwrite the newer one's files.
 *
 * <p>Input and output are maps of JDK values (see {@link Engine#cellSpec}).
 */
final class CellTask implements Function<Map<String, Object>, Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    static final String CELLS = "cells";
    static final String LOGS = "logs";
    static final String ATTEMPTS = ".gan4j-attempts";
    static final String CHECKPOINTS = "checkpoints";

    @Override
    public Map<String, Object> call(Map<String, Object> spec) throws Exception {
        String cell = (String) spec.get("cell");
        Storage experiment = Storage.open((String) spec.get("experimentUri"), Engine.hadoopConfiguration());
        String cellDir = CELLS + "/" + cell;
        String logFile = LOGS + "/" + cell + ".log";
        Map<String, Object> outcome = new HashMap<>();
        outcome.put("cell", cell);
        outcome.put("executor", SparkEnv.get().executorId());
        outcome.put("attempt", TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber());
        if ("completed".equals(experiment.status(cellDir))) {
            outcome.put("status", "completed");
            outcome.put("skipped", true);
            return outcome;
        }
        String claim = UUID.randomUUID().toString();
        experiment.write(ATTEMPTS + "/" + cell, claim);
        Path work = Path.of(SparkFiles.getRootDirectory()).toAbsolutePath().resolve("gan4j-cells")
                .resolve(cell + "." + claim.substring(0, 8));
        Path cellsDir = work.resolve(CELLS);
        Path runDir = cellsDir.resolve(cell);
        Path log = work.resolve(cell + ".log");
        // The run directory itself is made by the training (a cell refused before it trains leaves none, as in plain compare).
        Files.createDirectories(cellsDir);
        try {
            String status = experiment.status(cellDir);
            List<String> checkpoints = experiment.list(cellDir + "/" + CHECKPOINTS).stream().filter(CellTask::isCheckpoint).toList();
            boolean resume = ("running".equals(status) || "interrupted".equals(status)) && !checkpoints.isEmpty();
            if (resume) {
                experiment.downloadTree(cellDir, runDir, rel -> false);
                String earlier = experiment.read(logFile);
                if (earlier != null) {
                    Files.writeString(log, earlier);
                }
            } else {
                experiment.delete(cellDir);
            }
            String newest = checkpoints.stream().max(Comparator.naturalOrder()).orElse(null);
            String header = String.format("== %s attempt %d of the cell on executor %s, host %s, pid %d: %s%n", Instant.now(),
                    TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber(), SparkEnv.get().executorId(),
                    java.net.InetAddress.getLocalHost().getHostName(), ProcessHandle.current().pid(),
                    resume ? "continuing from the copied " + newest : "training from the start");
            Files.writeString(log, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            experiment.mkdirs(LOGS);
            experiment.upload(log, logFile, true);
            outcome.put("resumedFrom", resume ? newest : null);

            Map<String, Object> request = new HashMap<>(spec);
            request.put("action", "train");
            request.put("cellsDir", cellsDir.toString());
            request.put("log", log.toString());
            request.put("resume", resume);
            request.put("plugins", new java.util.ArrayList<>(Engine.pluginDirectories(spec)));
            CheckpointCopier copier = new CheckpointCopier(experiment, cellDir, runDir, () -> owns(experiment, cell, claim));
            Map<String, Object> trained;
            long start = System.nanoTime();
            copier.start();
            try {
                trained = Gan4jWorld.worker().apply(request);
            } finally {
                copier.finish();
            }
            if (copier.lastFailure() != null) {
                Files.writeString(log, "Note: copying a checkpoint to the shared output failed (" + Engine.rootMessage(copier.lastFailure())
                        + "); a lost executor would have cost this cell more.\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            outcome.putAll(trained);
            outcome.put("seconds", (System.nanoTime() - start) / 1e9);
            if (!owns(experiment, cell, claim)) {
                throw new IllegalStateException("another attempt of the cell " + cell + " took it over; this one's results are dropped");
            }
            commit(experiment, cellDir, runDir);
            experiment.upload(log, logFile, true);
            experiment.delete(ATTEMPTS + "/" + cell);
            return outcome;
        } finally {
            deleteQuietly(work);
        }
    }

    /**
     * Makes the shared cell directory equal to the local run: every file but the manifest, then
     * stale files removed, then the manifest by rename. Until the rename the shared manifest is an
     * earlier copy (status {@code running}) or absent, so the cell never reads as complete early.
     */
    static void commit(Storage experiment, String cellDir, Path runDir) throws IOException {
        java.util.Set<String> copied = experiment.uploadTree(runDir, cellDir, rel -> !rel.equals(Storage.MANIFEST));
        experiment.deleteOthers(cellDir, rel -> copied.contains(rel) || rel.equals(Storage.MANIFEST));
        Path manifest = runDir.resolve(Storage.MANIFEST);
        if (Files.isRegularFile(manifest)) {
            experiment.upload(manifest, cellDir + "/" + Storage.MANIFEST, true);
        }
    }

    static boolean isCheckpoint(String name) {
        return name.startsWith("checkpoint-") && name.endsWith(".zip");
    }

    private static boolean owns(Storage experiment, String cell, String claim) {
        try {
            return claim.equals(experiment.read(ATTEMPTS + "/" + cell));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // the executor's work directory is cleaned with the application
        }
    }
}

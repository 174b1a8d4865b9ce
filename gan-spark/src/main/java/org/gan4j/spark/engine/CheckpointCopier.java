package org.gan4j.spark.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * While a cell trains, copies each checkpoint it writes to the cell's directory in the shared
 * output, so that another executor can continue the cell if this one is lost: first the run's other
 * files (metrics.csv and the rest hold at least every iteration the checkpoint covers: the trainer
 * flushes them before it writes a checkpoint), then the checkpoint under a temporary name and a
 * rename, then the older checkpoints the run has deleted are deleted there too. A manifest that
 * already says {@code completed} is left for the commit. Polls every {@value #POLL_MS} ms.
 */
final class CheckpointCopier extends Thread {

    static final long POLL_MS = 300;
    private static final java.util.regex.Pattern COMPLETED = java.util.regex.Pattern.compile("\"status\"\\s*:\\s*\"completed\"");
    private static final String CONFIG = CellTask.CHECKPOINTS + "/config.json";

    private final Storage experiment;
    private final String cellDir;
    private final Path runDir;
    private final BooleanSupplier stillOurs;
    private final Set<String> copied = new HashSet<>();
    private volatile boolean done;
    private volatile Exception failure;

    CheckpointCopier(Storage experiment, String cellDir, Path runDir, BooleanSupplier stillOurs) {
        super("gan4j-checkpoint-copier");
        setDaemon(true);
        this.experiment = experiment;
        this.cellDir = cellDir;
        this.runDir = runDir;
        this.stillOurs = stillOurs;
        try {
            copied.addAll(localCheckpoints()); // a resumed run's checkpoints are in the shared directory already
        } catch (IOException e) {
            // none yet
        }
    }

    @Override
    public void run() {
        while (true) {
            synchronized (this) {
                if (!done) {
                    try {
                        wait(POLL_MS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (done) {
                    return;
                }
            }
            try {
                copyNew();
            } catch (Exception e) {
                // A failed copy is tried again at the next poll; the commit at the end copies everything anyway.
                failure = e;
            }
        }
    }

    /**
     * Stops after the copy in progress, if any. (Not by interrupting it: Hadoop's file systems do not
     * take an interrupt in the middle of a write well.)
     */
    void finish() throws InterruptedException {
        synchronized (this) {
            done = true;
            notifyAll();
        }
        join();
    }

    Exception lastFailure() {
        return failure;
    }

    private void copyNew() throws IOException {
        List<String> local = localCheckpoints();
        String newest = local.stream().max(String::compareTo).orElse(null);
        if (newest == null || copied.contains(newest) || !stillOurs.getAsBoolean()) {
            return;
        }
        experiment.uploadTree(runDir, cellDir, rel -> !rel.startsWith(CellTask.CHECKPOINTS + "/") && !rel.equals(Storage.MANIFEST));
        String manifest = Files.isRegularFile(runDir.resolve(Storage.MANIFEST))
                ? Files.readString(runDir.resolve(Storage.MANIFEST), StandardCharsets.UTF_8) : null;
        if (manifest != null && !COMPLETED.matcher(manifest).find()) {
            experiment.write(cellDir + "/" + Storage.MANIFEST, manifest);
        }
        Path config = runDir.resolve(CONFIG);
        if (Files.isRegularFile(config)) {
            experiment.upload(config, cellDir + "/" + CONFIG, true);
        }
        experiment.upload(runDir.resolve(CellTask.CHECKPOINTS).resolve(newest), cellDir + "/" + CellTask.CHECKPOINTS + "/" + newest, true);
        copied.add(newest);
        for (String remote : experiment.list(cellDir + "/" + CellTask.CHECKPOINTS)) {
            if (CellTask.isCheckpoint(remote) && !local.contains(remote) && !remote.equals(newest)) {
                experiment.delete(cellDir + "/" + CellTask.CHECKPOINTS + "/" + remote);
            }
        }
    }

    private List<String> localCheckpoints() throws IOException {
        Path dir = runDir.resolve(CellTask.CHECKPOINTS);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(CellTask::isCheckpoint).toList();
        }
    }
}

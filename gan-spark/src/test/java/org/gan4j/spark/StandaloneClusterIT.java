package org.gan4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gan4j.spark.testplugin.SquaresPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan4j compare --spark spark://...} on a real standalone cluster started here on loopback
 * (a master and two one-core workers, each its own JVM from Spark's jars), with the driver a child
 * gan4j: a ring experiment of six cells, one loss of which comes from a plugin jar that only the
 * driver's plugins directory has, gathers a summary.csv equal to plain {@code gan4j compare}'s; then
 * again with a worker and its executor killed with SIGKILL in the middle of a cell, as when a
 * machine is lost: the experiment completes, the cell continues on the other worker from the
 * checkpoint copied to the shared output (its manifest's {@code resumes} says from which), and the
 * summary is still equal. Also: a plugin the driver has only on its class path stops the driver
 * with exit 2 before any cell trains.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

    private static final List<String> LOSSES = List.of("minimax", "non-saturating", SquaresPlugin.LOSS);
    private static final int ITERATIONS = 800;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static StandaloneCluster cluster;
    static Path plugins;
    static String reference;

    @BeforeAll
    static void clusterAndReference() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        Gan4jProcess.pluginJar(plugins);
        Path experiment = Gan4jProcess.ringExperiment(dir, "ring", "plain", LOSSES, ITERATIONS);
        Gan4jProcess.Result plain = Gan4jProcess.run(dir, dir.resolve("plain.log"), Map.of(), "compare", experiment.toString(),
                "--parallel", "2", "--threads", "1", "--plugins", plugins.toString());
        assertThat(plain.code()).as(plain.output()).isZero();
        reference = Files.readString(dir.resolve("plain/ring/summary.csv"));
        cluster = StandaloneCluster.start(dir, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aPluginOnlyOnTheDriversClassPathStopsTheDriverBeforeAnyCellTrains() throws Exception {
        Path experiment = Gan4jProcess.ringExperiment(dir, "classpath", "classpath-out", List.of(SquaresPlugin.LOSS), 50);
        Path log = dir.resolve("classpath.log");
        Process driver = Gan4jProcess.start(dir, log, Map.of(), List.of(plugins.resolve("squares-plugin.jar")),
                "compare", experiment.toString(), "--spark", cluster.url, "--threads", "1");
        Gan4jProcess.Result r = Gan4jProcess.finish(driver, log);
        assertThat(r.code()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("lacks plugins this driver has", "loss '" + SquaresPlugin.LOSS + "'",
                "squares-plugin.jar", "put the plugin's jar in a plugins directory").doesNotContain("Training ", "Exception in");
        try (Stream<Path> cells = Files.list(dir.resolve("classpath-out/classpath/cells"))) {
            assertThat(cells).as("no cell trained").isEmpty();
        }
    }

    @Test
    @Order(2)
    void theClusterGathersTheSameSummaryAsPlainCompare() throws Exception {
        Path experiment = Gan4jProcess.ringExperiment(dir, "ring", "cluster", LOSSES, ITERATIONS);
        Gan4jProcess.Result r = Gan4jProcess.run(dir, dir.resolve("cluster.log"), Map.of(), "compare", experiment.toString(),
                "--spark", cluster.url, "--threads", "1", "--plugins", plugins.toString());
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("Training 6 cells as Spark tasks on " + cluster.url);
        assertThat(Files.readString(dir.resolve("cluster/ring/summary.csv"))).isEqualTo(reference);
        assertThat(dir.resolve("cluster/ring/report.html")).isRegularFile();
        for (Path cell : cells(dir.resolve("cluster/ring"))) {
            assertThat(manifest(cell).path("status").asText()).as(cell.toString()).isEqualTo("completed");
            assertThat(manifest(cell).has("resumes")).as(cell.toString()).isFalse();
        }
        assertThat(r.output()).containsPattern("on executor [01]").doesNotContain("on executor driver");
    }

    @Test
    @Order(3)
    void aWorkerKilledMidTrainingCostsOnlyTheIterationsSinceTheCellsLastCheckpoint() throws Exception {
        Path experiment = Gan4jProcess.ringExperiment(dir, "ring", "killed", LOSSES, ITERATIONS);
        Path out = dir.resolve("killed/ring");
        Path log = dir.resolve("killed.log");
        Process driver = Gan4jProcess.start(dir, log, Map.of(), List.of(), "compare", experiment.toString(),
                "--spark", cluster.url, "--threads", "1", "--plugins", plugins.toString());
        Victim victim = awaitVictim(driver, out, log);
        // A lost machine: the worker JVM and its executor die at once, without a chance to write anything.
        victim.worker.destroyForcibly();
        ProcessHandle.of(victim.executorPid).ifPresent(ProcessHandle::destroyForcibly);
        System.out.println("StandaloneClusterIT: SIGKILL to worker " + victim.worker.pid() + " and executor " + victim.executorPid
                + " while " + victim.cell + " was at " + victim.checkpoint + " in the shared output");

        Gan4jProcess.Result r = Gan4jProcess.finish(driver, log);
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(Files.readString(out.resolve("summary.csv"))).as(r.output()).isEqualTo(reference);
        JsonNode resumes = manifest(out.resolve("cells").resolve(victim.cell)).path("resumes");
        assertThat(resumes.size()).as("resumes of %s", victim.cell).isEqualTo(1);
        long resumedAt = resumes.get(0).path("iteration").asLong();
        assertThat(resumedAt).as("continued from a copied checkpoint, not from the start")
                .isGreaterThanOrEqualTo(iteration(victim.checkpoint)).isLessThan(ITERATIONS);
        assertThat(r.output()).contains(victim.cell + ": completed").contains("continued from checkpoint-");
        assertThat(Files.readString(out.resolve("logs").resolve(victim.cell + ".log"))).contains("continuing from the copied checkpoint-");
        for (Path cell : cells(out)) {
            assertThat(manifest(cell).path("status").asText()).as(cell.toString()).isEqualTo("completed");
        }
    }

    /** A cell in the middle of training with a checkpoint in the shared output, and the executor training it. */
    private record Victim(String cell, String checkpoint, long executorPid, Process worker) {
    }

    private static final Pattern PID = Pattern.compile("attempt \\d+ of the cell on executor \\S+, host \\S+, pid (\\d+)");

    private Victim awaitVictim(Process driver, Path out, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Gan4jProcess.TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            assertThat(driver.isAlive()).as("the driver ended before a cell could be caught mid-training:\n%s", Gan4jProcess.read(log)).isTrue();
            for (Path cell : cells(out)) {
                Optional<String> newest = newestCheckpoint(cell);
                if (newest.isEmpty() || iteration(newest.get()) > ITERATIONS / 2 || !"running".equals(manifest(cell).path("status").asText())) {
                    continue;
                }
                String cellLog = Gan4jProcess.read(out.resolve("logs").resolve(cell.getFileName() + ".log"));
                Matcher m = PID.matcher(cellLog);
                long pid = -1;
                while (m.find()) {
                    pid = Long.parseLong(m.group(1));
                }
                Optional<Process> worker = pid < 0 ? Optional.empty() : cluster.workerOf(pid);
                if (worker.isPresent()) {
                    return new Victim(cell.getFileName().toString(), newest.get(), pid, worker.get());
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no cell was caught mid-training");
    }

    private static List<Path> cells(Path experimentDir) throws Exception {
        Path cells = experimentDir.resolve("cells");
        if (!Files.isDirectory(cells)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cells)) {
            return new ArrayList<>(s.filter(Files::isDirectory).sorted().toList());
        }
    }

    private static Optional<String> newestCheckpoint(Path cell) throws Exception {
        Path checkpoints = cell.resolve("checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(checkpoints)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("checkpoint-") && n.endsWith(".zip")).max(String::compareTo);
        }
    }

    private static long iteration(String checkpoint) {
        return Long.parseLong(checkpoint.substring("checkpoint-".length(), checkpoint.length() - ".zip".length()));
    }

    private static JsonNode manifest(Path cell) {
        try {
            return JSON.readTree(cell.resolve("manifest.json").toFile());
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}

package org.gan4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on loopback, as separate JVMs started from Spark's jars (gan-spark-runtime's
 * {@code target/spark-home}): a master and {@code workers} workers of one core each. Closing it kills them all.
 */
final class StandaloneCluster implements AutoCloseable {

    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
    private static final long START_TIMEOUT_S = 180;

    final Path dir;
    final Process master;
    final String url;
    final List<Process> workers = new ArrayList<>();

    private StandaloneCluster(Path dir, Process master, String url) {
        this.dir = dir;
        this.master = master;
        this.url = url;
    }

    static StandaloneCluster start(Path dir, int workers) throws Exception {
        assertThat(Gan4jProcess.SPARK_HOME.resolve("jars")).as("Spark's jars (gan-spark-runtime builds them)").isDirectory();
        Path masterLog = dir.resolve("master.log");
        Process master = java(dir, masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "0",
                "--webui-port", "0");
        String url = await(master, masterLog, MASTER_URL).group(1);
        StandaloneCluster cluster = new StandaloneCluster(dir, master, url);
        try {
            for (int i = 0; i < workers; i++) {
                Path log = dir.resolve("worker-" + i + ".log");
                Path work = Files.createDirectories(dir.resolve("worker-" + i));
                Process w = java(dir, log, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port", "0",
                        "--webui-port", "0", "--cores", "1", "--memory", "1500m", "--work-dir", work.toString(), url);
                cluster.workers.add(w);
                await(w, log, Pattern.compile("Successfully registered with master"));
            }
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The worker whose process (the executor's parent) is {@code executorPid}'s parent, if any. */
    Optional<Process> workerOf(long executorPid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(executorPid).flatMap(ProcessHandle::parent);
        return workers.stream().filter(w -> parent.isPresent() && w.pid() == parent.get().pid()).findFirst();
    }

    private static Process java(Path dir, Path log, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", Gan4jProcess.SPARK_HOME.resolve("jars") + "/*"));
        Gan4jProcess.ADD_OPENS.forEach(o -> command.add("--add-opens=" + o + "=ALL-UNNAMED"));
        command.add(main);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Gan4jProcess.environment(pb.environment());
        // What Spark's own scripts set: the worker builds the executors' command line from them.
        pb.environment().put("SPARK_HOME", Gan4jProcess.SPARK_HOME.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    private static Matcher await(Process p, Path log, Pattern pattern) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(Gan4jProcess.read(log));
            if (m.find()) {
                return m;
            }
            if (!p.isAlive()) {
                throw new AssertionError("the Spark process ended before '" + pattern + "':\n" + Gan4jProcess.read(log));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + pattern + "' within " + START_TIMEOUT_S + " s:\n" + Gan4jProcess.read(log));
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>(workers);
        all.add(master);
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : all) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package org.gan4j.spark.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The driver's side of gan-spark: a Spark context, and what gan4j asks of it, in JDK types only
 * (gan4j calls these methods from its own class loader). Errors the user can fix (a bad master URL,
 * an output no executor can write, a check that fails on an executor) are thrown as
 * {@link IllegalArgumentException} with a message that names them.
 */
public final class Engine implements AutoCloseable {

    /** Seconds an executor has to run the start-up check before gan4j gives up (executors may take a while to start on a busy cluster). */
    static final long CHECK_TIMEOUT_S = Long.getLong("gan4j.spark.checkTimeout", 300);

    private final JavaSparkContext sc;
    private final boolean local;
    private final int taskCpus;
    private final Path scratch;

    private Engine(JavaSparkContext sc) throws IOException {
        this.sc = sc;
        String master = sc.master();
        this.local = master.equals("local") || master.startsWith("local[");
        this.taskCpus = sc.getConf().getInt("spark.task.cpus", 1);
        this.scratch = Files.createTempDirectory("gan4j-spark-");
    }

    /**
     * Starts a Spark context. Settings: {@code master} (null: the one spark-submit set),
     * {@code appName}, {@code taskCpus} (null: Spark's), {@code jar} (the gan-spark jar executors
     * need; null when spark-submit ships it), {@code verbose}. Spark's own {@code spark.*} system
     * properties apply too (e.g. {@code -Dspark.executor.memory=4g}).
     */
    public static Engine start(Map<String, Object> settings) throws IOException {
        SparkConf conf = new SparkConf();
        String master = (String) settings.get("master");
        if (master != null) {
            checkReachable(master);
            conf.setMaster(master);
        }
        conf.setIfMissing("spark.app.name", (String) settings.getOrDefault("appName", "gan4j"));
        conf.setIfMissing("spark.log.level", Boolean.TRUE.equals(settings.get("verbose")) ? "INFO" : "WARN");
        // Two attempts of one cell at once would write the same files.
        conf.set("spark.speculation", "false");
        Object cpus = settings.get("taskCpus");
        if (cpus != null) {
            conf.set("spark.task.cpus", cpus.toString());
        }
        String taskCpus = conf.get("spark.task.cpus", "1");
        // libnd4j sizes its thread pool once, from OMP_NUM_THREADS, when it loads: give executors the task's cores.
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", taskCpus);
        conf.setIfMissing("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE");
        String m = conf.get("spark.master", "");
        boolean isLocal = m.equals("local") || m.startsWith("local[");
        if (isLocal) {
            // Everything stays in this JVM: no web UI, no network interface but loopback.
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
        }
        String jar = (String) settings.get("jar");
        if (jar != null && !isLocal) {
            String jars = conf.get("spark.jars", "");
            conf.set("spark.jars", jars.isBlank() ? jar : jars + "," + jar);
        }
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (Exception e) { // Scala code throws SparkException, a checked exception, undeclared
            throw new IllegalArgumentException("Spark did not start with the master '" + m + "': " + rootMessage(e)
                    + ". Give local[N] (N cores of this machine) or spark://HOST:PORT (a standalone cluster's master); "
                    + "for YARN or Kubernetes submit the gan-spark jar with spark-submit (docs/scale-out.md).", e);
        }
        return new Engine(sc);
    }

    /** For a {@code spark://host:port[,host:port]} master: fails at once, naming it, when no master answers there. */
    static void checkReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        List<String> tried = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--spark " + master + ": '" + hostPort + "' is not HOST:PORT (e.g. spark://master:7077).");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 5000);
                return;
            } catch (IOException e) {
                tried.add(host + ":" + port + " (" + e.getMessage() + ")");
            }
        }
        throw new IllegalArgumentException("--spark " + master + ": no Spark master answers at " + String.join(", ", tried)
                + ". Check the URL (spark://HOST:PORT, by default port 7077, as the master's log and web UI show it) and that the master is running.");
    }

    /** Makes tasks in this JVM (a local[N] master) use the driver's gan4j. */
    public static void useLocalWorker(Function<Map<String, Object>, Map<String, Object>> worker) {
        Gan4jWorld.useLocal(worker);
    }

    /** {@code master}, {@code local}, {@code taskCpus}, {@code parallelism}. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("master", sc.master());
        d.put("local", local);
        d.put("taskCpus", taskCpus);
        d.put("parallelism", sc.defaultParallelism());
        return d;
    }

    /**
     * Checks, from the driver, that the experiment's directory can be written (creating
     * {@code cells/}), and leaves a probe file in it for {@link #check} to look for from an executor.
     *
     * @return the probe file's name
     */
    public String checkOutput(String experimentUri) {
        String probe = ".gan4j-probe-" + UUID.randomUUID();
        try {
            Storage s = Storage.open(experimentUri, hadoopConfiguration());
            s.mkdirs(CellTask.CELLS);
            s.write(probe, probe);
            if (!probe.equals(s.read(probe))) {
                throw new IOException("a file written there reads back differently");
            }
            return probe;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot write the experiment's results to " + experimentUri + ": " + rootMessage(e)
                    + ". Give --output a directory or URI (file://, hdfs://, s3a://) that the driver and every executor can write.", e);
        }
    }

    /**
     * Ships the plugins directories to the executors (each as a zip Spark unpacks there); on a
     * local master the directories are used as they are.
     *
     * @return what to put in a cell's {@code plugins}: directories, or the names of shipped archives
     */
    public List<String> shipPlugins(List<String> directories) throws IOException {
        if (local) {
            return directories;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < directories.size(); i++) {
            Path dir = Path.of(directories.get(i));
            Path zip = scratch.resolve("gan4j-plugins-" + i + ".zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> walk = Files.walk(dir)) {
                for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            sc.sc().addArchive(zip.toString());
            names.add(zip.getFileName().toString());
        }
        return names;
    }

    /**
     * Runs {@code check} as one task and returns what it found: the output probe seen from the
     * executor ({@code outputError}), and each cell's config built with the executor's plugins
     * ({@code errors}). Fails when no executor runs it within {@value #CHECK_TIMEOUT_S} s or the
     * executor cannot start gan4j at all.
     */
    public Map<String, Object> check(Map<String, Object> check) {
        sc.setJobDescription("gan4j: check the executors can run the cells");
        JavaFutureAction<List<Map<String, Object>>> f = sc.parallelize(List.of(check), 1).map(new Preflight()).collectAsync();
        try {
            return f.get(CHECK_TIMEOUT_S, TimeUnit.SECONDS).get(0);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IllegalArgumentException("No Spark executor ran gan4j's start-up check within " + CHECK_TIMEOUT_S + " s (master "
                    + sc.master() + "). The cluster has no free executor for this application: check that its workers run and have "
                    + "the cores and memory asked for (spark.executor.cores, spark.executor.memory, spark.task.cpus = " + taskCpus + ").");
        } catch (ExecutionException e) {
            throw new IllegalArgumentException("The Spark executors cannot run gan4j: " + rootMessage(e)
                    + ". Check that they run Java 17 or newer and can fetch the gan-spark jar (spark.jars).", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The status in the manifest of {@code <experimentUri>/cells/<cell>}, or null without one. */
    public String status(String experimentUri, String cell) throws IOException {
        return Storage.open(experimentUri, hadoopConfiguration()).status(CellTask.CELLS + "/" + cell);
    }

    /** Deletes {@code relative} under the experiment's directory. */
    public void delete(String experimentUri, String relative) throws IOException {
        Storage.open(experimentUri, hadoopConfiguration()).delete(relative);
    }

    /**
     * Trains each cell as a Spark job of one task ({@link CellTask}); jobs run side by side as the
     * executors' cores allow, and {@code onDone} gets each outcome as its cell ends. A cell whose
     * task Spark gave up on (it failed {@code spark.task.maxFailures} times) gets the status
     * {@code failed} and Spark's reason; the other cells go on.
     *
     * @param specs one per cell (see {@link #cellSpec})
     * @return the outcomes, in the order of {@code specs}
     */
    public List<Map<String, Object>> runCells(List<Map<String, Object>> specs, Consumer<Map<String, Object>> onDone)
            throws InterruptedException {
        List<JavaFutureAction<List<Map<String, Object>>>> futures = new ArrayList<>();
        for (Map<String, Object> spec : specs) {
            sc.setJobDescription("gan4j cell " + spec.get("cell"));
            futures.add(sc.parallelize(List.of(spec), 1).map(new CellTask()).collectAsync());
        }
        List<Map<String, Object>> outcomes = new ArrayList<>(java.util.Collections.nCopies(specs.size(), null));
        int pending = specs.size();
        while (pending > 0) {
            for (int i = 0; i < futures.size(); i++) {
                if (outcomes.get(i) != null || !futures.get(i).isDone()) {
                    continue;
                }
                Map<String, Object> outcome;
                try {
                    outcome = futures.get(i).get().get(0);
                } catch (ExecutionException e) {
                    outcome = new HashMap<>();
                    outcome.put("cell", specs.get(i).get("cell"));
                    outcome.put("status", "failed");
                    outcome.put("message", "Spark gave up on the cell's task: " + rootMessage(e));
                }
                outcomes.set(i, outcome);
                pending--;
                onDone.accept(outcome);
            }
            if (pending > 0) {
                Thread.sleep(100);
            }
        }
        return outcomes;
    }

    /**
     * What a cell's task needs, all JDK values: {@code cell} (its name), {@code tree} (its config
     * as JSON), {@code experimentUri}, {@code experimentFile} and {@code baseDirectory} (the
     * driver's, for the manifest and relative paths), {@code threads}, {@code plugins} and
     * {@code pluginsShipped} (from {@link #shipPlugins}).
     */
    public static Map<String, Object> cellSpec(Map<String, Object> values) {
        return new HashMap<>(values);
    }

    /** Copies the experiment's directory {@code relative} to {@code localDir}, except files whose relative path ends with one of {@code skipSuffixes} or contains one of {@code skipParts}. */
    public void download(String experimentUri, String relative, String localDir, List<String> skipParts) throws IOException {
        Storage.open(experimentUri, hadoopConfiguration()).downloadTree(relative, Path.of(localDir),
                rel -> skipParts.stream().anyMatch(rel::contains));
    }

    /** Copies a local file to {@code relative} in the experiment's directory, by rename. */
    public void upload(String localFile, String experimentUri, String relative) throws IOException {
        Storage.open(experimentUri, hadoopConfiguration()).upload(Path.of(localFile), relative, true);
    }

    @Override
    public void close() {
        sc.stop();
        CellTask.deleteQuietly(scratch);
    }

    /** The plugins directories a task should load: the shipped archives as Spark unpacked them, or the driver's own directories. */
    static List<String> pluginDirectories(Map<String, Object> spec) {
        @SuppressWarnings("unchecked")
        List<String> plugins = (List<String>) spec.getOrDefault("plugins", List.of());
        if (!Boolean.TRUE.equals(spec.get("pluginsShipped"))) {
            return plugins;
        }
        return plugins.stream().map(org.apache.spark.SparkFiles::get).toList();
    }

    /** Hadoop settings as Spark gives them: its {@code spark.hadoop.*} properties without the prefix. */
    static Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            for (Tuple2<String, String> kv : env.conf().getAll()) {
                if (kv._1().startsWith("spark.hadoop.")) {
                    conf.set(kv._1().substring("spark.hadoop.".length()), kv._2());
                }
            }
        }
        return conf;
    }

    /** The innermost cause's message (Spark wraps what a task threw several times). */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        int newline = m.indexOf('\n');
        return (newline > 0 ? m.substring(0, newline) : m).replaceAll("\\.$", "");
    }
}

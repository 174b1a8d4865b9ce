package org.gan4j.core.train.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.train.IterationStats;
import org.gan4j.api.train.RunInfo;
import org.gan4j.api.train.SampleSource;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.image.AtomicFiles;
import org.gan4j.core.train.PluginSources;
import org.gan4j.core.train.RunDirectory;
import org.gan4j.core.train.Sha256;
import org.gan4j.core.train.TrainOptions;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes {@code manifest.json}, what is needed to tell how a run was made: the resolved config, the
 * gan4j, Java, OS and ND4J versions, thread count, seed, the dataset with a SHA-256 of each of its
 * files, start and end time, iterations done and the status ({@code running} while training, then
 * {@code completed}, {@code diverged}, {@code interrupted} or {@code failed}). Written at the start
 * and rewritten at the end and after each epoch.
 */
public final class ManifestWriter implements TrainingListener {

    public static final String FILE = "manifest.json";
    public static final String FORMAT = "gan4j-run";

    private final Path file;
    private final ObjectNode root = ConfigJson.MAPPER.createObjectNode();
    private final Dataset dataset;
    private long iterations;

    @Inject
    public ManifestWriter(RunDirectory dir, RunConfig config, TrainOptions options, Dataset dataset, PluginSources plugins) {
        this(dir.resolve(FILE), config.name(), options.configJson().apply(config), options.configFile(), dataset);
        ArrayNode list = root.putArray("plugins");
        for (PluginSources.Entry e : plugins.entries()) {
            ObjectNode entry = list.addObject();
            entry.put("plugin", e.plugin());
            entry.put("source", e.source());
            entry.put("sha256", e.sha256());
        }
    }

    public ManifestWriter(Path file, String name, String configJson, Path configFile, Dataset dataset) {
        this.file = file;
        this.dataset = dataset;
        root.put("format", FORMAT);
        root.put("formatVersion", 1);
        root.put("name", name);
        root.put("status", "running");
        root.put("configFile", configFile == null ? null : configFile.toAbsolutePath().normalize().toString());
        root.set("config", ConfigJson.parse(configJson));
    }

    @Override
    public void onStart(RunInfo run) {
        root.put("gan4jVersion", gan4jVersion());
        ObjectNode java = root.putObject("java");
        java.put("version", System.getProperty("java.version"));
        java.put("vendor", System.getProperty("java.vendor"));
        java.put("vm", System.getProperty("java.vm.name"));
        ObjectNode os = root.putObject("os");
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        ObjectNode nd4j = root.putObject("nd4j");
        nd4j.put("version", nd4jVersion());
        nd4j.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        root.put("threads", Nd4j.getEnvironment().maxThreads());
        root.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        root.put("seed", run.seed());
        ObjectNode data = root.putObject("dataset");
        data.put("description", dataset.description());
        data.put("size", dataset.size());
        ArrayNode shape = data.putArray("sampleShape");
        for (long d : run.sampleShape()) {
            shape.add(d);
        }
        ArrayNode files = data.putArray("files");
        for (Path f : dataset.files()) {
            ObjectNode entry = files.addObject();
            entry.put("path", f.toAbsolutePath().normalize().toString());
            if (Files.isRegularFile(f)) {
                entry.put("bytes", size(f));
                entry.put("sha256", Sha256.of(f));
            }
        }
        root.put("batchSize", run.batchSize());
        root.put("plannedIterations", run.plannedIterations());
        root.put("plannedEpochs", run.plannedEpochs());
        root.put("startTime", run.start().toString());
        root.put("iterations", run.resumedIteration());
        if (run.resumed()) {
            // Keep the first start and earlier resumes; record this one.
            ArrayNode resumes = root.putArray("resumes");
            try {
                if (Files.isRegularFile(file)) {
                    com.fasterxml.jackson.databind.JsonNode old = ConfigJson.MAPPER.readTree(Files.readAllBytes(file));
                    if (old.hasNonNull("startTime")) {
                        root.put("startTime", old.get("startTime").asText());
                    }
                    if (old.hasNonNull("configFile")) {
                        // the file the run was started from, not the saved config a resume reads
                        root.put("configFile", old.get("configFile").asText());
                    }
                    old.path("resumes").forEach(resumes::add);
                }
            } catch (IOException e) {
                // a damaged manifest is rewritten whole below
            }
            ObjectNode entry = resumes.addObject();
            entry.put("time", run.start().toString());
            entry.put("iteration", run.resumedIteration());
        }
        write();
    }

    @Override
    public void onIteration(IterationStats stats) {
        iterations = stats.iteration();
    }

    @Override
    public void onEpochEnd(int epoch, SampleSource samples) {
        root.put("iterations", iterations);
        root.put("epochs", epoch);
        root.put("updateTime", Instant.now().toString());
        write();
    }

    @Override
    public void onEnd(TrainingResult result, SampleSource samples) {
        root.put("status", result.status().label());
        if (result.message() != null) {
            root.put("message", result.message());
        }
        root.remove("updateTime");
        root.put("endTime", result.end().toString());
        root.put("seconds", (result.end().toEpochMilli() - result.start().toEpochMilli()) / 1000.0);
        root.put("iterations", result.iterations());
        root.put("epochs", result.epochs());
        write();
    }

    private void write() {
        byte[] bytes;
        try {
            bytes = ConfigJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            AtomicFiles.write(file, out -> out.write(bytes));
        } catch (UncheckedIOException e) {
            // A full disk has no room for the temporary copy; the manifest must still say how the run
            // ended, so it is rewritten in place (into the blocks it already holds) when it exists.
            if (!Files.isRegularFile(file)) {
                throw e;
            }
            try {
                Files.write(file, bytes);
            } catch (IOException inPlace) {
                e.addSuppressed(inPlace);
                throw e;
            }
        }
    }

    /** gan4j's version from the jar manifest, "dev" when running from classes. */
    public static String gan4jVersion() {
        String v = ManifestWriter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static String nd4jVersion() {
        try (InputStream in = Nd4j.class.getClassLoader().getResourceAsStream("META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        String v = Nd4j.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

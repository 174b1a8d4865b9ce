package org.gan4j.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.core.config.ConfigReader;
import org.gan4j.core.csv.Csv;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.train.RunProfile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code gan4j bench --train CONFIG}: trains the config with gan4j in a child JVM (a whole
 * {@code gan4j train}, JVM start-up, sample grids and checkpoints included) and with the equivalent
 * PyTorch script ({@code torch_train.py}, flags from {@link TorchTrainFlags}) on the very array gan4j
 * trains on, one after the other on the same machine, and reports both wall times and the ratio.
 */
final class TrainBench {

    /** The PyTorch script inside gan4j's jar. */
    static final String SCRIPT = "torch_train.py";
    /** The data the script reads is capped: it is written out as one float array. */
    static final long MAX_DATA_BYTES = 1L << 30;

    /** gan4j's main class (named, not imported: org.gan4j.cli uses this package, not the other way round). */
    static final String MAIN = "org.gan4j.cli.Main";

    private static final Pattern WALL = Pattern.compile("\\bwall_s=([0-9.]+)");

    private final ComponentRegistry registry;
    private final String python;
    private final int threads;
    private final Path dir;
    private final PrintWriter out;
    /** The gan4j jar to time, or null for this one (its class path). */
    private final Path jar;

    TrainBench(ComponentRegistry registry, String python, int threads, Path dir, PrintWriter out, Path jar) {
        this.jar = jar;
        this.registry = registry;
        this.python = python;
        this.threads = threads;
        this.dir = dir;
        this.out = out;
    }

    /** Wall times in seconds, measured from process start to exit by this JVM. */
    record Times(double gan4jSeconds, double torchSeconds, String torchWall) {
        double ratio() {
            return gan4jSeconds / torchSeconds;
        }
    }

    /**
     * The config tree gan4j's child trains: {@code config} resolved, with {@code epochs} (when not
     * null) replacing its schedule's length.
     */
    static ObjectNode benchConfig(Path config, Integer epochs, ComponentRegistry registry) {
        ObjectMapper json = registry.jsonMapper();
        RunConfig resolved = ConfigReader.read(config, registry);
        ObjectNode tree = json.valueToTree(resolved);
        if (epochs != null) {
            if (epochs <= 0) {
                throw Gan4jException.badInput("--epochs must be positive, got " + epochs + ".");
            }
            ObjectNode schedule = (ObjectNode) tree.path("schedule");
            schedule.put("epochs", epochs);
            schedule.put("iterations", 0);
            ConfigReader.fromTree(tree, config + " with --epochs " + epochs, resolved.name(), registry); // still valid?
        }
        return tree;
    }

    Times run(Path config, Integer epochs) throws IOException, InterruptedException {
        ObjectNode tree = benchConfig(config, epochs, registry);
        String network = TorchTrainFlags.network(tree);
        List<String> flags = TorchTrainFlags.of(tree);
        if (!TorchReference.available(python)) {
            throw Gan4jException.badInput(python + " cannot import torch, which gan4j bench --train runs beside gan4j. Install it with"
                    + " `apt-get install -y python3-torch libopenblas0-pthread` (Debian), or name another Python with --python.");
        }
        String name = tree.path("name").asText();
        Files.createDirectories(dir);
        Path configFile = dir.resolve(name + ".json");
        Files.writeString(configFile, registry.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        Path data = dir.resolve(name + ".data.npy");
        String described = writeData(ConfigReader.fromTree(tree, configFile.toString(), name, registry), data);
        Path script = extractScript(dir);

        out.printf(Locale.ROOT, "gan4j bench --train %s: %s, threads %d; %s%n", config, schedule(tree), threads, described);
        out.flush();
        List<String> gan4j = new ArrayList<>(javaCommand(jar));
        gan4j.addAll(List.of("train", configFile.toString(), "--output", dir.toString(), "--overwrite", "--threads",
                Integer.toString(threads)));
        double ours = timed(gan4j, "gan4j   | ", null);
        printProfile(dir.resolve(name).resolve(RunProfile.FILE));

        List<String> torch = new ArrayList<>(List.of(python, script.toString(), network, dir.resolve(name + ".torch-samples.npy").toString(),
                "--data", data.toString(), "--threads", Integer.toString(threads)));
        torch.addAll(flags);
        String[] torchWall = {null};
        double theirs = timed(torch, "pytorch | ", line -> {
            Matcher m = WALL.matcher(line);
            if (m.find()) {
                torchWall[0] = m.group(1);
            }
        });
        return new Times(ours, theirs, torchWall[0]);
    }

    /** The child's {@code profile.csv}: where its wall time went (parts under 5 ms left out). */
    private void printProfile(Path csv) {
        if (!Files.isRegularFile(csv)) {
            out.println("gan4j   (no " + csv + ")");
            return;
        }
        out.println("gan4j   where the time went (" + csv + "):");
        for (String[] f : Csv.rows(csv)) {
            if (f.length == 3 && Double.parseDouble(f[1]) >= 0.005) {
                out.printf(Locale.ROOT, "gan4j     %-40s %9s s %7s calls%n", f[0], f[1], f[2]);
            }
        }
        out.flush();
    }

    private static String schedule(JsonNode tree) {
        JsonNode s = tree.path("schedule");
        long iterations = s.path("iterations").asLong();
        int epochs = s.path("epochs").asInt();
        return iterations > 0 ? iterations + " iterations" : epochs + (epochs == 1 ? " epoch" : " epochs");
    }

    /** Writes every sample of the config's dataset, as gan4j reads it, to {@code file} as float32 {@code (N, ...)}. */
    private String writeData(RunConfig config, Path file) throws IOException {
        try (Dataset dataset = config.data().open(new DataContext(Path.of("").toAbsolutePath(), line -> { }))) {
            long[] sample = dataset.sampleShape();
            long values = Arrays.stream(sample).reduce(1, Math::multiplyExact);
            if ((long) dataset.size() * values * Float.BYTES > MAX_DATA_BYTES) {
                throw Gan4jException.badInput("data: " + dataset.description() + " is larger than the " + (MAX_DATA_BYTES >> 20)
                        + " MB gan4j bench --train hands the PyTorch script as one array; bench a smaller dataset");
            }
            long[] shape = new long[sample.length + 1];
            shape[0] = dataset.size();
            System.arraycopy(sample, 0, shape, 1, sample.length);
            INDArray all = Nd4j.create(DataType.FLOAT, shape);
            dataset.fill(IntStream.range(0, dataset.size()).toArray(), 0, dataset.size(), all);
            Path part = file.resolveSibling(file.getFileName() + ".part");
            Nd4j.writeAsNumpy(all, part.toFile());
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return dataset.description();
        }
    }

    /** The script from gan4j's jar, written into {@code dir}. */
    static Path extractScript(Path dir) throws IOException {
        Path script = dir.resolve(SCRIPT);
        try (InputStream in = TrainBench.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("gan4j's jar lacks org/gan4j/cli/bench/" + SCRIPT);
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    /** This JVM's java and options (agents and the writing of a class archive left out), running gan4j's Main from this class path, or {@code jar} when given. */
    static List<String> javaCommand(Path jar) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-javaagent") && !a.startsWith("-agentlib") && !a.startsWith("-agentpath")
                        && !a.startsWith("-XX:ArchiveClassesAtExit")) // the launcher's class archive is written by one JVM
                .forEach(command::add);
        command.addAll(jar != null ? List.of("-jar", jar.toString()) : List.of("-cp", System.getProperty("java.class.path"), MAIN));
        return command;
    }

    /** Runs {@code command} with the thread count in its environment, echoing its output; its wall time in seconds. */
    private double timed(List<String> command, String prefix, Consumer<String> lines) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        long start = System.nanoTime();
        Process process = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.println(prefix + line);
                out.flush();
                if (lines != null) {
                    lines.accept(line);
                }
            }
        }
        int code = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            throw new Gan4jException(code == Gan4jException.BAD_INPUT ? Gan4jException.BAD_INPUT : 1,
                    prefix.strip().replace(" |", "") + " exited with code " + code + " (its output is above): " + String.join(" ", command),
                    null);
        }
        return seconds;
    }
}

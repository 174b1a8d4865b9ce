package org.gan4j.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.gan4j.core.compare.CompareRunner;
import org.gan4j.core.config.ConfigReader;
import org.gan4j.core.config.RunConfig;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.nn.kernel.ComputeThreads;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.plugin.PluginLoader;
import org.gan4j.core.plugin.RegisteredComponent;
import org.gan4j.core.train.TrainOptions;

/**
 * What a Spark task asks of gan4j, given and answered in JDK values (the task lives in Spark's class
 * loader). {@code action: train} trains or continues one cell in a local directory;
 * {@code action: check} builds every cell's config with this JVM's plugins, for the start-up
 * check. Plugins are loaded once per set of plugins directories; on a {@code local[N]} master the
 * driver's registry is used as it is.
 */
public final class CellWork implements Function<Map<String, Object>, Map<String, Object>> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ComponentRegistry driverRegistry;
    private final Map<List<String>, ComponentRegistry> registries = new ConcurrentHashMap<>();

    /** For executors: plugins from the class path and the shipped directories. */
    public CellWork() {
        this(null);
    }

    /** For tasks in the driver's JVM: the driver's plugins. */
    CellWork(ComponentRegistry driverRegistry) {
        this.driverRegistry = driverRegistry;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> request) {
        // Spark runs tasks with its own context class loader; ND4J and Jackson look up services through it.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CellWork.class.getClassLoader());
        try {
            return switch ((String) request.get("action")) {
                case "train" -> train(request);
                case "check" -> check(request);
                default -> throw new IllegalArgumentException("unknown action " + request.get("action"));
            };
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Trains (or with {@code resume}, continues) the cell {@code cell} from its config {@code tree}
     * into {@code cellsDir/<cell>}, progress appended to {@code log}. Returns {@code status},
     * {@code message} and {@code metrics} (the final values as one line).
     */
    private Map<String, Object> train(Map<String, Object> request) {
        String name = (String) request.get("cell");
        Path cellsDir = Path.of((String) request.get("cellsDir"));
        Map<String, Object> out = new HashMap<>();
        try (PrintStream progress = new PrintStream(new FileOutputStream((String) request.get("log"), true), true, StandardCharsets.UTF_8)) {
            ComponentRegistry registry;
            RunConfig config;
            try {
                registry = registry(request);
                config = config(request, registry);
            } catch (Gan4jException e) {
                progress.println(e.getMessage());
                out.put("status", "failed");
                out.put("message", e.getMessage());
                return out;
            }
            Integer threads = (Integer) request.get("threads");
            if (threads != null && !ComputeThreads.configure(threads)) {
                progress.println("Note: spark.task.cpus is " + threads + " but ND4J's native thread pool was sized when it loaded ("
                        + ComputeThreads.describe() + "); set OMP_NUM_THREADS=" + threads + " for the executors.");
            }
            ObjectMapper mapper = registry.jsonMapper();
            TrainOptions options = TrainOptions.defaults().withBaseDirectory(Path.of((String) request.get("baseDirectory")))
                    .withConfigJson(c -> {
                        try {
                            return mapper.writeValueAsString(c);
                        } catch (JsonProcessingException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            CompareRunner.Trained trained = CompareRunner.train(config, cellsDir, Path.of((String) request.get("experimentFile")),
                    registry.plugins(), options, progress, Boolean.TRUE.equals(request.get("resume")));
            out.put("status", trained.status());
            out.put("message", trained.message());
            out.put("metrics", CompareRunner.finalMetrics(cellsDir.resolve(name)));
            out.put("threads", ComputeThreads.describe());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log " + request.get("log") + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds each of {@code cells} (maps of {@code name} and {@code tree}) with this JVM's plugins.
     * Returns {@code errors} (one line per cell that does not build) and {@code components}
     * ({@code kind:name} of every component this JVM has).
     */
    private Map<String, Object> check(Map<String, Object> request) {
        Map<String, Object> out = new HashMap<>();
        List<String> errors = new ArrayList<>();
        List<String> components = new ArrayList<>();
        try {
            ComponentRegistry registry = registry(request);
            for (RegisteredComponent c : registry.components()) {
                components.add(key(c));
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cells = (List<Map<String, Object>>) request.get("cells");
            for (Map<String, Object> cell : cells) {
                try {
                    config(cell, registry);
                } catch (Gan4jException e) {
                    errors.add(e.getMessage());
                }
            }
        } catch (Gan4jException e) {
            errors.add(e.getMessage());
        }
        out.put("errors", errors);
        out.put("components", components);
        return out;
    }

    /** {@code kind:name}, e.g. {@code Loss:minimax}. */
    static String key(RegisteredComponent c) {
        return c.kind().getSimpleName() + ":" + c.name();
    }

    private ComponentRegistry registry(Map<String, Object> request) {
        if (driverRegistry != null) {
            return driverRegistry;
        }
        @SuppressWarnings("unchecked")
        List<String> dirs = List.copyOf((List<String>) request.getOrDefault("plugins", List.of()));
        return registries.computeIfAbsent(dirs, d -> PluginLoader.load(CellWork.class.getClassLoader(), d.stream().map(Path::of).toList()));
    }

    private static RunConfig config(Map<String, Object> cell, ComponentRegistry registry) {
        String name = (String) cell.get("cell");
        JsonNode tree;
        try {
            tree = JSON.readTree((String) cell.get("tree"));
        } catch (IOException e) {
            throw new UncheckedIOException("the cell " + name + "'s config did not arrive as JSON", e);
        }
        try {
            return ConfigReader.fromTree(tree, cell.get("experimentFile") + " (cell " + name + ")", name, registry);
        } catch (Gan4jException e) {
            throw Gan4jException.badInput("The cell " + name + " does not build on this executor: " + e.getMessage(), e);
        }
    }
}

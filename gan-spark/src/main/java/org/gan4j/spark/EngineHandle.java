package org.gan4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.gan4j.api.Gan4jException;

/**
 * gan4j's handle on {@link org.gan4j.spark.engine.Engine}, which lives in Spark's class loader:
 * calls by reflection, with that loader as the thread's context loader, JDK values in and out. An
 * {@link IllegalArgumentException} from the engine is a bad input (exit 2, its message as it is).
 */
final class EngineHandle implements AutoCloseable {

    static final String ENGINE = "org.gan4j.spark.engine.Engine";

    private final ClassLoader spark;
    private final Object engine;

    private EngineHandle(ClassLoader spark, Object engine) {
        this.spark = spark;
        this.engine = engine;
    }

    /** Starts the engine in {@code spark} (see {@code Engine.start} for the settings). */
    static EngineHandle start(ClassLoader spark, Map<String, Object> settings) {
        return new EngineHandle(spark, invoke(spark, null, "start", settings));
    }

    /** Makes tasks in the driver's JVM (a local[N] master) use {@code worker}. */
    static void useLocalWorker(ClassLoader spark, Function<Map<String, Object>, Map<String, Object>> worker) {
        invoke(spark, null, "useLocalWorker", worker);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> describe() {
        return (Map<String, Object>) call("describe");
    }

    String checkOutput(String experimentUri) {
        return (String) call("checkOutput", experimentUri);
    }

    @SuppressWarnings("unchecked")
    List<String> shipPlugins(List<String> directories) {
        return (List<String>) call("shipPlugins", directories);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> check(Map<String, Object> check) {
        return (Map<String, Object>) call("check", check);
    }

    String status(String experimentUri, String cell) {
        return (String) call("status", experimentUri, cell);
    }

    void delete(String experimentUri, String relative) {
        call("delete", experimentUri, relative);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> runCells(List<Map<String, Object>> specs, Consumer<Map<String, Object>> onDone) {
        return (List<Map<String, Object>>) call("runCells", specs, onDone);
    }

    void download(String experimentUri, String relative, Path localDir, List<String> skipParts) {
        call("download", experimentUri, relative, localDir.toString(), skipParts);
    }

    void upload(Path localFile, String experimentUri, String relative) {
        call("upload", localFile.toString(), experimentUri, relative);
    }

    @Override
    public void close() {
        call("close");
    }

    private Object call(String method, Object... args) {
        return invoke(spark, engine, method, args);
    }

    private static Object invoke(ClassLoader spark, Object target, String name, Object... args) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(spark);
        try {
            Class<?> type = target != null ? target.getClass() : spark.loadClass(ENGINE);
            for (Method m : type.getMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                    return m.invoke(target, args);
                }
            }
            throw new IllegalStateException(ENGINE + " has no method " + name + " with " + args.length + " parameters");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException bad) {
                throw Gan4jException.badInput(bad.getMessage(), bad);
            }
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io.getMessage(), io);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call the Spark engine: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * A class loader for Spark: the gan-spark jar and Spark's jars, from {@code SPARK_HOME/jars}
     * when that is set, else those gan-spark's build lays out ({@code spark-home/jars} beside the
     * jar, or {@code gan-spark-runtime/target/spark-home/jars} in the source tree). Its parent is
     * the JDK's platform loader, so Spark sees none of gan4j's libraries.
     */
    static ClassLoader sparkLoader(Path ganSparkJar) {
        List<Path> looked = new ArrayList<>();
        String home = System.getenv("SPARK_HOME");
        List<Path> candidates = new ArrayList<>();
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home, "jars"));
        } else {
            Path dir = ganSparkJar.toAbsolutePath().getParent();
            candidates.add(dir.resolve("spark-home").resolve("jars"));
            Optional.ofNullable(dir.getParent()).map(Path::getParent)
                    .ifPresent(root -> candidates.add(root.resolve("gan-spark-runtime").resolve("target").resolve("spark-home").resolve("jars")));
        }
        for (Path jars : candidates) {
            looked.add(jars);
            List<URL> urls = new ArrayList<>();
            try (Stream<Path> files = Files.isDirectory(jars) ? Files.list(jars) : Stream.empty()) {
                List<Path> all = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
                if (all.stream().noneMatch(f -> f.getFileName().toString().startsWith("spark-core_"))) {
                    continue;
                }
                urls.add(ganSparkJar.toUri().toURL());
                for (Path f : all) {
                    urls.add(f.toUri().toURL());
                }
            } catch (IOException e) {
                continue;
            }
            return new URLClassLoader("spark", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        }
        throw Gan4jException.badInput("--spark needs Apache Spark 3.5 (Scala 2.13): found no spark-core jar in "
                + String.join(", ", looked.stream().map(Path::toString).toList()) + ". Set SPARK_HOME to a Spark installation, "
                + "or build the one gan4j brings with ./mvnw -B package -DskipTests (gan-spark-runtime).");
    }
}

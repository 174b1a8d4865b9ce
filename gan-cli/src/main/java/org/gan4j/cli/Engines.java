package org.gan4j.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.gan4j.api.Gan4jException;
import org.gan4j.cli.common.CommonOptions;
import org.gan4j.core.compare.CellRunnerProvider;

/**
 * Finds an optional engine module at run time: gan4j's own jar depends on none. For {@code spark}
 * that is the gan-spark jar, looked for (first found wins) at the path in the system property
 * {@value #SPARK_JAR_PROPERTY} or the environment variable {@value #SPARK_JAR_VARIABLE}, then in
 * {@code <gan4j.home>/spark/} of an installation, else in {@code gan-spark/target/} of the source
 * tree gan4j runs from. Its classes are loaded beside gan4j's (sharing gan-core), and its
 * {@link CellRunnerProvider} is found with {@link ServiceLoader}.
 */
final class Engines {

    static final String SPARK_JAR_PROPERTY = "gan4j.spark.jar";
    static final String SPARK_JAR_VARIABLE = "GAN4J_SPARK_JAR";

    private Engines() {
    }

    /** The provider of {@code engine} on the class path, else from the gan-spark jar; exit 2 when there is none. */
    static CellRunnerProvider find(String engine) {
        Optional<CellRunnerProvider> onClassPath = provider(engine, Engines.class.getClassLoader());
        if (onClassPath.isPresent()) {
            return onClassPath.get();
        }
        List<Path> looked = new ArrayList<>();
        Optional<Path> jar = sparkJar(looked);
        if (jar.isEmpty()) {
            throw Gan4jException.badInput("--spark needs the optional gan-spark module, which is not installed: no gan-spark jar in "
                    + String.join(", ", looked.stream().map(Path::toString).toList()) + ". Build it with "
                    + "./mvnw -B package -DskipTests (from the source tree; it builds gan-spark/target/gan-spark-<version>.jar), "
                    + "or set " + SPARK_JAR_VARIABLE + " to the gan-spark jar.");
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("gan-spark", new URL[] {jar.get().toUri().toURL()}, Engines.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw Gan4jException.badInput("Cannot load the gan-spark jar " + jar.get() + ": " + e.getMessage(), e);
        }
        return provider(engine, loader).orElseThrow(() -> Gan4jException.badInput("The jar " + jar.get()
                + " does not provide the " + engine + " engine (no " + CellRunnerProvider.class.getName()
                + " for it in META-INF/services). Point " + SPARK_JAR_VARIABLE + " at the gan-spark jar of this gan4j version."));
    }

    private static Optional<CellRunnerProvider> provider(String engine, ClassLoader loader) {
        return ServiceLoader.load(CellRunnerProvider.class, loader).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.engine().equals(engine)).findFirst();
    }

    /** The gan-spark jar; {@code looked} gets every place searched. */
    static Optional<Path> sparkJar(List<Path> looked) {
        String explicit = System.getProperty(SPARK_JAR_PROPERTY, System.getenv(SPARK_JAR_VARIABLE));
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit).toAbsolutePath();
            looked.add(p);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        }
        String home = System.getProperty(CommonOptions.HOME_PROPERTY);
        Optional<Path> dir = home != null && !home.isBlank() ? Optional.of(Path.of(home, "spark"))
                : CommonOptions.installationRoot().map(root -> root.resolve("gan-spark").resolve("target"));
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        looked.add(dir.get());
        if (!Files.isDirectory(dir.get())) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir.get())) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith("gan-spark-") && n.endsWith(".jar") && !n.endsWith("-sources.jar") && !n.endsWith("-tests.jar");
            }).max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

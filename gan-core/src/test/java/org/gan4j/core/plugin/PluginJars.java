package org.gan4j.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.gan4j.api.spi.GanPlugin;

/** Builds plugin jars at test time: compiles Java sources against the test class path and packs them by package. */
public final class PluginJars {

    public static final String SERVICE = "META-INF/services/" + GanPlugin.class.getName();

    private PluginJars() {
    }

    /** Compiles {@code sources} (class name to source text) against the test's class path into {@code work/classes}. */
    public static Path compile(Path work, Map<String, String> sources) throws IOException {
        Path src = work.resolve("src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classPath(),
                "-proc:none", "-nowarn"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(rc).as("javac: %s", diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        return classes;
    }

    /** Packs the classes of {@code packageName} from {@code classes}, with the service file text (if any), into {@code jar}. */
    public static Path jar(Path jar, Path classes, String packageName, String serviceFile) throws IOException {
        return jar(jar, classes, packageName, serviceFile, Map.of());
    }

    /**
     * As {@link #jar(Path, Path, String, String)}, with a manifest holding the given main attributes
     * (for example {@code Gan4j-SPI-Version}); an empty map writes no manifest at all.
     */
    public static Path jar(Path jar, Path classes, String packageName, String serviceFile,
                           Map<String, String> manifestAttributes) throws IOException {
        Path root = classes.resolve(packageName.replace('.', '/'));
        try (JarOutputStream out = manifestAttributes.isEmpty() ? new JarOutputStream(Files.newOutputStream(jar))
                     : new JarOutputStream(Files.newOutputStream(jar), manifest(manifestAttributes));
             Stream<Path> files = Files.walk(root)) {
            if (serviceFile != null) {
                out.putNextEntry(new JarEntry(SERVICE));
                out.write(serviceFile.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Manifest manifest(Map<String, String> attributes) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((k, v) -> manifest.getMainAttributes().put(new Attributes.Name(k), v));
        return manifest;
    }

    private static String classPath() {
        // Surefire may start the tests from a manifest-only jar; it publishes the real class path here.
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Source of a plugin class registering the given components ({@code "Loss.class, \"name\", Impl.class"}). */
    public static String plugin(String pkg, String simpleName, String... componentArgs) {
        StringBuilder list = new StringBuilder();
        for (String c : componentArgs) {
            list.append(list.length() == 0 ? "" : ",\n").append("            ComponentType.of(").append(c).append(")");
        }
        return """
                package %s;
                import java.util.*;
                import org.gan4j.api.spi.*;
                public class %s implements GanPlugin {
                    @Override public List<ComponentType> components() {
                        List<ComponentType> list = new ArrayList<>(List.of(
                %s));
                        return list;
                    }
                }
                """.formatted(pkg, simpleName, list);
    }

    /** Source of a trivial loss with one setting, {@code scale} (default 1, positive). */
    public static String loss(String pkg, String simpleName, String description) {
        return """
                package %s;
                import com.fasterxml.jackson.annotation.*;
                import org.gan4j.api.spi.*;
                import org.nd4j.linalg.api.ndarray.INDArray;
                @JsonClassDescription("%s")
                public record %s(@JsonProperty("scale") @JsonPropertyDescription("multiplies the loss") double scale) implements Loss {
                    @JsonCreator public %s(@JsonProperty("scale") Double scale) {
                        this(org.gan4j.api.Checks.positive("scale", scale == null ? 1.0 : scale));
                    }
                    @Override public LossResult discriminatorLoss(INDArray real, INDArray fake) { throw new UnsupportedOperationException("test only"); }
                    @Override public LossResult generatorLoss(INDArray fake) { throw new UnsupportedOperationException("test only"); }
                }
                """.formatted(pkg, description, simpleName, simpleName);
    }
}

package org.gan4j.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.gan4j.api.Api;
import org.gan4j.api.Gan4jException;

/**
 * The rule that a plugin uses nothing of gan4j but the plugin API ({@link Api#PACKAGES}), checked on
 * a plugin's jars before they are loaded: every class file's constant pool is read
 * ({@link ClassReferences}, nothing is loaded or run) and a jar whose classes refer to another gan4j
 * class (the engine, gan-api's kernels, a built-in plugin) is refused, naming the jar, the class, what
 * it refers to and the rule. Without this check such a plugin would load and then fail at some later
 * call with a bare {@link NoClassDefFoundError}, since its class loader does not share those classes.
 */
final class ApiBoundary {

    private static final String GAN4J = "org.gan4j.";

    private ApiBoundary() {
    }

    /**
     * Refuses the plugin made of {@code jars} when one of its classes refers to a gan4j class outside
     * the plugin API that the plugin's own jars do not define.
     *
     * @throws Gan4jException (bad input) naming the jar, the referring class and the class it refers to
     */
    static void check(List<Path> jars) {
        List<ClassFile> classes = new ArrayList<>();
        Set<String> own = new HashSet<>();
        for (Path jar : jars) {
            read(jar, classes, own);
        }
        for (ClassFile c : classes) {
            for (String referenced : c.references()) {
                if (referenced.startsWith(GAN4J) && !own.contains(referenced) && !PluginClassLoader.isApi(referenced)) {
                    throw Gan4jException.badInput("The plugin jar " + c.jar() + " is refused: its class " + c.name()
                            + " refers to " + referenced + ", which is not part of gan4j's plugin API. Plugins may use only"
                            + " the packages " + String.join(", ", Api.PACKAGES) + " (gan-api); " + referenced
                            + " is internal to gan4j and may change in any release. Rebuild the plugin against gan-api"
                            + " alone, or remove the jar from the plugins directory.");
                }
            }
        }
    }

    private static void read(Path jar, List<ClassFile> classes, Set<String> own) {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                String path = entry.getName();
                if (!path.endsWith(".class") || path.endsWith("module-info.class") || entry.isDirectory()) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = file.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                Set<String> references;
                try {
                    references = ClassReferences.of(bytes);
                } catch (IOException e) {
                    throw Gan4jException.badInput("The plugin jar " + jar + " holds " + path + ", which is not a valid class file ("
                            + e.getMessage() + "). Rebuild the plugin jar or remove it from the plugins directory.", e);
                }
                String name = classNameOf(path);
                own.add(name);
                classes.add(new ClassFile(jar, name, references));
            }
        } catch (IOException e) {
            throw Gan4jException.badInput("Cannot read the plugin jar " + jar + ": " + e
                    + ". Is it a jar? Rebuild it or remove it from the plugins directory.", e);
        }
    }

    /** {@code com/acme/A$B.class}, or the same under {@code META-INF/versions/N/}, as {@code com.acme.A$B}. */
    private static String classNameOf(String path) {
        String p = path.startsWith("META-INF/versions/") ? path.substring(path.indexOf('/', "META-INF/versions/".length()) + 1) : path;
        return p.substring(0, p.length() - ".class".length()).replace('/', '.');
    }

    private record ClassFile(Path jar, String name, Set<String> references) {
    }
}

package org.gan4j.spark.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * gan4j inside a Spark JVM. gan4j and Spark both use Jackson, Guava and SLF4J in versions that do
 * not mix, so gan4j gets a class loader of its own whose parent is the JDK's platform loader: the
 * gan-spark jar plus the gan4j jars it carries in {@value #LIB}, unpacked once per JVM. Where the
 * driver already runs gan4j (a {@code local[N]} master from {@code gan4j compare}), tasks use that
 * gan4j instead ({@link #useLocal}), so ND4J's native libraries load once per process.
 */
final class Gan4jWorld {

    /** Folder of the gan-spark jar holding gan4j's jars. */
    static final String LIB = "gan4j-lib/";
    /** The class in the gan4j loader that trains and checks cells: a {@code Function<Map, Map>}. */
    static final String WORKER = "org.gan4j.spark.CellWork";

    private static Function<Map<String, Object>, Map<String, Object>> local;
    private static ClassLoader loader;
    private static Function<Map<String, Object>, Map<String, Object>> worker;

    private Gan4jWorld() {
    }

    /** Makes tasks in this JVM use {@code worker}, the driver's own gan4j. */
    static synchronized void useLocal(Function<Map<String, Object>, Map<String, Object>> worker) {
        local = worker;
    }

    /** The worker that trains and checks cells in this JVM. */
    @SuppressWarnings("unchecked")
    static synchronized Function<Map<String, Object>, Map<String, Object>> worker() {
        if (local != null) {
            return local;
        }
        if (worker == null) {
            try {
                worker = (Function<Map<String, Object>, Map<String, Object>>) loader().loadClass(WORKER).getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot start gan4j in this Spark JVM from " + ownJar() + ": " + e, e);
            }
        }
        return worker;
    }

    /** gan4j's class loader, unpacking the jars the first time (into {@code ./gan4j-lib}, the task's working directory). */
    static synchronized ClassLoader loader() {
        if (loader == null) {
            Path jar = ownJar();
            Path lib = Path.of(org.apache.spark.SparkFiles.getRootDirectory()).toAbsolutePath().resolve("gan4j-lib-" + Long.toHexString(
                    jar.toFile().length() ^ jar.toFile().lastModified()));
            loader = loader(jar, lib);
        }
        return loader;
    }

    /** A class loader over {@code jar} and the gan4j jars it carries, unpacked into {@code lib}. */
    static ClassLoader loader(Path jar, Path lib) {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(jar.toUri().toURL());
            for (Path p : unpack(jar, lib)) {
                urls.add(p.toUri().toURL());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack gan4j from " + jar + " into " + lib + ": " + e.getMessage(), e);
        }
        return new URLClassLoader("gan4j", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** The jar (or classes directory) this class came from (Spark's side: gan-core's Locations.codeSource is not visible here). */
    static Path ownJar() {
        try {
            return Path.of(Gan4jWorld.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell which jar gan-spark was loaded from", e);
        }
    }

    /** Copies the jars under {@value #LIB} of {@code jar} into {@code lib} (skipping those already there), in name order. */
    private static List<Path> unpack(Path jar, Path lib) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.createDirectories(lib);
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                String name = e.getName();
                if (!name.startsWith(LIB) || !name.endsWith(".jar") || name.indexOf('/', LIB.length()) >= 0) {
                    continue;
                }
                Path target = lib.resolve(name.substring(LIB.length()));
                if (!Files.isRegularFile(target) || Files.size(target) != e.getSize()) {
                    Path tmp = lib.resolve("." + target.getFileName() + ".tmp");
                    try (InputStream in = file.getInputStream(e)) {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                out.add(target);
            }
        }
        if (out.isEmpty()) {
            throw new IOException(jar + " holds no " + LIB + "*.jar: it is not a gan-spark jar as the build makes it");
        }
        return classPathOrder(out);
    }

    /** The jars in the order of gan-cli's manifest Class-Path (the order the gan4j command runs with), the rest after it. */
    private static List<Path> classPathOrder(List<Path> jars) throws IOException {
        List<String> order = new ArrayList<>();
        for (Path p : jars) {
            if (p.getFileName().toString().startsWith("gan-cli-")) {
                order.add(p.getFileName().toString());
                try (JarFile cli = new JarFile(p.toFile())) {
                    String cp = cli.getManifest() == null ? null : cli.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String entry : cp == null ? new String[0] : cp.trim().split("\\s+")) {
                        order.add(entry.substring(entry.lastIndexOf('/') + 1));
                    }
                }
            }
        }
        List<Path> sorted = new ArrayList<>(jars);
        sorted.sort(java.util.Comparator.comparingInt((Path p) -> {
            int i = order.indexOf(p.getFileName().toString());
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(Path::toString));
        return sorted;
    }
}

package org.gan4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.gan4j.spark.testplugin.SquaresPlugin;

/**
 * What the Spark tests share: the gan4j command line as a child process (the built gan4j.jar, one
 * native thread, Spark on loopback only), the tiny ring experiments, the test plugin as a jar, and a
 * digest of a directory tree to show nothing in it changed.
 */
final class Gan4jProcess {

    static final Path ROOT = Path.of(System.getProperty("gan4j.it.root", "..")).toAbsolutePath().normalize();
    static final Path CLI_JAR = ROOT.resolve("gan-cli/target/gan4j.jar");
    static final Path SPARK_HOME = Path.of(System.getProperty("gan4j.it.sparkHome", ROOT + "/gan-spark-runtime/target/spark-home"));
    /** What Spark needs opened on Java 17, for a gan4j started with -cp (java -jar reads them from gan4j.jar's manifest). */
    static final List<String> ADD_OPENS = List.of("java.base/java.lang", "java.base/java.lang.invoke", "java.base/java.lang.reflect",
            "java.base/java.io", "java.base/java.net", "java.base/java.nio", "java.base/java.util", "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic", "java.base/jdk.internal.ref", "java.base/sun.nio.ch", "java.base/sun.nio.cs",
            "java.base/sun.security.action", "java.base/sun.util.calendar");
    static final long TIMEOUT_S = Long.getLong("gan4j.it.timeout", 900);

    private Gan4jProcess() {
    }

    /** How a child gan4j ended: exit code and everything it printed (stdout and stderr). */
    record Result(int code, String output) {
    }

    /** {@code java -jar gan4j.jar ARGS} in {@code dir}, output to {@code log}; waits for it. */
    static Result run(Path dir, Path log, Map<String, String> env, String... args) throws Exception {
        return finish(start(dir, log, env, List.of(), args), log);
    }

    /** Starts {@code gan4j ARGS}; with {@code extraClassPath}, as {@code java -cp gan4j.jar:EXTRA org.gan4j.cli.Main}. */
    static Process start(Path dir, Path log, Map<String, String> env, List<Path> extraClassPath, String... args) throws IOException {
        assertThat(CLI_JAR).as("gan-cli's jar (built by the package phase)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        if (extraClassPath.isEmpty()) {
            command.addAll(List.of("-jar", CLI_JAR.toString()));
        } else {
            ADD_OPENS.forEach(o -> command.add("--add-opens=" + o + "=ALL-UNNAMED"));
            StringBuilder cp = new StringBuilder(CLI_JAR.toString());
            extraClassPath.forEach(p -> cp.append(java.io.File.pathSeparator).append(p));
            command.addAll(List.of("-cp", cp.toString(), "org.gan4j.cli.Main"));
        }
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        environment(pb.environment());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** One native thread (runs are then identical), Spark on loopback only, Spark's jars from gan-spark-runtime. */
    static void environment(Map<String, String> env) {
        env.put("OMP_NUM_THREADS", "1");
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.remove("SPARK_HOME");
    }

    static Result finish(Process p, Path log) throws Exception {
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("gan4j did not finish within " + TIMEOUT_S + " s:\n" + read(log));
        }
        return new Result(p.exitValue(), read(log));
    }

    static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "(nothing)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /**
     * A ring experiment of {@code losses} x 2 seeds, each cell {@code iterations} generator steps of a
     * small MLP with a checkpoint every 50 and the mode coverage at the end; results in {@code output}.
     */
    static Path ringExperiment(Path dir, String name, String output, List<String> losses, int iterations) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                name: %s
                output: %s
                axes:
                  loss.type: [%s]
                  seed: [1, 2]
                rankBy: mode-coverage.modes
                base:
                  data: {type: ring, size: 2000}
                  generator: {type: mlp, latentSize: 8, hidden: [48, 48], dropout: 0.0, output: linear}
                  discriminator: {type: mlp, hidden: [48, 48], dropout: 0.0}
                  loss: {type: non-saturating}
                  schedule: {type: alternating, iterations: %d, batchSize: 100}
                  optimizer:
                    generator: {type: adam, lr: 1.0e-3, beta1: 0.5}
                    discriminator: {type: adam, lr: 1.0e-3, beta1: 0.5}
                  metrics: [{type: mode-coverage, every: 0, samples: 1000}]
                  output: {sampleEvery: 100, checkpointEvery: 50, checkpointKeep: 2}
                """.formatted(name, output, String.join(", ", losses), iterations));
    }

    /** The test plugin ({@link SquaresPlugin}) as a jar in {@code dir}, from this module's test classes. */
    static Path pluginJar(Path dir) throws Exception {
        Path classes = Path.of(SquaresPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = Files.createDirectories(dir).resolve("squares-plugin.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes.resolve("org/gan4j/spark/testplugin"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/org.gan4j.api.spi.GanPlugin"));
            out.write((SquaresPlugin.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** Every file under {@code dir} with the SHA-256 of its bytes, to show a command changed nothing there. */
    static Map<String, String> digest(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                out.put(dir.relativize(f).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(f))));
            }
        }
        return out;
    }
}

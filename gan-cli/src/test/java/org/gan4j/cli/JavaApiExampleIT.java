package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API's example program ({@code examples/java-api}) built with Maven on its own against the
 * artifacts this build just packaged (installed into a temporary repository, see
 * {@link ExampleBuilds}), then run: it trains from a config built in code, samples, interpolates,
 * samples from four threads and exports ONNX, and says so. Needs the shared MNIST data.
 */
class JavaApiExampleIT {

    static final String VERSION = "0.1.0-SNAPSHOT";
    /** What gan-embed needs at run time from this build: the engine and the built-in plugins. */
    static final List<String> MODULES = List.of("gan-api", "gan-core", "gan-embed", "gan-losses", "gan-models-mlp", "gan-models-dcgan",
            "gan-data");

    @TempDir
    Path work;

    @Test
    void theExampleBuildsAgainstThePackagedArtifactsAndRuns() throws Exception {
        Optional<Path> data = TrainCommandTest.sharedData();
        assumeTrue(data.isPresent(), "no shared data directory (set GAN4J_DATA)");
        Path root = Path.of(System.getProperty("gan4j.it.root", "..")).toAbsolutePath().normalize();
        Path repo = Files.createDirectories(work.resolve("repo"));
        Path tail = Path.of(System.getProperty("user.home"), ".m2", "repository");
        List<String[]> artifacts = new ArrayList<>();
        artifacts.add(new String[] {root.resolve("pom.xml").toString(), root.resolve("pom.xml").toString()});
        for (String module : MODULES) {
            artifacts.add(new String[] {ExampleBuilds.packagedJar(root, module, VERSION).toString(),
                    root.resolve(module).resolve("pom.xml").toString()});
        }
        ExampleBuilds.install(root, work, repo, tail, artifacts);

        Path example = work.resolve("java-api");
        ExampleBuilds.copyTree(root.resolve("examples/java-api"), example);
        ExampleBuilds.mvn(root, work, example, repo, tail, "package");
        assertThat(example.resolve("target/lib")).isDirectory();

        Path out = work.resolve("out");
        Path log = work.resolve("example.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", "target/classes:target/lib/*", "com.example.generate.UseAGenerator",
                data.get().resolve("mnist").toString(), out.toString(), "200")
                .directory(example.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done && p.exitValue() == 0).as(printed).isTrue();
        assertThat(printed).contains("trained: TrainedRun[", "completed after 200 iterations", "sampled: 16 images of 28x28, 12544 floats",
                "interpolated: 9 steps", "concurrent sampling equals sequential: true", "exported: digits.onnx (ONNX opset 17)");
        BufferedImage grid = ImageIO.read(out.resolve("grid-seed-7.png").toFile());
        assertThat(grid.getWidth()).isGreaterThan(4 * 28);
        assertThat(out.resolve("digits/metrics.csv")).isRegularFile();
        assertThat(Files.size(out.resolve("digits.onnx"))).isGreaterThan(4L * 64 * 128); // at least the first layer's weights
        assertThat(out.resolve("interpolation.png")).isRegularFile();
    }
}

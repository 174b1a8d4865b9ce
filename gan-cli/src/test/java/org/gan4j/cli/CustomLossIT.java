package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gan4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.gan4j.api.SpiVersion;
import org.gan4j.cli.common.CommonOptions;
import org.gan4j.core.train.Sha256;
import org.gan4j.testkit.LossContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin author's whole path, as an integration test (failsafe, after {@code package}):
 * {@code examples/custom-loss} is built with Maven on its own, its jar is dropped into a plugins
 * directory, {@code gan4j plugins} lists it, and a short training selects it by name; the run's
 * manifest names the jar and its SHA-256.
 *
 * <p>The example depends on {@code org.gan4j:gan-api} and {@code gan-testkit} like any third-party
 * plugin, so they must be in a Maven repository. Rather than {@code mvn install} into the shared
 * {@code ~/.m2} (which would leave this checkout's snapshots there for every other build), the test
 * installs the parent pom and the two jars this build just packaged (taken from the test's own
 * class path, not rebuilt) into a temporary local repository, and builds the example with
 * {@code -Dmaven.repo.local=<temporary>} and {@code -Dmaven.repo.local.tail=~/.m2/repository}
 * (Maven 3.9's read-only chained local repository), so every other dependency comes from the
 * existing {@code ~/.m2} without downloading anything. Maven is the repository's {@code ./mvnw}
 * (3.9.9; the tail needs 3.9); the nested builds run offline when this build is offline.
 * Two Maven runs: about 10 s for the install and 20-30 s for the example's package with its tests.
 */
class CustomLossIT {

    private static final String EXAMPLE_JAR = "gan4j-lsgan-loss-1.0.0.jar";

    @TempDir
    static Path work;

    static Path root;
    static Path home;
    static Path pluginJar;
    static String previousHome;

    @BeforeAll
    static void buildTheExampleAndInstallItsJar() throws Exception {
        root = Path.of(System.getProperty("gan4j.it.root", "..")).toAbsolutePath().normalize();
        assertThat(root.resolve("mvnw")).as("the repository root with mvnw").isRegularFile();
        Path repo = Files.createDirectories(work.resolve("repo"));
        Path tail = Path.of(System.getProperty("user.home"), ".m2", "repository");

        // 1. gan4j's parent pom, gan-api and gan-testkit into the temporary repository.
        ExampleBuilds.install(root, work, repo, tail, List.of(
                new String[] {root.resolve("pom.xml").toString(), root.resolve("pom.xml").toString()},
                new String[] {ExampleBuilds.jarOf(SpiVersion.class).toString(), root.resolve("gan-api/pom.xml").toString()},
                new String[] {ExampleBuilds.jarOf(LossContract.class).toString(), root.resolve("gan-testkit/pom.xml").toString()}));

        // 2. The example, copied out of the source tree so its target/ stays out of it.
        Path example = work.resolve("custom-loss");
        ExampleBuilds.copyTree(root.resolve("examples/custom-loss"), example);
        ExampleBuilds.mvn(root, work, example, repo, tail, "package");
        Path built = example.resolve("target").resolve(EXAMPLE_JAR);
        assertThat(built).isRegularFile();
        try (Stream<Path> reports = Files.list(example.resolve("target/surefire-reports"))) {
            assertThat(reports.map(p -> p.getFileName().toString()))
                    .as("the example's own tests ran, the testkit's contract among them")
                    .contains("TEST-com.example.lsgan.MyLeastSquaresLossContractTest.xml");
        }

        // 3. cp target/*.jar <gan4j home>/plugins/: the default plugins directory of this installation.
        home = work.resolve("gan4j-home");
        pluginJar = Files.copy(built, Files.createDirectories(home.resolve("plugins")).resolve(EXAMPLE_JAR));
        previousHome = System.setProperty(CommonOptions.HOME_PROPERTY, home.toString());
    }

    @AfterAll
    static void restoreHome() {
        if (previousHome == null) {
            System.clearProperty(CommonOptions.HOME_PROPERTY);
        } else {
            System.setProperty(CommonOptions.HOME_PROPERTY, previousHome);
        }
    }

    @Test
    void theExampleGanApiAndEveryBuiltInPluginJarDeclareTheSpiVersion() throws Exception {
        List<Path> jars = new ArrayList<>(List.of(pluginJar, ExampleBuilds.jarOf(SpiVersion.class)));
        for (String plugin : List.of("org.gan4j.losses.LossesPlugin", "org.gan4j.models.mlp.MlpPlugin",
                "org.gan4j.models.dcgan.DcganPlugin", "org.gan4j.data.DataPlugin")) {
            jars.add(ExampleBuilds.jarOf(Class.forName(plugin)));
        }
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getManifest().getMainAttributes().getValue(SpiVersion.MANIFEST_ATTRIBUTE))
                        .as("%s in the manifest of %s", SpiVersion.MANIFEST_ATTRIBUTE, jar)
                        .isEqualTo(String.valueOf(SpiVersion.MAJOR));
            }
        }
    }

    @Test
    void pluginsListsTheCustomLossWithItsJarBesideTheBuiltIns() {
        CliRun.Result r = run("plugins", "--verbose");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern("my-least-squares\\s+\\[" + EXAMPLE_JAR.replace(".", "\\.") + "\\]\\s+least-squares GAN, an example plugin")
                .containsPattern("\\n\\s+least-squares\\s+\\[gan-losses[^\\]]*\\]")
                .containsPattern("\\n\\s+hinge\\s+\\[gan-losses[^\\]]*\\]")
                .contains("a = 0.0", "b = 1.0", "c = 1.0")
                .contains("plugin com.example.lsgan.LsganPlugin from " + pluginJar)
                .doesNotContain("note:");
    }

    @Test
    void aShortTrainingSelectsItAndTheManifestNamesTheJarAndItsHash() throws Exception {
        Optional<Path> data = TrainCommandTest.sharedData();
        assumeTrue(data.isPresent(), "no shared data directory (set GAN4J_DATA)");
        Path config = Files.writeString(work.resolve("lsgan.yaml"), """
                name: lsgan
                seed: 3
                data: { type: mnist, path: "%s", split: test }
                generator: { type: mlp, latentSize: 16, hidden: [32] }
                discriminator: { type: mlp, hidden: [32] }
                loss: { type: my-least-squares, a: -1.0 }
                schedule: { type: alternating, iterations: 20, batchSize: 32 }
                output: { dir: "%s", sampleCount: 16 }
                """.formatted(data.get().resolve("mnist").toString().replace("\\", "/"),
                work.resolve("runs").toString().replace("\\", "/")));

        CliRun.Result r = run("train", config.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Trained 20 iterations");
        Path runDir = work.resolve("runs/lsgan");
        assertThat(Files.readAllLines(runDir.resolve("metrics.csv"))).hasSize(21);
        JsonNode manifest = new ObjectMapper().readTree(runDir.resolve("manifest.json").toFile());
        assertThat(manifest.at("/config/loss/type").asText()).isEqualTo("my-least-squares");
        assertThat(manifest.at("/config/loss/a").asDouble()).isEqualTo(-1.0);
        JsonNode entry = null;
        for (JsonNode e : manifest.get("plugins")) {
            if (e.get("plugin").asText().equals("com.example.lsgan.LsganPlugin")) {
                entry = e;
            }
        }
        assertThat(entry).as("the manifest's plugins: %s", manifest.get("plugins")).isNotNull();
        assertThat(Path.of(entry.get("source").asText())).isEqualTo(pluginJar.toAbsolutePath().normalize());
        assertThat(entry.get("sha256").asText()).hasSize(64).isEqualTo(Sha256.of(pluginJar));
    }
}

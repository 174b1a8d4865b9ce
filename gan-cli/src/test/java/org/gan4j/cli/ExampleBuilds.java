package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds an example project of {@code examples/} with Maven against the artifacts this build just
 * packaged, as {@link CustomLossIT} and {@link JavaApiExampleIT} do: the artifacts are installed into
 * a temporary local repository (never the shared {@code ~/.m2}), which the nested build uses with
 * {@code ~/.m2/repository} as its read-only tail (Maven 3.9's chained local repository), offline
 * when this build is.
 */
final class ExampleBuilds {

    private ExampleBuilds() {
    }

    /** The jar a class was loaded from: in an integration test, the module's packaged jar. */
    static Path jarOf(Class<?> type) throws URISyntaxException {
        Path p = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(p.toString()).as("%s must come from a packaged jar (run with mvn verify)", type.getName()).endsWith(".jar");
        return p;
    }

    /** The jar the reactor packaged for {@code module}: {@code <root>/<module>/target/<module>-<version>.jar}. */
    static Path packagedJar(Path root, String module, String version) {
        Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
        assertThat(jar).as("%s must be packaged first (run with mvn verify)", module).isRegularFile();
        return jar;
    }

    /** Installs each (file, pom) pair into {@code repo} with maven-install-plugin's install-file. */
    static void install(Path root, Path work, Path repo, Path tail, List<String[]> filesAndPoms) throws IOException, InterruptedException {
        StringBuilder executions = new StringBuilder();
        for (int i = 0; i < filesAndPoms.size(); i++) {
            executions.append("""
                    <execution><id>i%d</id><phase>validate</phase><goals><goal>install-file</goal></goals>
                      <configuration><file>%s</file><pomFile>%s</pomFile></configuration></execution>
                    """.formatted(i, filesAndPoms.get(i)[0], filesAndPoms.get(i)[1]));
        }
        Path pom = Files.writeString(Files.createTempFile(work, "install-gan4j", ".xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>it.gan4j</groupId><artifactId>install-gan4j</artifactId><version>1</version><packaging>pom</packaging>
                  <build><plugins><plugin>
                    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId><version>3.1.3</version>
                    <executions>
                %s    </executions>
                  </plugin></plugins></build>
                </project>
                """.formatted(executions));
        mvn(root, work, work, repo, tail, "-f", pom.toString(), "validate");
    }

    /** Runs the repository's {@code ./mvnw} in {@code dir} with the temporary repository; fails the test with its log. */
    static void mvn(Path root, Path work, Path dir, Path repo, Path tail, String... goals) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-q",
                "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + tail));
        if (System.getProperty("gan4j.it.offline", "").equals("offline=true")) {
            command.add("-o");
        }
        command.addAll(List.of(goals));
        Path log = Files.createTempFile(work, "mvn", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done && p.exitValue() == 0).as("%s in %s failed:%n%s", command, dir,
                Files.readString(log, StandardCharsets.UTF_8)).isTrue();
    }

    /** Copies an example out of the source tree (its {@code target/} left behind). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

package org.gan4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard reads nothing outside the served directory and writes nothing: traversal, encoded
 * traversal, absolute paths, symbolic links out, hidden files, control characters and malformed
 * parameters each get 400 or 404 (never the secret file's content), and other methods change nothing.
 */
class PathSafetyTest {

    @TempDir
    static Path base;
    static Path served;
    static Dashboard dashboard;

    @BeforeAll
    static void start() throws Exception {
        served = Fixture.create(base);
        dashboard = Dashboard.start(served, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        dashboard.close();
    }

    static Stream<String> malformedOrOutside() {
        return Stream.of(
                "/files/../secret.txt",
                "/files/..%2fsecret.txt",
                "/files/%2e%2e/secret.txt",
                "/files/%2e%2e%2fsecret.txt",
                "/files/%2E%2E%2Fsecret.txt",
                "/files/run1/../../secret.txt",
                "/files/run1/samples/../../../secret.txt",
                "/files//etc/passwd",
                "/files/%2fetc%2fpasswd",
                "/files/..\\secret.txt",
                "/files/..%5csecret.txt",
                "/files/%252e%252e/secret.txt",
                "/files/link-out/secret.txt",
                "/files/link-out/metrics.csv",
                "/files/secret-link.txt",
                "/files/run1/%00.png",
                "/files/run1/metrics.csv%00.png",
                "/files/.hidden/x.png",
                "/files/run1/./metrics.csv",
                "/files/C:/Windows/win.ini",
                "/files/run1/generator.zip",
                "/run/..",
                "/run/%2e%2e",
                "/run/link-out",
                "/api/run/..%2f..%2f",
                "/api/run/link-out",
                "/api/run/run1?from=abc",
                "/static/../../secret.txt",
                "/static/%2e%2e%2fdashboard.js",
                "/static/secret.txt",
                "/nothing-here");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedOrOutside")
    void isRefusedWith400Or404AndLeaksNothing(String target) throws Exception {
        Fixture.Response r = Fixture.get(dashboard.port(), target);
        assertThat(r.status()).as(target).isIn(400, 404);
        assertThat(r.body()).doesNotContain(Fixture.SECRET);
    }

    @org.junit.jupiter.api.Test
    void atLeastTwentyRequestsAreChecked() {
        assertThat(malformedOrOutside().count()).isGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void otherMethodsChangeNothing(String method) throws Exception {
        List<Path> before;
        try (Stream<Path> files = Files.walk(base)) {
            before = files.sorted().toList();
        }
        byte[] metrics = Files.readAllBytes(served.resolve("run1/metrics.csv"));
        for (String target : List.of("/files/run1/metrics.csv", "/files/run1/new.txt", "/run/run1", "/api/run/run1", "/")) {
            Fixture.Response r = Fixture.raw(dashboard.port(), method, target);
            assertThat(r.status()).as(method + " " + target).isGreaterThanOrEqualTo(400).isLessThan(500);
        }
        try (Stream<Path> files = Files.walk(base)) {
            assertThat(files.sorted().toList()).isEqualTo(before);
        }
        assertThat(Files.readAllBytes(served.resolve("run1/metrics.csv"))).isEqualTo(metrics);
    }
}

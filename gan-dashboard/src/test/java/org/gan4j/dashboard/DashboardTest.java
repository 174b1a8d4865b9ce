package org.gan4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the dashboard shows of a run and a comparison written by hand. */
class DashboardTest {

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

    @Test
    void theIndexListsTheRunWithItsProgressAndTheComparisonWithItsReport() throws Exception {
        Fixture.Response r = Fixture.get(dashboard.port(), "/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("href=\"/run/run1\"", "running", "3 / 100", "href=\"/files/cmp/report.html\"")
                .doesNotContain("link-out", ".hidden", Fixture.SECRET);
    }

    @Test
    void theRunPageHasTheLiveHooksTheGridAndTheManifest() throws Exception {
        Fixture.Response r = Fixture.get(dashboard.port(), "/run/run1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"iteration\">3<", "src=\"/files/run1/samples/epoch-001.png\"",
                "data-api=\"/api/run/run1\"", "\"plannedIterations\" : 100", "/static/dashboard.js");
        assertThat(Fixture.get(dashboard.port(), "/static/dashboard.js").status()).isEqualTo(200);
        assertThat(Fixture.get(dashboard.port(), "/static/uPlot.iife.min.js").body()).contains("uPlot");
    }

    @Test
    void theApiReturnsOnlyTheRowsWrittenSinceTheGivenOffset() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path run = Files.createDirectories(served.resolve("growing"));
        Files.copy(served.resolve("run1/manifest.json"), run.resolve("manifest.json"));
        Files.copy(served.resolve("run1/metrics.csv"), run.resolve("metrics.csv"));
        Files.createDirectories(run.resolve("samples"));
        Files.copy(served.resolve("run1/samples/epoch-001.png"), run.resolve("samples/epoch-001.png"));
        JsonNode all = json.readTree(Fixture.get(dashboard.port(), "/api/run/growing?from=0").body());
        assertThat(all.path("status").asText()).isEqualTo("running");
        assertThat(all.path("iteration").asLong()).isEqualTo(3);
        assertThat(all.path("rows")).hasSize(3);
        assertThat(all.path("rows").get(0).toString()).isEqualTo("[1,1.3862944,0.69314718,0.5,0.5]");
        assertThat(all.path("rows").get(2).get(1).isNull()).as("NaN as null").isTrue();
        assertThat(all.path("grid").asText()).isEqualTo("/files/growing/samples/epoch-001.png");
        long offset = all.path("offset").asLong();
        assertThat(offset).isEqualTo(Files.size(run.resolve("metrics.csv")));

        // a training appends a row and starts another: only the complete one comes back
        Files.writeString(run.resolve("metrics.csv"), "4,1,1.0000000,1.0000000,0.50000000,0.50000000,1.0000000,1.0000000\n5,1,1.0",
                StandardOpenOption.APPEND);
        JsonNode next = json.readTree(Fixture.get(dashboard.port(), "/api/run/growing?from=" + offset).body());
        assertThat(next.path("rows")).hasSize(1);
        assertThat(next.path("rows").get(0).get(0).asLong()).isEqualTo(4);
        assertThat(next.path("iteration").asLong()).isEqualTo(4);
        JsonNode none = json.readTree(Fixture.get(dashboard.port(), "/api/run/growing?from=" + next.path("offset").asLong()).body());
        assertThat(none.path("rows")).isEmpty();
    }

    @Test
    void aRunThatHasOnlyItsManifestYetAnswersWithNoRows() throws Exception {
        Path run = Files.createDirectories(served.resolve("starting"));
        Files.writeString(run.resolve("manifest.json"), "{\"status\":\"running\"}");
        JsonNode answer = new ObjectMapper().readTree(Fixture.get(dashboard.port(), "/api/run/starting?from=0").body());
        assertThat(answer.path("rows")).isEmpty();
        assertThat(answer.path("iteration").asLong()).isZero();
        assertThat(answer.path("more").asBoolean()).isFalse();
        assertThat(Fixture.get(dashboard.port(), "/run/starting").status()).isEqualTo(200);
    }

    @Test
    void filesUnderTheDirectoryAreServedWithTheirTypeAndPagesWithAStrictPolicy() throws Exception {
        java.net.http.HttpResponse<byte[]> png = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + dashboard.port()
                        + "/files/run1/samples/epoch-001.png")).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.body()).isEqualTo(Files.readAllBytes(served.resolve("run1/samples/epoch-001.png")));
        assertThat(png.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'", "script-src 'self'");
        assertThat(png.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(Fixture.get(dashboard.port(), "/files/cmp/report.html").body()).contains("gan4j compare: cmp");
    }
}

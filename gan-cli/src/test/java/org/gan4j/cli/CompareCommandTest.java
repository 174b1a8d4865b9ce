package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.cli.common.CommonOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan4j compare} end to end on a tiny ring experiment: trains, evaluates, reports, then skips on rerun. */
class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsTheGridWritesTheReportAndSkipsCompletedCellsOnRerun() throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, """
                name: tiny
                output: %s
                axes:
                  loss.type: [minimax, wasserstein]
                  seed: [1, 2]
                base:
                  data: {type: ring, size: 400}
                  generator: {type: mlp, latentSize: 4, hidden: [16], dropout: 0.0, output: linear}
                  discriminator: {type: mlp, hidden: [16], dropout: 0.0}
                  loss: {type: non-saturating, realLabel: 0.9}
                  schedule: {type: alternating, epochs: 2, batchSize: 100}
                  metrics: [{type: mode-coverage, every: 1, samples: 500}]
                  output: {sampleEvery: 1}
                """.formatted(dir.resolve("out")));
        CliRun.Result first = CliRun.run("compare", file.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("[4/4] loss.type=wasserstein,seed=2: completed", "Ranking by mode-coverage.modes");

        Path exp = dir.resolve("out/tiny");
        Path cell = exp.resolve("cells/loss.type=minimax,seed=1");
        // the metric was evaluated before training, after each epoch and at the end
        List<String> csv = Files.readAllLines(cell.resolve("metrics-eval.csv"));
        assertThat(csv.get(0)).isEqualTo("epoch,iteration,metric,name,value");
        assertThat(csv.stream().filter(l -> l.contains(",modes,")).map(l -> l.split(",")[0])).containsExactly("0", "1", "2");
        JsonNode evaluation = new ObjectMapper().readTree(cell.resolve("evaluation.json").toFile());
        assertThat(evaluation.path("metrics").path("mode-coverage").path("total-modes").asDouble()).isEqualTo(8.0);
        assertThat(evaluation.path("status").asText()).isEqualTo("completed");

        JsonNode summary = new ObjectMapper().readTree(exp.resolve("summary.json").toFile());
        assertThat(summary.path("variants")).hasSize(2);
        assertThat(summary.path("variants").get(0).path("metrics").path("mode-coverage.modes").path("n").asInt()).isEqualTo(2);
        double best = summary.path("variants").get(0).path("metrics").path("mode-coverage.modes").path("mean").asDouble();
        double second = summary.path("variants").get(1).path("metrics").path("mode-coverage.modes").path("mean").asDouble();
        assertThat(best).isGreaterThanOrEqualTo(second);
        String html = Files.readString(exp.resolve("report.html"));
        assertThat(html).contains("<table id=\"ranking\">", "cells/loss.type%3Dminimax%2Cseed%3D1/samples/final.png");

        CliRun.Result again = CliRun.run("compare", file.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("[1/4] loss.type=minimax,seed=1: already completed, skipped",
                "[4/4] loss.type=wasserstein,seed=2: already completed, skipped");
    }

    @Test
    void sparkWithoutTheGanSparkModuleIsABadInputSayingHowToInstallIt() throws Exception {
        Path file = tinyExperiment();
        String home = System.getProperty(CommonOptions.HOME_PROPERTY);
        System.setProperty(CommonOptions.HOME_PROPERTY, dir.resolve("installation").toString());
        try {
            CliRun.Result r = CliRun.run("compare", file.toString(), "--spark", "local[2]");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("--spark needs the optional gan-spark module, which is not installed",
                    dir.resolve("installation").resolve("spark").toString(), "GAN4J_SPARK_JAR").doesNotContain("Exception");
        } finally {
            if (home == null) {
                System.clearProperty(CommonOptions.HOME_PROPERTY);
            } else {
                System.setProperty(CommonOptions.HOME_PROPERTY, home);
            }
        }
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anOutputUriNeedsSparkAndParallelIsNotForSpark() throws Exception {
        Path file = tinyExperiment();
        CliRun.Result uri = CliRun.run("compare", file.toString(), "--output", "s3a://bucket/runs");
        assertThat(uri.code()).isEqualTo(2);
        assertThat(uri.err()).contains("--output s3a://bucket/runs", "needs --spark");
        CliRun.Result both = CliRun.run("compare", file.toString(), "--parallel", "2", "--spark", "local[2]");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--parallel 2 is for training on this machine");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void outputPutsTheExperimentsDirectoryElsewhere() throws Exception {
        Path file = tinyExperiment();
        CliRun.Result r = CliRun.run("compare", file.toString(), "--dry-run", "--output", dir.resolve("elsewhere").toUri().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 cells in " + dir.resolve("elsewhere/tiny/cells"));
    }

    private static final String SEARCH = """
            name: searched
            output: %s
            axes:
              loss.type: [minimax, non-saturating]
            search:
              trials: 3
              seed: 1
              space:
                optimizer.generator.lr: loguniform(1e-4, 1e-2)
                optimizer.discriminator.beta1: choice(0, 0.5)
            budget: {iterations: 6}
            base:
              data: {type: ring, size: 400}
              generator: {type: mlp, latentSize: 4, hidden: [16], dropout: 0.0, output: linear}
              discriminator: {type: mlp, hidden: [16], dropout: 0.0}
              loss: {type: non-saturating}
              schedule: {type: alternating, epochs: 3, batchSize: 100}
              optimizer:
                generator: {type: adam, lr: 0.001, beta1: 0.5}
                discriminator: {type: adam, lr: 0.001, beta1: 0.5}
              metrics: [{type: mode-coverage, samples: 300}]
            """;

    @Test
    void aSearchTrainsEveryTrialInParallelReportsItAndSkipsCompletedTrialsOnRerun() throws Exception {
        Path file = Files.writeString(dir.resolve("search.yaml"), SEARCH.formatted(dir.resolve("out")));
        CliRun.Result first = CliRun.run("compare", file.toString(), "--parallel", "2");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("\\[6/6\\] loss\\.type=\\w[\\w-]*,trial=00\\d-[0-9a-f]{4}: completed")
                .contains("Ranking by mode-coverage.modes (best trial [95% bootstrap interval] of 3");
        Path exp = dir.resolve("out/searched");
        try (var cells = Files.list(exp.resolve("cells"))) {
            assertThat(cells.map(p -> p.getFileName().toString()).sorted().toList()).hasSize(6)
                    .allMatch(n -> n.matches("loss\\.type=(minimax|non-saturating),trial=00[123]-[0-9a-f]{4}"));
        }
        // the budget: every run made exactly 6 iterations, though its config says 3 epochs
        try (var manifests = Files.list(exp.resolve("cells"))) {
            for (Path cell : manifests.toList()) {
                assertThat(new ObjectMapper().readTree(cell.resolve("manifest.json").toFile()).path("iterations").asLong())
                        .as(cell.toString()).isEqualTo(6);
            }
        }
        JsonNode summary = new ObjectMapper().readTree(exp.resolve("summary.json").toFile());
        assertThat(summary.path("variants").get(0).path("search").path("trials").asInt()).isEqualTo(3);
        assertThat(summary.path("variants").get(0).path("search").path("bestSettings").has("optimizer.generator.lr")).isTrue();
        String html = Files.readString(exp.resolve("report.html"));
        assertThat(html).contains("<table id=\"search-ranking\">", "<h3>Best trials</h3>", "<svg");

        CliRun.Result again = CliRun.run("compare", file.toString(), "--parallel", "2");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain(": completed in").contains("already completed, skipped");
    }

    @Test
    void aBadSearchKeyExitsWith2NamingTheFileVariantAndKeyBeforeAnythingTrains() throws Exception {
        Path good = Files.writeString(dir.resolve("good.yaml"), SEARCH.formatted(dir.resolve("out")));
        CliRun.Result dry = CliRun.run("compare", good.toString(), "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("6 cells in").containsPattern(
                "loss\\.type=minimax,trial=001-[0-9a-f]{4}  optimizer\\.generator\\.lr=0\\.\\d+ optimizer\\.discriminator\\.beta1=0(\\.5)?\\n");
        Path file = Files.writeString(dir.resolve("search.yaml"), SEARCH.formatted(dir.resolve("out"))
                .replace("optimizer.discriminator.beta1", "optimizer.discriminator.beta"));
        CliRun.Result r = CliRun.run("compare", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(file.toString(), "variant loss.type=minimax", "search key optimizer.discriminator.beta",
                "unknown field 'beta'").doesNotContain("Exception");
        assertThat(dir.resolve("out")).doesNotExist();
        Path zero = Files.writeString(dir.resolve("zero.yaml"), SEARCH.formatted(dir.resolve("out")).replace("iterations: 6", "iterations: 0"));
        CliRun.Result z = CliRun.run("compare", zero.toString());
        assertThat(z.code()).isEqualTo(2);
        assertThat(z.err()).contains(zero.toString(), "budget.iterations", "not a positive whole number").doesNotContain("Exception");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    private Path tinyExperiment() throws Exception {
        return Files.writeString(dir.resolve("tiny.yaml"), """
                name: tiny
                output: %s
                axes:
                  loss.type: [minimax, wasserstein]
                  seed: [1, 2]
                base:
                  data: {type: ring, size: 400}
                  generator: {type: mlp, latentSize: 4, hidden: [16], dropout: 0.0, output: linear}
                  discriminator: {type: mlp, hidden: [16], dropout: 0.0}
                  loss: {type: non-saturating}
                  schedule: {type: alternating, epochs: 1, batchSize: 100}
                """.formatted(dir.resolve("out")));
    }
}

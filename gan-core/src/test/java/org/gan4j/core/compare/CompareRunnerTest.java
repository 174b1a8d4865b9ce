package org.gan4j.core.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.core.config.OptimizerSettings;
import org.gan4j.core.config.OutputSettings;
import org.gan4j.core.config.RunConfig;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.optim.SgdSpec;
import org.gan4j.api.spi.MetricSpec;
import org.gan4j.core.train.Fakes;
import org.gan4j.core.train.RunLock;
import org.gan4j.core.train.TrainOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training a grid's cells: skipping completed ones, and finding every cell's mistakes before the first trains. */
class CompareRunnerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** A cell on the toy data (empty when {@code size} is 0) with the given metrics. */
    static Cell cell(long seed, int size, List<MetricSpec> metrics) {
        String name = "seed=" + seed;
        RunConfig config = new RunConfig(name, seed, new Fakes.ToyDataSpec(new long[] {2}, size), new Fakes.LinearGenSpec(2),
                new Fakes.LinearDiscSpec(1.0), new Fakes.BceSpec(), new Fakes.Schedule(8, 1, 0, 1, 1),
                new OptimizerSettings(new SgdSpec(0.05), new SgdSpec(0.05)), OutputSettings.defaults(), null, metrics);
        return new Cell(name, "all", Map.of("seed", JsonNodeFactory.instance.numberNode(seed)), JsonNodeFactory.instance.objectNode(), config);
    }

    Experiment experiment() {
        return new Experiment(dir.resolve("exp.yaml"), "exp", JsonNodeFactory.instance.objectNode(), Map.of(), List.of(), null, "out");
    }

    TrainOptions options() {
        return TrainOptions.defaults().withBaseDirectory(dir).withConfigJson(c -> {
            try {
                return Fakes.mapper().writeValueAsString(c);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    List<CompareRunner.Outcome> run(List<Cell> cells) {
        return CompareRunner.run(experiment(), cells, dir.resolve("out/exp"), List.of(), options(), 1,
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void completedCellsAreSkippedAndOthersRunAgain() throws IOException {
        Path done = Files.createDirectories(dir.resolve("out/exp/cells/seed=1"));
        Files.writeString(done.resolve("manifest.json"), "{\"status\":\"completed\"}");
        Path interrupted = Files.createDirectories(dir.resolve("out/exp/cells/seed=2"));
        Files.writeString(interrupted.resolve("manifest.json"), "{\"status\":\"interrupted\"}");

        List<CompareRunner.Outcome> outcomes = run(List.of(cell(1, 16, List.of()), cell(2, 16, List.of()), cell(3, 16, List.of())));

        assertThat(outcomes).extracting(CompareRunner.Outcome::skipped).containsExactly(true, false, false);
        assertThat(outcomes).extracting(CompareRunner.Outcome::status).containsExactly("completed", "completed", "completed");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("[1/3] seed=1: already completed, skipped", "[3/3] seed=3: completed");
        assertThat(dir.resolve("out/exp/logs/seed=3.log")).exists();
        assertThat(dir.resolve("out/exp/cells/seed=1/manifest.json")).hasContent("{\"status\":\"completed\"}");
    }

    @Test
    void aCellWhoseDataCannotBeOpenedIsFoundBeforeAnyCellTrains() {
        List<Cell> cells = List.of(cell(1, 16, List.of()), cell(2, 16, List.of()), cell(3, 0, List.of()));
        assertThatThrownBy(() -> run(cells)).isInstanceOfSatisfying(Gan4jException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(Gan4jException.BAD_INPUT);
            assertThat(e.getMessage()).startsWith("The experiment " + dir.resolve("exp.yaml") + ", cell seed=3: The toy data is empty");
        });
        assertThat(dir.resolve("out/exp/cells")).doesNotExist();
    }

    @Test
    void aMetricThatDoesNotFitTheDataIsFoundBeforeAnyCellTrains() {
        List<Cell> cells = new ArrayList<>(List.of(cell(1, 16, List.of()), cell(2, 16, List.of(new Fakes.PickySpec()))));
        assertThatThrownBy(() -> run(cells)).hasMessageContaining("cell seed=2: metrics: picky needs other data than toy data");
        assertThat(dir.resolve("out/exp/cells")).doesNotExist();
    }

    @Test
    void aSecondComparisonOfTheSameExperimentIsRefusedWhileTheFirstRuns() {
        try (RunLock first = CompareRunner.lock(dir.resolve("out/exp"))) {
            assertThatThrownBy(() -> CompareRunner.lock(dir.resolve("out/exp")))
                    .hasMessageContaining("The experiment directory " + dir.resolve("out/exp") + " is in use")
                    .hasMessageContaining("gan4j compare");
        }
    }
}

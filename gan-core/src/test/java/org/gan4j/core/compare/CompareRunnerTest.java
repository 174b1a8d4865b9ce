package org.gan4j.core.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.core.config.TestComponents;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.train.TrainOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareRunnerTest {

    @TempDir
    Path dir;

    @Test
    void completedCellsAreSkippedAndOthersRunAgain() throws IOException {
        ComponentRegistry registry = TestComponents.registry();
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, """
                name: skip
                output: out
                base:
                  data: {type: test-data, path: x}
                  generator: {type: test-gen}
                  discriminator: {type: test-disc}
                  loss: {type: minimax}
                axes:
                  seed: [1, 2, 3]
                """);
        Experiment e = Experiment.read(file, registry);
        List<Cell> cells = Grid.expand(e, registry);
        Path experimentDir = CompareRunner.directory(e, dir);
        assertThat(experimentDir).isEqualTo(dir.resolve("out/skip"));
        Path done = experimentDir.resolve("cells/seed=1");
        Files.createDirectories(done);
        Files.writeString(done.resolve("manifest.json"), "{\"status\":\"completed\"}");
        Path interrupted = experimentDir.resolve("cells/seed=2");
        Files.createDirectories(interrupted);
        Files.writeString(interrupted.resolve("manifest.json"), "{\"status\":\"interrupted\"}");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // the test data cannot be opened: a cell that is trained ends as failed, one that is skipped never tries
        List<CompareRunner.Outcome> outcomes = CompareRunner.run(e, cells, experimentDir, registry.plugins(),
                TrainOptions.defaults().withBaseDirectory(dir), 1, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(outcomes).extracting(CompareRunner.Outcome::skipped).containsExactly(true, false, false);
        assertThat(outcomes).extracting(CompareRunner.Outcome::status).containsExactly("completed", "failed", "failed");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("[1/3] seed=1: already completed, skipped", "[3/3] seed=3: failed");
        assertThat(experimentDir.resolve("logs/seed=3.log")).exists();
    }
}

package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resume} uses the saved config, and says so when the file the run started from has been edited since. */
class ResumeWarningTest {

    @TempDir
    Path dir;

    @Test
    void resumingAfterTheConfigFileChangedWarnsThatTheSavedConfigIsUsed() throws Exception {
        String text = """
                name: edited
                seed: 5
                data: { type: ring, size: 128 }
                generator: { type: mlp, latentSize: 4, hidden: [16], output: linear }
                discriminator: { type: mlp, hidden: [16] }
                loss: { type: non-saturating }
                schedule: { type: alternating, iterations: 8, batchSize: 32 }
                output: { dir: "%s", sampleCount: 4, checkpointEvery: 4 }
                """.formatted(dir.resolve("runs").toString().replace("\\", "/"));
        Path config = Files.writeString(dir.resolve("edited.yaml"), text);
        assertThat(CliRun.run("train", config.toString(), "--max-iterations", "4").code()).isZero();
        Path run = dir.resolve("runs/edited");

        CliRun.Result unchanged = CliRun.run("train", "--resume", run.toString(), "--max-iterations", "6");
        assertThat(unchanged.code()).as(unchanged.err()).isZero();
        assertThat(unchanged.out()).doesNotContain("warning: the config file");

        Files.writeString(config, text.replace("non-saturating", "minimax"));
        CliRun.Result changed = CliRun.run("train", "--resume", run.toString());
        assertThat(changed.code()).as(changed.err()).isZero();
        assertThat(changed.out()).contains("warning: the config file " + config.toAbsolutePath() + " has changed since this run started",
                run.resolve("checkpoints/config.json").toString(), "gan4j train " + config.toAbsolutePath() + " --overwrite");
    }
}

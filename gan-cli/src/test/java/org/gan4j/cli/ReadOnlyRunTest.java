package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume} and {@code sample} on a run directory that cannot be written (issue 12; before,
 * an UncheckedIOException on {@code .manifest.json.tmp}, exit 1): exit code 2 naming the path, and
 * every file byte-identical afterwards. Read-only as root needs {@code chattr +i} (permissions do not
 * stop root), else {@code chmod a-w}; skipped where neither works.
 */
class ReadOnlyRunTest {

    @TempDir
    Path dir;

    Path run;
    boolean immutable;

    @AfterEach
    void writableAgain() {
        if (run != null) {
            if (immutable) {
                ChildGan4j.system("chattr", "-R", "-i", run.toString());
            } else {
                ChildGan4j.system("chmod", "-R", "u+w", run.toString());
            }
        }
    }

    @Test
    void resumingOrSamplingARunThatCannotBeWrittenIsABadInputThatChangesNothing() throws Exception {
        Path config = Files.writeString(dir.resolve("ro.yaml"), """
                name: ro
                seed: 5
                data: { type: ring, size: 128 }
                generator: { type: mlp, latentSize: 4, hidden: [16], output: linear }
                discriminator: { type: mlp, hidden: [16] }
                loss: { type: non-saturating }
                schedule: { type: alternating, iterations: 12, batchSize: 32 }
                output: { dir: "%s", sampleCount: 4, checkpointEvery: 4 }
                """.formatted(dir.resolve("runs").toString().replace("\\", "/")));
        CliRun.Result trained = CliRun.run("train", config.toString(), "--max-iterations", "6");
        assertThat(trained.code()).as(trained.err()).isZero();
        run = dir.resolve("runs/ro");

        boolean root = "root".equals(System.getProperty("user.name"));
        immutable = root && ChildGan4j.system("chattr", "-R", "+i", run.toString()) == 0;
        boolean readOnly = immutable || (!root && ChildGan4j.system("chmod", "-R", "a-w", run.toString()) == 0);
        assumeTrue(readOnly, "cannot make a directory read-only here (as root chattr +i is needed and not supported)");
        Map<String, String> before = DiskFullIT.snapshot(run);

        CliRun.Result resumed = CliRun.run("train", "--resume", run.toString());
        assertThat(resumed.code()).as(resumed.err()).isEqualTo(2);
        assertThat(resumed.err()).contains(run.toString(), "permission denied", "writable").doesNotContain("\tat ", "internal error");

        CliRun.Result sampled = CliRun.run("sample", run.toString(), "-n", "4");
        assertThat(sampled.code()).as(sampled.err()).isEqualTo(2);
        assertThat(sampled.err()).contains(run.resolve("samples").toString(), "--output").doesNotContain("\tat ", "internal error");

        assertThat(DiskFullIT.snapshot(run)).isEqualTo(before);
    }
}

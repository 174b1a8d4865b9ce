package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gan4j.core.train.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per run directory, with real processes (issue 12): two {@code gan4j train} with the same
 * run name and different seeds started at the same moment; a {@code --resume} of a run that is still
 * training; and a run killed with SIGKILL, whose stale lock file the next command takes over.
 */
class ConcurrentRunsIT {

    private static final int ITERATIONS = 4000;

    @TempDir
    Path dir;

    private Path config(String file, long seed) throws Exception {
        return Files.writeString(dir.resolve(file), """
                name: same
                seed: %d
                data: { type: ring, size: 65536 }
                generator: { type: mlp, latentSize: 4, hidden: [32], output: linear }
                discriminator: { type: mlp, hidden: [32] }
                loss: { type: non-saturating }
                schedule: { type: alternating, iterations: %d, batchSize: 64 }
                output: { dir: "%s", sampleCount: 16, checkpointEvery: 500 }
                """.formatted(seed, ITERATIONS, dir.resolve("runs").toString().replace("\\", "/")));
    }

    @Test
    void twoTrainingsOfTheSameRunStartedAtOnceLeaveOneWholeRunAndTheOtherIsRefusedNamingItsPid() throws Exception {
        Path a = config("a.yaml", 1);
        Path b = config("b.yaml", 2);
        Process pa = ChildGan4j.start(dir.resolve("a.log"), "train", a.toString());
        Process pb = ChildGan4j.start(dir.resolve("b.log"), "train", b.toString());
        int ca = ChildGan4j.finish(pa);
        int cb = ChildGan4j.finish(pb);
        String la = ChildGan4j.log(dir.resolve("a.log"));
        String lb = ChildGan4j.log(dir.resolve("b.log"));

        assertThat(List.of(ca, cb)).as("exit codes; a: %s%nb: %s", la, lb).containsExactlyInAnyOrder(0, 2);
        boolean aWon = ca == 0;
        Process winner = aWon ? pa : pb;
        String loserLog = aWon ? lb : la;
        // refused by the lock while the winner trained, or (if it started late) by the winner's finished directory
        assertThat(loserLog).satisfiesAnyOf(
                l -> assertThat(l).contains("is in use", "pid " + winner.pid()),
                l -> assertThat(l).contains("already exists and is not empty"));
        assertThat(loserLog).doesNotContain("\tat ", "internal error");

        Path run = dir.resolve("runs/same");
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(metrics).hasSize(ITERATIONS + 1);
        for (int i = 1; i <= ITERATIONS; i++) {
            String[] cells = metrics.get(i).split(",", -1);
            assertThat(cells).as("row %d: %s", i, metrics.get(i)).hasSize(8);
            assertThat(cells[0]).isEqualTo(Integer.toString(i));
        }
        JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        assertThat(manifest.path("seed").asLong()).isEqualTo(aWon ? 1 : 2);
        assertThat(manifest.path("status").asText()).isEqualTo("completed");
        assertThat(run.resolve(RunLock.FILE)).doesNotExist();
        System.out.println("ConcurrentRunsIT: the loser said: " + loserLog.strip());
    }

    @Test
    void resumingARunStillTrainingIsRefusedAndAKilledRunsStaleLockIsTakenOver() throws Exception {
        Path config = config("c.yaml", 3);
        Path run = dir.resolve("runs/same");
        Process p = ChildGan4j.start(dir.resolve("c.log"), "train", config.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ChildGan4j.TIMEOUT_S);
        while (!Files.exists(run.resolve("checkpoints/checkpoint-000000500.zip")) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as(ChildGan4j.log(dir.resolve("c.log"))).isTrue();

        CliRun.Result second = CliRun.run("train", "--resume", run.toString());
        assertThat(second.code()).isEqualTo(2);
        assertThat(second.err()).contains("The run directory " + run + " is in use", "pid " + p.pid(), "gan4j train");

        p.destroyForcibly(); // SIGKILL: the lock file stays, the lock does not
        p.waitFor();
        assertThat(run.resolve(RunLock.FILE)).exists();
        Process resumed = ChildGan4j.start(dir.resolve("resumed.log"), "train", "--resume", run.toString());
        assertThat(ChildGan4j.finish(resumed)).as(ChildGan4j.log(dir.resolve("resumed.log"))).isZero();
        assertThat(ChildGan4j.log(dir.resolve("resumed.log"))).contains("gan4j process " + p.pid(), "ended without releasing");
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(ITERATIONS + 1);
        assertThat(run.resolve(RunLock.FILE)).doesNotExist();
    }
}

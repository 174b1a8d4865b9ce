package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gan4j.core.train.Checkpoints;
import org.gan4j.core.train.ModelArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety and exact resume with real processes: {@code gan4j train} in a child JVM
 * ({@code OMP_NUM_THREADS=1}) on the MNIST test split, killed with SIGKILL at random moments (one of
 * them while a checkpoint is being written), stopped with SIGINT and SIGTERM, and resumed each time
 * with {@code --resume}; the final weights, {@code metrics.csv} and sample pictures must equal an
 * uninterrupted run's byte for byte.
 */
class ResumeIT {

    private static final String RUN = "it";
    private static final long CHILD_TIMEOUT_S = 120;

    @TempDir
    static Path dir;

    static Path config;
    static Path reference;

    @BeforeAll
    static void referenceRun() throws Exception {
        Optional<Path> shared = TrainCommandTest.sharedData();
        assumeTrue(shared.isPresent(), "no shared data directory (set GAN4J_DATA)");
        // 300 iterations of a small MLP with dropout; 156 batches of 64 per epoch, so an epoch ends on
        // the way (sample grid, GIF, checkpoint) and a checkpoint every 20 iterations. With a weight
        // average (ema), which the checkpoints carry and the grids and generator.zip show.
        config = Files.writeString(dir.resolve("run.yaml"), """
                name: %s
                seed: 7
                data: { type: mnist, path: "%s", split: test }
                generator: { type: mlp, latentSize: 16, hidden: [64], dropout: 0.3 }
                discriminator: { type: mlp, hidden: [64], dropout: 0.3 }
                loss: { type: non-saturating }
                schedule: { type: alternating, iterations: 300, batchSize: 64 }
                optimizer:
                  generator: { type: adam, lr: 2.0e-4, beta1: 0.5 }
                  discriminator: { type: adam, lr: 2.0e-4, beta1: 0.5 }
                  ema: 0.99
                output: { sampleCount: 16, checkpointEvery: 20, checkpointKeep: 2 }
                """.formatted(RUN, shared.get().resolve("mnist").toString().replace("\\", "/")));
        Path root = dir.resolve("reference");
        Process p = start(dir.resolve("reference.log"), "train", config.toString(), "--output", root.toString());
        assertThat(finish(p)).as(log(dir.resolve("reference.log"))).isZero();
        reference = root.resolve(RUN);
    }

    @Test
    void killedAtRandomMomentsAndResumedEndsExactlyAsAnUninterruptedRun() throws Exception {
        Path root = dir.resolve("killed");
        Path run = root.resolve(RUN);
        Path checkpoints = run.resolve(Checkpoints.DIRECTORY);
        Random random = new Random();
        List<String> kills = new ArrayList<>();
        int starts = 0;
        Process p = start(dir.resolve("killed-0.log"), "train", config.toString(), "--output", root.toString());
        for (String how : List.of("random", "during-checkpoint-write", "random", "random")) {
            long before = newest(checkpoints);
            if (!awaitCheckpointAfter(p, checkpoints, before)) {
                break; // the run finished before another kill could be placed
            }
            if (how.equals("random")) {
                // A random part of one checkpoint interval as measured on this machine, so the kill lands
                // mid-run however fast or loaded the machine is (a fixed delay overshot the run's end).
                long seen = newest(checkpoints);
                long t0 = System.nanoTime();
                if (!awaitCheckpointAfter(p, checkpoints, seen)) {
                    break;
                }
                long interval = System.nanoTime() - t0;
                long delay = (long) (random.nextDouble() * 0.8 * interval);
                TimeUnit.NANOSECONDS.sleep(delay);
                kills.add("SIGKILL " + delay / 1_000_000 + " ms after checkpoint " + newest(checkpoints)
                        + " (checkpoint interval " + interval / 1_000_000 + " ms)");
            } else {
                kills.add("SIGKILL on seeing a temporary checkpoint file: " + awaitTemporary(p, checkpoints));
            }
            if (!p.isAlive()) {
                break;
            }
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
            starts++;
            p = start(dir.resolve("killed-" + starts + ".log"), "train", "--resume", run.toString());
        }
        assertThat(finish(p)).as(log(dir.resolve("killed-" + starts + ".log"))).isZero();
        System.out.println("ResumeIT kills: " + kills);
        assertThat(starts).as("kills placed: %s", kills).isGreaterThanOrEqualTo(2);
        assertSameAsReference(run);
        assertThat(Files.readString(run.resolve("manifest.json"))).contains("\"resumes\"");
    }

    @Test
    void ctrlCAndSigtermWriteACheckpointSayHowToResumeAndTheResumedRunIsExact() throws Exception {
        Path root = dir.resolve("signalled");
        Path run = root.resolve(RUN);
        Path checkpoints = run.resolve(Checkpoints.DIRECTORY);
        Path log0 = dir.resolve("signalled-0.log");
        Process p = start(log0, "train", config.toString(), "--output", root.toString());
        assertThat(awaitCheckpointAfter(p, checkpoints, 0)).isTrue();
        signal(p, "INT");
        assertThat(finish(p)).as(log(log0)).isEqualTo(130);
        assertThat(log(log0)).contains("Continue with: gan4j train --resume");
        long stoppedAt = newest(checkpoints);
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize((int) stoppedAt + 1);

        Path log1 = dir.resolve("signalled-1.log");
        p = start(log1, "train", "--resume", run.toString());
        assertThat(awaitCheckpointAfter(p, checkpoints, stoppedAt)).isTrue();
        p.destroy(); // SIGTERM
        int code = finish(p);
        assertThat(code).as(log(log1)).isIn(0, 143); // 0 if it finished first
        Path log2 = dir.resolve("signalled-2.log");
        p = start(log2, "train", "--resume", run.toString());
        assertThat(finish(p)).as(log(log2)).isZero();
        assertSameAsReference(run);
    }

    @Test
    void resumingADirectoryThatIsNotARunIsABadInputNamingWhatIsMissing() throws Exception {
        Path notARun = Files.createDirectories(dir.resolve("not-a-run"));
        CliRun.Result r = CliRun.run("train", "--resume", notARun.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("checkpoints/config.json", notARun.toString());
    }

    private static void assertSameAsReference(Path run) throws IOException {
        assertThat(Files.readString(run.resolve("metrics.csv"))).isEqualTo(Files.readString(reference.resolve("metrics.csv")));
        for (String weights : List.of("generator.zip", "discriminator.zip")) {
            ModelArchive.Contents a = ModelArchive.read(run.resolve(weights));
            ModelArchive.Contents b = ModelArchive.read(reference.resolve(weights));
            assertThat(a.parameters()).as(weights).isEqualTo(b.parameters());
        }
        for (String picture : List.of("samples/epoch-001.png", "samples/final.png", "samples/progress.gif")) {
            assertThat(Files.readAllBytes(run.resolve(picture))).as(picture).isEqualTo(Files.readAllBytes(reference.resolve(picture)));
        }
        assertThat(Files.readAllLines(run.resolve("timing.csv"))).hasSize(301);
    }

    /** A child {@code gan4j} on this test's class path with one native thread, output to {@code log}. */
    private static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    private static int finish(Process p) throws InterruptedException {
        if (!p.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child gan4j did not finish within " + CHILD_TIMEOUT_S + " s");
        }
        return p.exitValue();
    }

    private static void signal(Process p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    /** Waits until a checkpoint newer than {@code after} exists; false if the process ended first. */
    private static boolean awaitCheckpointAfter(Process p, Path checkpoints, long after) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            if (newest(checkpoints) > after) {
                return p.isAlive();
            }
            if (!p.isAlive()) {
                return false;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no checkpoint after iteration " + after + " within " + CHILD_TIMEOUT_S + " s");
    }

    /** Polls for a temporary checkpoint file (a write in progress); returns whether one was seen before the time ran out. */
    private static boolean awaitTemporary(Process p, Path checkpoints) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (Stream<Path> s = Files.list(checkpoints)) {
                if (s.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")
                        && f.getFileName().toString().startsWith(".checkpoint-"))) {
                    return true;
                }
            } catch (IOException e) {
                // listed while a file was renamed: look again
            }
        }
        return false;
    }

    /** The iteration of the newest checkpoint file, 0 when there is none. */
    private static long newest(Path checkpoints) {
        List<Path> all = new Checkpoints(checkpoints, 1).list();
        if (all.isEmpty()) {
            return 0;
        }
        String name = all.get(0).getFileName().toString();
        return Long.parseLong(name.substring("checkpoint-".length(), name.length() - ".zip".length()));
    }

    private static String log(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "(no log)";
        } catch (IOException e) {
            return "(unreadable log: " + e + ")";
        }
    }
}

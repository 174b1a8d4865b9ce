package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gan4j.core.train.Checkpoints;
import org.gan4j.core.train.ModelArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash safety and exact resume with real processes: {@code gan4j train} in a child JVM
 * ({@code OMP_NUM_THREADS=1}) on the MNIST test split, killed with SIGKILL at random moments (one of
 * them while a checkpoint is being written), stopped with SIGINT and SIGTERM, and resumed each time
 * with {@code --resume}; the final weights, {@code metrics.csv} and sample pictures must equal an
 * uninterrupted run's byte for byte. The kills run for three runs: the non-saturating MLP with a
 * generator weight average (ema, carried by the checkpoints, shown by the grids and generator.zip); WGAN-GP
 * (interpolates drawn at random, five critic steps) with a spectrally normalised critic (power
 * iteration state); RaLSGAN (real scores in the generator step) with a lazy R1 penalty.
 */
class ResumeIT {

    private static final String RUN = "it";
    private static final long CHILD_TIMEOUT_S = 120;

    /** The runs: name, then the config's sections after the data (the MLPs are small, with dropout unless said otherwise). */
    private static final Map<String, String> RUNS = Map.of(
            "non-saturating", """
                    generator: { type: mlp, latentSize: 16, hidden: [64], dropout: 0.3 }
                    discriminator: { type: mlp, hidden: [64], dropout: 0.3 }
                    loss: { type: non-saturating }
                    schedule: { type: alternating, iterations: 300, batchSize: 64 }
                    optimizer:
                      generator: { type: adam, lr: 2.0e-4, beta1: 0.5 }
                      discriminator: { type: adam, lr: 2.0e-4, beta1: 0.5 }
                      ema: 0.99
                    output: { sampleCount: 16, checkpointEvery: 20, checkpointKeep: 2 }
                    """,
            "wgan-gp-spectral-norm", """
                    generator: { type: mlp, latentSize: 16, hidden: [64], dropout: 0.3 }
                    discriminator: { type: mlp, hidden: [64], dropout: 0.0, spectralNorm: true }
                    loss: { type: wasserstein-gp }
                    schedule: { type: alternating, iterations: 100, batchSize: 64 }
                    output: { sampleCount: 16, checkpointEvery: 8, checkpointKeep: 2 }
                    """,
            "relativistic-lazy-r1", """
                    generator: { type: mlp, latentSize: 16, hidden: [64], dropout: 0.3 }
                    discriminator: { type: mlp, hidden: [64], dropout: 0.3 }
                    loss: { type: relativistic, base: least-squares, r1: 1, penaltyEvery: 3 }
                    schedule: { type: alternating, iterations: 300, batchSize: 64 }
                    output: { sampleCount: 16, checkpointEvery: 20, checkpointKeep: 2 }
                    """);

    @TempDir
    static Path dir;

    static Path data;

    /** Each run's config and uninterrupted reference run, made on first use. */
    static final Map<String, Path[]> REFERENCES = new HashMap<>();

    @BeforeAll
    static void sharedData() {
        Optional<Path> shared = TrainCommandTest.sharedData();
        assumeTrue(shared.isPresent(), "no shared data directory (set GAN4J_DATA)");
        data = shared.get().resolve("mnist");
    }

    /** The config of run {@code name} and its uninterrupted run's directory. */
    static synchronized Path[] reference(String name) throws Exception {
        Path[] known = REFERENCES.get(name);
        if (known != null) {
            return known;
        }
        // 300 iterations of a small MLP (100 of five critic steps for WGAN-GP); 156 batches of 64 per
        // epoch, so an epoch ends on the way (sample grid, GIF, checkpoint), and checkpoints between.
        Path config = Files.writeString(dir.resolve(name + ".yaml"), """
                name: %s
                seed: 7
                data: { type: mnist, path: "%s", split: test }
                """.formatted(RUN, data.toString().replace("\\", "/")) + RUNS.get(name));
        Path root = dir.resolve(name + "-reference");
        Path log = dir.resolve(name + "-reference.log");
        Process p = start(log, "train", config.toString(), "--output", root.toString());
        assertThat(finish(p)).as(log(log)).isZero();
        Path[] made = {config, root.resolve(RUN)};
        REFERENCES.put(name, made);
        return made;
    }

    @ParameterizedTest
    @ValueSource(strings = {"non-saturating", "wgan-gp-spectral-norm", "relativistic-lazy-r1"})
    void killedAtRandomMomentsAndResumedEndsExactlyAsAnUninterruptedRun(String name) throws Exception {
        Path[] ref = reference(name);
        Path config = ref[0];
        Path root = dir.resolve(name + "-killed");
        Path run = root.resolve(RUN);
        Path checkpoints = run.resolve(Checkpoints.DIRECTORY);
        Random random = new Random();
        List<String> kills = new ArrayList<>();
        int starts = 0;
        Process p = start(dir.resolve(name + "-killed-0.log"), "train", config.toString(), "--output", root.toString());
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
            p = start(dir.resolve(name + "-killed-" + starts + ".log"), "train", "--resume", run.toString());
        }
        assertThat(finish(p)).as(log(dir.resolve(name + "-killed-" + starts + ".log"))).isZero();
        System.out.println("ResumeIT " + name + " kills: " + kills);
        assertThat(starts).as("kills placed: %s", kills).isGreaterThanOrEqualTo(2);
        assertSameAsReference(run, ref[1]);
        assertThat(Files.readString(run.resolve("manifest.json"))).contains("\"resumes\"");
    }

    @Test
    void ctrlCAndSigtermWriteACheckpointSayHowToResumeAndTheResumedRunIsExact() throws Exception {
        Path[] ref = reference("non-saturating");
        Path config = ref[0];
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
        assertSameAsReference(run, ref[1]);
    }

    @Test
    void ctrlCBeforeTheFirstIterationLeavesNothingThatBlocksTheSameCommand() throws Exception {
        Path[] ref = reference("non-saturating");
        Path config = ref[0];
        Path root = dir.resolve("early");
        Path run = root.resolve(RUN);
        Path log0 = dir.resolve("early-0.log");
        Process p = start(log0, "train", config.toString(), "--output", root.toString());
        // the saved config is written once the run directory is prepared, before the data is read
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_S);
        while (!Files.exists(run.resolve("checkpoints/config.json")) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        signal(p, "INT");
        assertThat(finish(p)).as(log(log0)).isEqualTo(130);
        assumeTrue(log(log0).contains("interrupted before its first iteration"),
                "the first iteration ran before the signal arrived on this machine: " + log(log0));
        assertThat(run).as("the run directory after Ctrl-C during start-up").doesNotExist();

        Path log1 = dir.resolve("early-1.log");
        assertThat(finish(start(log1, "train", config.toString(), "--output", root.toString()))).as(log(log1)).isZero();
        assertSameAsReference(run, ref[1]);
    }

    @Test
    void resumingADirectoryThatIsNotARunIsABadInputNamingWhatIsMissing() throws Exception {
        Path notARun = Files.createDirectories(dir.resolve("not-a-run"));
        CliRun.Result r = CliRun.run("train", "--resume", notARun.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("checkpoints/config.json", notARun.toString());
    }

    private static void assertSameAsReference(Path run, Path reference) throws IOException {
        assertThat(Files.readString(run.resolve("metrics.csv"))).isEqualTo(Files.readString(reference.resolve("metrics.csv")));
        for (String weights : List.of("generator.zip", "discriminator.zip")) {
            ModelArchive.Contents a = ModelArchive.read(run.resolve(weights));
            ModelArchive.Contents b = ModelArchive.read(reference.resolve(weights));
            assertThat(a.parameters()).as(weights).isEqualTo(b.parameters());
        }
        for (String picture : List.of("samples/epoch-001.png", "samples/final.png", "samples/progress.gif")) {
            assertThat(Files.readAllBytes(run.resolve(picture))).as(picture).isEqualTo(Files.readAllBytes(reference.resolve(picture)));
        }
        assertThat(Files.readAllLines(run.resolve("timing.csv"))).hasSameSizeAs(Files.readAllLines(reference.resolve("timing.csv")));
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

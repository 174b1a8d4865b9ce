package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gan4j.core.train.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged weights and checkpoints through the commands a user runs (issue 12): a trained run is
 * copied once per case, its {@code generator.zip} or its only checkpoint damaged as
 * {@link DamagedArchiveFuzzTest} damages them (bytes changed, cut or deleted; one {@code .npy} or the
 * index damaged inside a consistent archive), and {@code gan4j sample} or {@code gan4j train --resume}
 * is run on it in a child JVM ({@link CommandBatch}, one JVM for all cases, so a native abort of any
 * case fails the test naming it). Every case ends in exit code 0 (a harmless change) or 2, never 1 or
 * a signal, without a stack trace; a refused case changes none of the run's files.
 */
class DamagedArchiveCommandsIT {

    private static final long SEED = 20_261_203L;
    private static final int CASES_PER_ARCHIVE = 60;

    @TempDir
    Path dir;

    @Test
    void sampleAndResumeOfDamagedArchivesExitWith0Or2NeverAnInternalErrorOrASignal() throws Exception {
        Path config = Files.writeString(dir.resolve("ring.yaml"), """
                name: ring
                seed: 5
                data: { type: ring, size: 64 }
                generator: { type: mlp, latentSize: 4, hidden: [8], output: linear }
                discriminator: { type: mlp, hidden: [8] }
                loss: { type: non-saturating }
                schedule: { type: alternating, iterations: 4, batchSize: 16 }
                output: { dir: "%s", sampleCount: 4, checkpointEvery: 2, checkpointKeep: 1 }
                """.formatted(slash(dir.resolve("runs"))));
        CliRun.Result trained = CliRun.run("train", config.toString(), "--quiet");
        assertThat(trained.code()).as(trained.err()).isZero();
        Path run = dir.resolve("runs/ring");
        Path checkpoint = run.resolve(Checkpoints.DIRECTORY).resolve(Checkpoints.fileName(4));
        assertThat(checkpoint).exists();

        Random random = new Random(SEED);
        List<Path> runs = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        List<String> how = new ArrayList<>();
        for (boolean isCheckpoint : new boolean[] {false, true}) {
            Path original = isCheckpoint ? checkpoint : run.resolve("generator.zip");
            byte[] bytes = Files.readAllBytes(original);
            for (int i = 0; i < CASES_PER_ARCHIVE; i++) {
                StringBuilder description = new StringBuilder(isCheckpoint ? "--resume, checkpoint " : "sample, generator.zip ");
                byte[] damaged = i % 3 == 0 ? DamagedArchiveFuzzTest.damageBytes(bytes, random, description)
                        : DamagedArchiveFuzzTest.damageEntry(bytes, isCheckpoint, random, description);
                Path copy = dir.resolve("cases").resolve((isCheckpoint ? "c" : "w") + i);
                copyTree(run, copy);
                Files.write(copy.resolve(run.relativize(original)), damaged);
                runs.add(copy);
                how.add(description.toString());
                commands.add(isCheckpoint
                        ? String.join("\t", "train", "--resume", copy.toString(), "--max-iterations", "5", "--quiet")
                        : String.join("\t", "sample", copy.toString(), "-n", "4", "-o", copy.resolve("drawn.png").toString()));
            }
        }
        List<Map<String, String>> before = new ArrayList<>();
        for (Path r : runs) {
            before.add(hashes(r));
        }

        Path log = dir.resolve("batch.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), CommandBatch.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(Files.writeString(dir.resolve("commands.txt"), String.join("\n", commands) + "\n").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        if (!p.waitFor(ChildGan4j.TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child gan4j did not finish within " + ChildGan4j.TIMEOUT_S + " s");
        }
        List<String> lines = Files.readAllLines(log);
        int last = lines.stream().filter(l -> l.startsWith("running ")).mapToInt(l -> Integer.parseInt(l.substring(8)))
                .max().orElse(-1);
        assertThat(p.exitValue()).as("the child JVM's exit status (134: a native abort) at case %d: %s", last,
                last < 0 ? "none" : how.get(last) + " (" + commands.get(last) + ")").isZero();

        Map<Integer, Integer> codes = new TreeMap<>();
        for (int i = 0; i < commands.size(); i++) {
            int at = lines.indexOf("running " + i);
            String result = lines.get(at + 1);
            int code = Integer.parseInt(result.substring(result.lastIndexOf(' ') + 1));
            StringBuilder err = new StringBuilder();
            for (int k = at + 2; k < lines.size() && lines.get(k).startsWith("  "); k++) {
                err.append(lines.get(k)).append('\n');
            }
            assertThat(code).as("case %d, %s: exit code; err:%n%s", i, how.get(i), err).isIn(0, 2);
            assertThat(err.toString()).as("case %d, %s", i, how.get(i)).doesNotContain("\tat ", "internal error");
            if (code == 2) {
                assertThat(err.toString()).as("case %d, %s: the message names the damaged file", i, how.get(i))
                        .containsAnyOf("generator.zip", "checkpoint");
                assertThat(hashes(runs.get(i))).as("case %d, %s: the run's files after the refusal", i, how.get(i))
                        .isEqualTo(before.get(i));
            }
            codes.merge(code, 1, Integer::sum);
        }
        System.out.println("DamagedArchiveCommandsIT: " + commands.size() + " damaged archives, exit codes " + codes);
        assertThat(codes.getOrDefault(2, 0)).as("most damage is refused").isGreaterThan(commands.size() / 2);
    }

    private static String slash(Path p) {
        return p.toString().replace("\\", "/");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Every file under {@code dir} and its SHA-256. */
    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> h = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                h.put(dir.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return h;
    }
}

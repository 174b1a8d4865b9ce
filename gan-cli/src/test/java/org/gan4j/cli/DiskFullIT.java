package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk and a real read-only file system (issue 12): a 6 MB tmpfs is mounted (which needs
 * root; the test is skipped where mounting is not allowed), a child {@code gan4j train} fills it with
 * checkpoints, then the tmpfs is remounted read-only and the run resumed. Both must end with exit
 * code 2 naming the path, no temporary file left, the manifest saying {@code failed}, and the
 * read-only run byte-identical afterwards. (gan-core's DiskFullTest covers the same with an
 * in-memory file system, everywhere.)
 */
class DiskFullIT {

    @TempDir
    Path dir;

    Path disk;
    boolean mounted;

    @BeforeEach
    void mount() throws Exception {
        disk = Files.createDirectories(dir.resolve("disk"));
        mounted = ChildGan4j.system("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", disk.toString()) == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (needs root): the full-disk case runs in gan-core's DiskFullTest instead");
    }

    @AfterEach
    void unmount() {
        if (mounted) {
            ChildGan4j.system("umount", disk.toString());
        }
    }

    @Test
    void aFullDiskAndAReadOnlyFileSystemEndInExitCode2AndLoseNothing() throws Exception {
        // about 2.4 MB per checkpoint (values and Adam's two moments of ~100k parameters per network)
        Path config = Files.writeString(dir.resolve("big.yaml"), """
                name: big
                seed: 5
                data: { type: ring, size: 256 }
                generator: { type: mlp, latentSize: 4, hidden: [64, 256, 256], output: linear }
                discriminator: { type: mlp, hidden: [256, 256, 64] }
                loss: { type: non-saturating }
                schedule: { type: alternating, iterations: 400, batchSize: 64 }
                output: { dir: "%s", sampleCount: 16, checkpointEvery: 20, checkpointKeep: 3 }
                """.formatted(disk.toString()));
        Path log = dir.resolve("full.log");
        int code = ChildGan4j.finish(ChildGan4j.start(log, "train", config.toString()));
        String out = ChildGan4j.log(log);
        System.out.println("DiskFullIT, full disk: " + out.strip().lines().reduce((a, b) -> b).orElse(""));
        assertThat(code).as(out).isEqualTo(2);
        assertThat(out).contains("the disk is full", disk.toString()).doesNotContain("\tat ", "internal error");
        Path run = disk.resolve("big");
        assertThat(temporaryFiles(run)).isEmpty();
        assertThat(new ObjectMapper().readTree(run.resolve("manifest.json").toFile()).path("status").asText()).isEqualTo("failed");

        assertThat(ChildGan4j.system("mount", "-o", "remount,ro", disk.toString())).isZero();
        Map<String, String> before = snapshot(run);
        Path resumeLog = dir.resolve("read-only.log");
        int resumed = ChildGan4j.finish(ChildGan4j.start(resumeLog, "train", "--resume", run.toString()));
        String resumeOut = ChildGan4j.log(resumeLog);
        System.out.println("DiskFullIT, read-only: " + resumeOut.strip().lines().reduce((a, b) -> b).orElse(""));
        assertThat(resumed).as(resumeOut).isEqualTo(2);
        assertThat(resumeOut).contains(run.toString(), "read-only").doesNotContain("\tat ", "internal error");
        assertThat(snapshot(run)).isEqualTo(before);
    }

    static java.util.List<Path> temporaryFiles(Path run) throws Exception {
        try (Stream<Path> all = Files.walk(run)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                all.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "/" : java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return all;
    }
}

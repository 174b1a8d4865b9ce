package org.gan4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.api.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-directory lock within one JVM; two processes are tested by {@code ConcurrentRunsIT} (gan-cli),
 * since the operating system's lock is per process.
 */
class RunLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondHolderIsRefusedNamingTheFirstAndTheFileIsRemovedOnRelease() {
        Path file = dir.resolve(RunLock.FILE);
        try (RunLock first = RunLock.acquire(file, "gan4j train", "the run directory " + dir)) {
            assertThat(file).exists();
            assertThatThrownBy(() -> RunLock.acquire(file, "gan4j train", "the run directory " + dir))
                    .isInstanceOfSatisfying(Gan4jException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(Gan4jException.BAD_INPUT);
                        assertThat(e.getMessage()).startsWith("The run directory " + dir + " is in use")
                                .contains("pid " + ProcessHandle.current().pid(), "gan4j train", "Wait for it to finish");
                    });
        }
        assertThat(file).doesNotExist();
        try (RunLock again = RunLock.acquire(file, "gan4j train", "the run directory")) {
            assertThat(again.staleHolder()).isEmpty();
        }
    }

    @Test
    void aLockFileLeftByADeadProcessIsTakenOverAndItsHolderReported() throws Exception {
        Path file = dir.resolve(RunLock.FILE);
        long dead = deadPid();
        Files.writeString(file, dead + "\ngan4j train\n2024-01-01T00:00:00Z\n");
        try (RunLock lock = RunLock.acquire(file, "gan4j sample", "the file x.png")) {
            RunLock.Holder stale = lock.staleHolder().orElseThrow();
            assertThat(stale.pid()).isEqualTo(dead);
            assertThat(stale.alive()).isFalse();
            assertThat(stale.purpose()).isEqualTo("gan4j train");
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aLockFileThatCannotBeCreatedIsABadInputNamingIt() {
        Path missing = dir.resolve("no-such-folder").resolve(RunLock.FILE);
        assertThatThrownBy(() -> RunLock.acquire(missing, "gan4j train", "the run directory"))
                .isInstanceOfSatisfying(Gan4jException.class, e -> assertThat(e.getMessage())
                        .contains(missing.toString(), "no such file or directory"));
    }

    @Test
    void aLockFileWhoseHolderCannotBeWrittenIsRemovedAgain() throws Exception {
        try (java.nio.file.FileSystem full = com.google.common.jimfs.Jimfs.newFileSystem(com.google.common.jimfs.Configuration.unix()
                .toBuilder().setMaxSize(1 << 16).setBlockSize(4096).build())) {
            Path folder = Files.createDirectories(full.getPath("/runs/x"));
            try (java.io.OutputStream ballast = Files.newOutputStream(full.getPath("/runs/ballast"))) {
                ballast.write(new byte[1 << 16]);
            } catch (java.io.IOException expected) {
                // the disk is full now
            }
            Path file = folder.resolve(RunLock.FILE);
            assertThatThrownBy(() -> RunLock.acquire(file, "gan4j sample", "the file x.png"))
                    .isInstanceOfSatisfying(Gan4jException.class, e -> assertThat(e.getMessage())
                            .contains("Could not lock the file x.png", file.toString(), "the disk is full"));
            assertThat(file).as("an empty lock file left by the failed attempt").doesNotExist();
        }
    }

    /** A pid no process has: a child that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}

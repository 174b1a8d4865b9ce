package org.gan4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.config.OutputSettings;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.train.Checkpoints;
import org.gan4j.core.train.RunDirectory;
import org.gan4j.core.train.RunLock;
import org.gan4j.core.train.TrainOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A disk that fills up during training, simulated with an in-memory file system (Jimfs) of limited
 * size: a plugin listener fills it with a ballast file just before the checkpoint after iteration 4
 * is written. The run must end with exit code 2 naming the checkpoint and saying the disk is full,
 * leave no temporary file, record {@code failed} in its manifest, and continue exactly from its last
 * checkpoint once space is freed.
 */
class DiskFullTest {

    private final FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder()
            .setMaxSize(64L << 20).setBlockSize(4096).build());
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @AfterEach
    void close() throws IOException {
        disk.close();
    }

    /** Fills the disk when the checkpoint after {@link #AT} iterations is about to be written. */
    static final class Filler implements TrainingListener {
        static final long AT = 4;
        private final RunDirectory dir;

        @Inject
        Filler(RunDirectory dir) {
            this.dir = dir;
        }

        @Override
        public void onCheckpoint(long iteration) {
            if (iteration == AT) {
                fill(dir.path().getParent().resolve("ballast"));
            }
        }
    }

    static final Module FILL = new AbstractModule() {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), TrainingListener.class).addBinding().to(Filler.class);
        }
    };

    static void fill(Path ballast) {
        byte[] chunk = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(ballast)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // the disk is full
        }
        for (int size = 1 << 15; size > 0; size /= 2) {
            // and its last blocks too
            try (OutputStream out = Files.newOutputStream(ballast.resolveSibling("ballast-" + size))) {
                out.write(new byte[size]);
            } catch (IOException full) {
                // that much does not fit any more
            }
        }
    }

    RunConfig config() {
        RunConfig c = new TrainingRunTest().imageConfig("full");
        return new RunConfig("full", c.seed(), c.data(), c.generator(), c.discriminator(), c.loss(), c.schedule(), c.optimizer(),
                new OutputSettings("runs", 1, 9, 4, 2, 3, null, null, null), null);
    }

    TrainOptions options(Path base) {
        return TrainOptions.defaults().withBaseDirectory(base).withConfigJson(c -> {
            try {
                return TrainingRunTest.MAPPER.writeValueAsString(c);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).withProgress(new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    @Test
    void aDiskFullAtACheckpointIsABadInputNamingTheFileLeavesNoTemporaryFileAndTheRunResumesOnceThereIsSpace() throws Exception {
        Path base = disk.getPath("/work");
        Files.createDirectories(base);
        Path dir = base.resolve("runs/full");

        assertThatThrownBy(() -> TrainingRun.execute(config(), List.of(FILL), options(base)))
                .isInstanceOfSatisfying(Gan4jException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(Gan4jException.BAD_INPUT);
                    assertThat(e.getMessage()).contains(dir.resolve("checkpoints").resolve(Checkpoints.fileName(4)).toString(),
                            "the disk is full", "gan4j train --resume");
                });

        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp")).doesNotContain(RunLock.FILE);
        }
        var manifest = new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("manifest.json")));
        assertThat(manifest.path("status").asText()).isEqualTo("failed");
        assertThat(manifest.path("message").asText()).contains("the disk is full");
        assertThat(new Checkpoints(dir.resolve(Checkpoints.DIRECTORY), 3).list()).extracting(p -> p.getFileName().toString())
                .containsExactly(Checkpoints.fileName(2));

        // space freed: the run continues from iteration 2 and ends as an uninterrupted run would
        try (Stream<Path> ballast = Files.list(base.resolve("runs"))) {
            for (Path p : ballast.filter(p -> p.getFileName().toString().startsWith("ballast")).toList()) {
                Files.delete(p);
            }
        }
        RunConfig saved = config();
        TrainingRun.Outcome resumed = TrainingRun.resume(dir, saved, List.of(), options(base));
        assertThat(resumed.result().status()).isEqualTo(TrainingResult.Status.COMPLETED);
        Path reference = Files.createTempDirectory("gan4j-reference");
        try {
            Path ref = TrainingRun.run(config(), List.of(), options(reference));
            assertThat(Files.readAllBytes(dir.resolve("metrics.csv"))).isEqualTo(Files.readAllBytes(ref.resolve("metrics.csv")));
            assertThat(Files.readAllBytes(dir.resolve("generator.zip"))).isEqualTo(Files.readAllBytes(ref.resolve("generator.zip")));
        } finally {
            PreparedRunDirectory.deleteRecursively(reference);
        }
    }

    @Test
    void aNewRunOnADiskAlreadyFullLeavesNeitherItsDirectoryNorALockFile() throws Exception {
        Path base = disk.getPath("/work");
        Files.createDirectories(base.resolve("runs"));
        fill(base.resolve("runs/ballast"));

        assertThatThrownBy(() -> TrainingRun.execute(config(), List.of(), options(base)))
                .isInstanceOfSatisfying(Gan4jException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(Gan4jException.BAD_INPUT);
                    assertThat(e.getMessage()).contains(base.resolve("runs/full").toString(), "the disk is full");
                });
        // nothing of the refused run: the same command works as it is once there is space
        assertThat(base.resolve("runs/full")).doesNotExist();
    }
}

package org.gan4j.core.train;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gan4j.core.image.AtomicFiles;

/**
 * A run's {@code checkpoints/} directory: {@code checkpoint-NNNNNNNNN.zip} named by iteration. A
 * checkpoint is written to a temporary file, forced to disk (fsync), renamed over its final name
 * and the directory forced too, so a crash at any moment leaves either the previous set or the new
 * one, never a half-written checkpoint under a final name; then all but the newest {@code keep} are deleted.
 */
public final class Checkpoints {

    public static final String DIRECTORY = "checkpoints";
    /** The resolved config of the run, saved for {@code gan4j train --resume}. */
    public static final String CONFIG = "config.json";
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)\\.zip");

    private final Path directory;
    private final int keep;

    public Checkpoints(Path directory, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be positive, got " + keep);
        }
        this.directory = directory;
        this.keep = keep;
    }

    public Path directory() {
        return directory;
    }

    /** The file name of the checkpoint after {@code iteration} iterations. */
    public static String fileName(long iteration) {
        return String.format(Locale.ROOT, "checkpoint-%09d.zip", iteration);
    }

    /** Writes {@code checkpoint} durably and prunes old ones; returns its file. */
    public Path write(Checkpoint checkpoint) {
        Path file = directory.resolve(fileName(checkpoint.iteration()));
        writeDurably(file, checkpoint::writeTo);
        prune();
        return file;
    }

    /** Temporary sibling, fsync, atomic rename, fsync of the directory; on failure the temporary file is deleted. */
    public static void writeDurably(Path file, byte[] bytes) {
        writeDurably(file, out -> out.write(bytes));
    }

    /** {@link #writeDurably(Path, byte[])} with the content streamed by {@code content}. */
    public static void writeDurably(Path file, AtomicFiles.Content content) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush(); // not closed: that would close the channel before the force
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // some platforms cannot open a directory; the rename is still atomic there
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp); // a full disk gets its space back; no half-written file is left
            } catch (IOException ignored) {
                // the original error matters more
            }
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint files, newest (highest iteration) first. */
    public List<Path> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(Checkpoints::iterationOf).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long iterationOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** A checkpoint read back with the file it came from. */
    public record Loaded(Path file, Checkpoint checkpoint) {
    }

    /**
     * The newest checkpoint that reads and verifies; each newer one that fails is reported on
     * {@code warnings} with the reason, and the next older one is tried.
     */
    public Optional<Loaded> newestValid(PrintStream warnings) {
        for (Path p : list()) {
            try (InputStream in = Files.newInputStream(p)) {
                Checkpoint c = Checkpoint.read(in);
                if (c.iteration() != iterationOf(p)) {
                    // a checkpoint.json changed (or a file renamed): resuming would skip or repeat iterations
                    warnings.println("warning: skipping checkpoint " + p + ": its checkpoint.json says it was written after iteration "
                            + c.iteration() + ", but its name says " + iterationOf(p) + "; trying the previous one.");
                    continue;
                }
                return Optional.of(new Loaded(p, c));
            } catch (Checkpoint.InvalidException e) {
                warnings.println("warning: skipping checkpoint " + p + ": " + e.getMessage() + "; trying the previous one.");
            } catch (IOException e) {
                warnings.println("warning: skipping checkpoint " + p + ": " + e.getMessage() + "; trying the previous one.");
            }
        }
        return Optional.empty();
    }

    private void prune() {
        List<Path> all = list();
        List<Path> old = new ArrayList<>(all.subList(Math.min(keep, all.size()), all.size()));
        for (Path p : old) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // an old checkpoint left behind costs disk space only
            }
        }
    }
}

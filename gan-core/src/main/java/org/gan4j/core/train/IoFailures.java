package org.gan4j.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.gan4j.api.Gan4jException;

/**
 * Failures to read or write a file (a full disk, a read-only folder, a missing permission) as
 * gan4j's errors: exit code 2, the path, the reason in plain words and what to do. gan4j's writers
 * throw {@link UncheckedIOException}s whose message names the file ("could not write
 * runs/x/metrics.csv: No space left on device"); the commands turn them into these.
 */
public final class IoFailures {

    private IoFailures() {
    }

    /** A file that could not be read or written: exit code 2, and a comparison stops (the next cell would fail the same way). */
    public static final class IoFailureException extends Gan4jException {
        private static final long serialVersionUID = 1L;

        IoFailureException(String message, Throwable cause) {
            super(BAD_INPUT, message, cause);
        }
    }

    /** The error for failing to {@code doing} (e.g. "write") {@code path}. */
    public static Gan4jException of(String doing, Path path, IOException e) {
        return new IoFailureException("Could not " + doing + " " + path + ": " + reason(e) + ". " + advice(path), e);
    }

    /**
     * The error for an I/O failure found among {@code t}'s causes (an {@link UncheckedIOException}
     * or {@link IOException}), or empty when there is none.
     */
    public static Optional<Gan4jException> find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Gan4jException g) {
                return Optional.of(g);
            }
            if (c instanceof UncheckedIOException u && u.getCause() != null) {
                IOException io = u.getCause();
                String what = u.getMessage() == null ? "an I/O operation failed" : u.getMessage();
                Path path = io instanceof FileSystemException f && f.getFile() != null ? Path.of(f.getFile()) : pathIn(what, io);
                String message = what.contains(String.valueOf(io.getMessage())) ? what.replace(String.valueOf(io.getMessage()), reason(io))
                        : what + ": " + reason(io);
                return Optional.of(new IoFailureException(capitalised(message) + ". " + advice(path), u));
            }
            if (c instanceof FileSystemException f && f.getFile() != null) {
                return Optional.of(of("access", Path.of(f.getFile()), f));
            }
            if (c instanceof IOException io) {
                return Optional.of(new IoFailureException("An I/O operation failed: " + reason(io) + ". " + advice(null), io));
            }
        }
        return Optional.empty();
    }

    /** The path in gan4j's "could not write PATH: reason" messages, or null. */
    private static Path pathIn(String message, IOException io) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^could not \\w+ (.+): " + java.util.regex.Pattern.quote(
                String.valueOf(io.getMessage())) + "$").matcher(message);
        try {
            return m.matches() ? Path.of(m.group(1)) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Why an I/O operation failed, in plain words. */
    public static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        String lower = m.toLowerCase(Locale.ROOT);
        if (isDiskFull(e)) {
            return "the disk is full (" + m + ")";
        }
        if (lower.contains("read-only file system")) {
            return "the file system is read-only";
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied") || lower.contains("operation not permitted")) {
            return "permission denied" + (e instanceof FileSystemException f && f.getFile() != null ? " on " + f.getFile() : "");
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() == null) {
            // e.g. under /proc the message is just the path
            return m + " (" + e.getClass().getSimpleName() + ")";
        }
        return m;
    }

    /** What to do about a failure to write in or near {@code path} (null when unknown). */
    public static String advice(Path path) {
        String where = path == null ? "the output folder" : String.valueOf(path.toAbsolutePath().getParent());
        return "Check that " + where + " is writable and its disk has space (or set output.dir or --output to another folder), "
                + "then run the command again; a training run continues from its last checkpoint with gan4j train --resume RUN_DIR.";
    }

    /** Whether {@code e} says the disk (or a quota) is full. */
    static boolean isDiskFull(IOException e) {
        String lower = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return lower.contains("no space left") || lower.contains("disk quota exceeded") || lower.contains("out of disk space");
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

package org.gan4j.core.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.gan4j.api.Gan4jException;

/**
 * One writer at a time for a run directory (or any file gan4j writes that two commands could
 * target at once): an exclusive {@link FileChannel#tryLock} on a lock file, which holds the owner's
 * pid, what it is doing and since when. The operating system releases the lock when its process
 * ends, however it ends, so a lock file left by a killed process is stale: the next writer finds it
 * unlocked and takes it over. {@link #close} deletes the file, while still holding the lock.
 *
 * <p>Because the file is deleted on release, a writer that opened it just before may lock a file
 * that no longer has a name; after locking, the file at the path is checked to be the one locked,
 * and the lock is taken again otherwise.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file in a run directory (and in an experiment directory). */
    public static final String FILE = ".gan4j.lock";

    private static final int ATTEMPTS = 5;

    /**
     * Lock files held by this JVM. Checked before opening the file: on Linux, closing any channel of
     * a file releases every lock the process holds on it, so a second command in the same process
     * must not even open it.
     */
    private static final java.util.Map<Path, Holder> HELD = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Optional<Holder> previous;

    /** Who holds (or held) a lock, as its lock file says. */
    public record Holder(long pid, String purpose, String since) {

        /** Whether that process is still running on this machine. */
        public boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }

        static Optional<Holder> parse(String text) {
            String[] lines = text.split("\n", -1);
            try {
                return Optional.of(new Holder(Long.parseLong(lines[0].strip()), lines.length > 1 ? lines[1] : "?",
                        lines.length > 2 ? lines[2] : "?"));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        String text() {
            return pid + "\n" + purpose + "\n" + since + "\n";
        }
    }

    private RunLock(Path file, FileChannel channel, FileLock lock, Optional<Holder> previous) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.previous = previous;
    }

    /**
     * Locks {@code file} (created if missing; its directory must exist) for this process.
     *
     * @param purpose  what this process does there, recorded for whoever finds it locked ("gan4j train")
     * @param resource how to name what is locked in an error ("the run directory runs/x")
     * @throws Gan4jException exit code 2 naming the holder's pid when another process (or another
     *                        command in this one) holds it, or when the lock file cannot be written
     */
    public static RunLock acquire(Path file, String purpose, String resource) {
        Path key = file.toAbsolutePath().normalize();
        Holder me = new Holder(ProcessHandle.current().pid(), purpose, Instant.now().toString());
        Holder here = HELD.putIfAbsent(key, me);
        if (here != null) {
            throw inUse(file, resource, Optional.of(here));
        }
        try {
            return lockFile(file, me, resource);
        } catch (RuntimeException | Error e) {
            HELD.remove(key, me);
            throw e;
        }
    }

    private static RunLock lockFile(Path file, Holder me, String resource) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel = null;
            FileLock lock = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                Object key = fileKey(file);
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by this JVM through a path HELD does not know (e.g. a symbolic link)
                }
                if (lock == null) {
                    Optional<Holder> holder = read(channel);
                    channel.close();
                    throw inUse(file, resource, holder);
                }
                if (key == null || !Objects.equals(key, fileKey(file))) {
                    // the file was deleted (released) between our open and our lock: lock the new one
                    lock.release();
                    channel.close();
                    continue;
                }
                Optional<Holder> previous = read(channel);
                byte[] mine = me.text().getBytes(StandardCharsets.UTF_8);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(mine), 0);
                return new RunLock(file, channel, lock, previous);
            } catch (IOException e) {
                if (lock != null) {
                    deleteQuietly(file); // ours (we hold its lock) and unusable: no lock file is left behind
                }
                closeQuietly(channel);
                throw Gan4jException.badInput("Could not lock " + resource + " (" + file + "): " + IoFailures.reason(e)
                        + ". " + IoFailures.advice(file), e);
            }
        }
        throw Gan4jException.badInput("Could not lock " + resource + ": its lock file " + file
                + " kept being replaced by other gan4j processes. Make sure only one command writes there.");
    }

    /** The holder of a stale lock file this lock replaced (a process that ended without releasing it), if any. */
    public Optional<Holder> staleHolder() {
        return previous;
    }

    /** Deletes the lock file and releases the lock. */
    @Override
    public void close() {
        deleteQuietly(file);
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        HELD.remove(file.toAbsolutePath().normalize());
    }

    private static Gan4jException inUse(Path file, String resource, Optional<Holder> holder) {
        long me = ProcessHandle.current().pid();
        String who = holder.map(h -> (h.pid() == me ? "another command in this same gan4j process (pid " + me + ", "
                : "the gan4j process with pid " + h.pid() + " (") + h.purpose() + ", since " + h.since() + ")")
                .orElse("another gan4j process");
        return Gan4jException.badInput(capitalised(resource) + " is in use: " + who + " is writing to it (lock file "
                + file + "). Wait for it to finish (or stop it), or write somewhere else, e.g. with another run name.");
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Optional<Holder> read(FileChannel channel) throws IOException {
        long size = Math.min(channel.size(), 4096);
        ByteBuffer b = ByteBuffer.allocate((int) size);
        while (b.hasRemaining() && channel.read(b, b.position()) > 0) {
            // read the whole (small) file
        }
        return size == 0 ? Optional.empty() : Holder.parse(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
    }

    private static Object fileKey(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.fileKey() != null ? a.fileKey() : a.creationTime();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a lock file left behind is taken over by the next writer
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}

package org.gan4j.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.train.Checkpoints;
import org.gan4j.core.train.IoFailures;
import org.gan4j.core.train.RunLock;
import org.gan4j.core.train.output.LossCurvePlotter;
import org.gan4j.core.train.output.ManifestWriter;
import org.gan4j.core.train.output.MetricsCsvWriter;
import org.gan4j.core.train.output.MetricsEvaluator;
import org.gan4j.core.train.output.ModelWriter;
import org.gan4j.core.train.output.SampleImageWriter;
import org.gan4j.core.train.output.TimingCsvWriter;

/**
 * The run directory of a {@code train} that starts afresh, and what it held before.
 *
 * <p>gan4j owns only the files it writes there ({@link #OUTPUTS}); anything else (a user's
 * {@code notes.txt}) is never moved, changed or deleted. A directory holding anything is refused
 * unless {@code --overwrite}; then gan4j's files are moved into the hidden {@value #SET_ASIDE} folder
 * rather than deleted, so that a run refused or interrupted before its first iteration can put them
 * back byte for byte ({@link #restorePrevious}); once training has run they are deleted
 * ({@link #keepNewResults}).
 *
 * <p>What a process killed before training leaves behind does not block the next command: a
 * directory holding only the saved config ({@code checkpoints/config.json}), empty folders, a stale
 * lock file or temporary files needs no {@code --overwrite} (these too are set aside, and put back if
 * the new run is refused); and results still set aside from such a run are put back first.
 */
final class PreparedRunDirectory {

    /** Files and directories gan4j writes in a run directory: {@code --overwrite} sets these aside, nothing else. */
    static final List<String> OUTPUTS = List.of(ManifestWriter.FILE, MetricsCsvWriter.FILE, TimingCsvWriter.FILE,
            LossCurvePlotter.FILE, ModelWriter.GENERATOR, ModelWriter.DISCRIMINATOR, SampleImageWriter.DIRECTORY,
            Checkpoints.DIRECTORY, MetricsEvaluator.CSV, MetricsEvaluator.JSON);

    /** Hidden folder in a run directory holding, during a {@code --overwrite} run, the results it replaces. */
    static final String SET_ASIDE = ".gan4j-overwritten";

    private final Path dir;
    private final Path aside;
    private final boolean created;

    private PreparedRunDirectory(Path dir, Path aside, boolean created) {
        this.dir = dir;
        this.aside = aside;
        this.created = created;
    }

    /**
     * Prepares {@code dir}, which exists and which this process has locked ({@link RunLock#FILE}).
     *
     * @param created whether this command created it
     * @throws Gan4jException exit code 2 when it holds anything and {@code overwrite} is false, or
     *                        when it cannot be changed (naming the path and the reason)
     */
    static PreparedRunDirectory prepare(Path dir, boolean overwrite, boolean created) {
        try {
            Path aside = dir.resolve(SET_ASIDE);
            if (Files.isDirectory(aside, LinkOption.NOFOLLOW_LINKS) && !holdsResults(dir)) {
                // A run killed before its first iteration: its predecessor's results are still set aside.
                removeOwned(dir);
                moveBack(aside, dir);
            }
            boolean leftoversOnly = !holdsAnything(dir);
            if (!leftoversOnly && !overwrite) {
                throw Gan4jException.badInput("The run directory " + dir + " already exists and is not empty. Choose another "
                        + "run name or output directory, or pass --overwrite to replace its results.");
            }
            List<String> owned = owned(dir);
            if (owned.isEmpty()) {
                return new PreparedRunDirectory(dir, null, created);
            }
            // Set aside even leftovers (a killed run's saved config): a refused run puts back everything it found.
            deleteRecursively(aside); // a run killed after training left these: they were replaced already
            Files.createDirectory(aside);
            for (String name : owned) {
                Files.move(dir.resolve(name), aside.resolve(name));
            }
            return new PreparedRunDirectory(dir, aside, created);
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw Gan4jException.badInput("Could not prepare the run directory " + dir + ": " + IoFailures.reason(io) + ". "
                    + IoFailures.advice(dir), e);
        }
    }

    /** The run directory. */
    Path directory() {
        return dir;
    }

    /** Whether this command created the directory (so removing it, once empty, undoes this command). */
    boolean created() {
        return created;
    }

    /** Training has run: deletes the set-aside results (a folder left behind is deleted by the next {@code --overwrite}). */
    void keepNewResults() {
        if (aside == null) {
            return;
        }
        try {
            deleteRecursively(aside);
        } catch (IOException | UncheckedIOException e) {
            // a leftover hidden folder costs disk space only
        }
    }

    /**
     * Nothing was trained: removes what this command wrote (gan4j's files only; the lock file stays
     * for its owner to remove) and moves the set-aside results back.
     *
     * @return whether everything was put back (else the set-aside folder keeps what could not be)
     */
    boolean restorePrevious() {
        try {
            removeOwned(dir);
            if (aside != null) {
                moveBack(aside, dir);
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** Whether {@code dir} holds a file of a run that trained: anything of ours but the saved config and temporary files. */
    static boolean holdsResults(Path dir) throws IOException {
        for (String name : OUTPUTS) {
            Path p = dir.resolve(name);
            Path savedConfig = dir.resolve(Checkpoints.DIRECTORY).resolve(Checkpoints.CONFIG);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && anyFile(p, q -> !q.equals(savedConfig) && !isTemporary(q))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code dir} holds anything but the lock file and leftovers of a run that never trained. */
    private static boolean holdsAnything(Path dir) throws IOException {
        if (holdsResults(dir)) {
            return true;
        }
        try (Stream<Path> top = Files.list(dir)) {
            for (Path p : top.toList()) {
                String name = p.getFileName().toString();
                if (!name.equals(RunLock.FILE) && !isOwned(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The names in {@code dir} that are gan4j's: {@link #OUTPUTS} and their temporary siblings. */
    private static List<String> owned(Path dir) throws IOException {
        try (Stream<Path> top = Files.list(dir)) {
            return top.map(p -> p.getFileName().toString()).filter(PreparedRunDirectory::isOwned).sorted().toList();
        }
    }

    private static boolean isOwned(String name) {
        return OUTPUTS.contains(name) || (name.startsWith(".") && name.endsWith(".tmp")
                && OUTPUTS.contains(name.substring(1, name.length() - ".tmp".length())));
    }

    /** Deletes gan4j's files in {@code dir}; leaves the lock file and anything else alone. */
    private static void removeOwned(Path dir) throws IOException {
        for (String name : owned(dir)) {
            deleteRecursively(dir.resolve(name));
        }
    }

    /** A temporary sibling a killed write leaves ({@code .epoch-001.png.tmp}). */
    private static boolean isTemporary(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    private static void moveBack(Path aside, Path dir) throws IOException {
        try (Stream<Path> kept = Files.list(aside)) {
            for (Path p : kept.toList()) {
                Files.move(p, dir.resolve(p.getFileName().toString()));
            }
        }
        Files.delete(aside);
    }

    private static boolean anyFile(Path root, java.util.function.Predicate<Path> test) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return test.test(root);
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.anyMatch(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && test.test(p));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(all::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path q : all) {
            try {
                Files.delete(q);
            } catch (java.nio.file.NoSuchFileException gone) {
                // deleted meanwhile
            }
        }
    }
}

package org.gan4j.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gan4j.core.compare.Report;
import org.gan4j.core.compare.Summary;
import org.gan4j.core.train.Checkpoints;
import org.gan4j.core.train.output.ManifestWriter;
import org.gan4j.core.train.output.MetricsCsvWriter;
import org.gan4j.core.train.output.SampleImageWriter;

/**
 * The runs and comparisons under the served directory: a run is a directory holding a
 * {@code manifest.json} or a {@code metrics.csv}, a comparison one holding a {@code report.html}
 * or a {@code summary.json}. Symbolic links are not followed and hidden directories are skipped,
 * so the list shows only what lies inside.
 */
final class Catalog {

    /** How deep below the served directory runs are looked for (a comparison's cells are 3 deep). */
    static final int MAX_DEPTH = 6;

    /** A run as the index lists it. */
    record Run(String path, String status, long iterations, long plannedIterations, Instant updated) {
        /** Progress as "120 / 3,000", or just the iterations when the plan is unknown. */
        public String progress() {
            return plannedIterations > 0 ? String.format(java.util.Locale.ROOT, "%,d / %,d", iterations, plannedIterations)
                    : String.format(java.util.Locale.ROOT, "%,d", iterations);
        }
    }

    /** A comparison: its directory and whether its report exists yet. */
    record Comparison(String path, boolean hasReport, Instant updated) {
        public String reportPath() {
            return path.isEmpty() ? Report.FILE : path + "/" + Report.FILE;
        }
    }

    /** Everything found, newest first. */
    record Listing(List<Run> runs, List<Comparison> comparisons) {
    }

    private Catalog() {
    }

    static Listing scan(SafePaths paths) throws IOException {
        List<Run> runs = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        Path root = paths.root();
        Files.walkFileTree(root, java.util.Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(root) && (name.startsWith(".") || name.equals(SampleImageWriter.DIRECTORY)
                        || name.equals(Checkpoints.DIRECTORY))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (Files.isRegularFile(dir.resolve(ManifestWriter.FILE)) || Files.isRegularFile(dir.resolve(MetricsCsvWriter.FILE))) {
                    JsonNode manifest = LiveRun.manifest(dir).orElse(null);
                    runs.add(new Run(paths.relative(dir), manifest == null ? "unknown" : manifest.path("status").asText("unknown"),
                            LiveRun.lastIteration(dir), manifest == null ? 0 : manifest.path("plannedIterations").asLong(0),
                            updated(dir)));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (Files.isRegularFile(dir.resolve(Report.FILE)) || Files.isRegularFile(dir.resolve(Summary.JSON))) {
                    comparisons.add(new Comparison(paths.relative(dir), Files.isRegularFile(dir.resolve(Report.FILE)), updated(dir)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable: not listed
            }
        });
        runs.sort(Comparator.comparing(Run::updated).reversed());
        comparisons.sort(Comparator.comparing(Comparison::updated).reversed());
        return new Listing(runs, comparisons);
    }

    /** The newest modification among the files gan4j updates while a run trains. */
    private static Instant updated(Path dir) {
        Instant newest = Instant.EPOCH;
        for (String name : List.of(ManifestWriter.FILE, MetricsCsvWriter.FILE, Report.FILE, Summary.JSON)) {
            try {
                Instant t = Files.getLastModifiedTime(dir.resolve(name)).toInstant();
                newest = t.isAfter(newest) ? t : newest;
            } catch (IOException e) {
                // not there
            }
        }
        return newest;
    }
}

package org.gan4j.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.gan4j.core.csv.Csv;
import org.gan4j.core.train.output.ManifestWriter;
import org.gan4j.core.train.output.MetricsCsvWriter;
import org.gan4j.core.train.output.MetricsEvaluator;
import org.gan4j.core.train.output.SampleImageWriter;

/**
 * What a run directory holds so far, read without disturbing the training that writes it: the
 * manifest's status, the rows of {@code metrics.csv} after a byte offset (so a page that polls
 * reads only what is new, never the whole file again), the evaluations in {@code metrics-eval.csv},
 * and the newest sample grid.
 */
final class LiveRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
    /** At most this many bytes of new metrics rows per poll (about 13,000 rows); the page asks again for the rest. */
    static final int MAX_CHUNK = 1 << 20;

    private LiveRun() {
    }

    /**
     * New metrics rows: those starting at byte {@code from} of {@code metrics.csv} (0 for all),
     * complete lines only, as {iteration, epoch, d_loss, g_loss, d_real, d_fake}.
     *
     * @param rows receives the rows
     * @return the offset to ask from next time
     */
    static long metricsSince(Path run, long from, List<double[]> rows) throws IOException {
        Path file = run.resolve(MetricsCsvWriter.FILE);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (from > length || from < 0) {
                from = 0; // a rewritten file (an --overwrite run): start again
            }
            int n = (int) Math.min(MAX_CHUNK, length - from);
            byte[] bytes = new byte[n];
            in.seek(from);
            in.readFully(bytes);
            int end = n;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--; // a line still being written waits for the next poll
            }
            String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
            for (String[] row : CSV.readerFor(String[].class).<String[]>readValues(text).readAll()) {
                if (row.length >= 6 && !row[0].equals("iteration")) {
                    rows.add(new double[] {number(row[0]), number(row[1]), number(row[2]), number(row[3]), number(row[4]), number(row[5])});
                }
            }
            return from + end;
        }
    }

    /** The evaluations so far: rows of {@code metrics-eval.csv} (epoch, iteration, metric, value name, value). */
    static List<String[]> evaluations(Path run) {
        return Csv.rows(run.resolve(MetricsEvaluator.CSV));
    }

    /** The manifest, if it can be read (it is replaced atomically, so it is whole or absent). */
    static Optional<JsonNode> manifest(Path run) {
        Path file = run.resolve(ManifestWriter.FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code running}, {@code completed}, ... as the manifest says; {@code unknown} without one. */
    static String status(Path run) {
        return manifest(run).map(m -> m.path("status").asText("unknown")).orElse("unknown");
    }

    /** The newest grid in {@code samples/}: {@code final.png} once written, else the highest {@code epoch-NNN.png}. */
    static Optional<Path> latestGrid(Path run) {
        Path samples = run.resolve(SampleImageWriter.DIRECTORY);
        if (Files.isRegularFile(samples.resolve(SampleImageWriter.FINAL))) {
            return Optional.of(samples.resolve(SampleImageWriter.FINAL));
        }
        if (!Files.isDirectory(samples)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(samples)) {
            return files.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.png")).max(
                    (a, b) -> Integer.compare(epochOf(a), epochOf(b)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last complete row's iteration, reading only the file's end; 0 without rows. */
    static long lastIteration(Path run) {
        Path file = run.resolve(MetricsCsvWriter.FILE);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, in.length() - 4096);
            List<double[]> rows = new ArrayList<>();
            metricsSince(run, from, rows);
            // the first line of a tail may be cut; only the last complete one matters
            return rows.isEmpty() ? 0 : (long) rows.get(rows.size() - 1)[0];
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int epochOf(Path grid) {
        String name = grid.getFileName().toString();
        return Integer.parseInt(name.substring("epoch-".length(), name.length() - ".png".length()));
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}

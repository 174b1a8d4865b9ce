package org.gan4j.core.train.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gan4j.core.image.AtomicFiles;

/**
 * A CSV file written line by line and flushed every few lines, so a crash loses little; and how a
 * resumed run continues one ({@link #keepRowsUpTo}).
 */
public final class CsvLog implements AutoCloseable {

    private final Path file;
    private final int flushEvery;
    private BufferedWriter out;
    private int pending;

    CsvLog(Path file, int flushEvery) {
        this.file = file;
        this.flushEvery = flushEvery;
    }

    void open(String header) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(header);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Continues an existing file after a resume: keeps the header and the rows whose first column
     * (the iteration) is at most {@code iteration}, drops the rest (written after the checkpoint),
     * and appends from there. A missing file is started afresh.
     */
    void resume(String header, long iteration) {
        keepRowsUpTo(file, header, 0, iteration);
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not continue " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites {@code file} (atomically) as {@code header} and its rows up to the first whose column
     * {@code column} (an iteration count) is above {@code iteration}, or that is not a whole row (a
     * partly written last line): what a run resumed from the checkpoint after {@code iteration} iterations keeps of a
     * file it continues. A missing file becomes just the header.
     */
    public static void keepRowsUpTo(Path file, String header, int column, long iteration) {
        try {
            List<String> kept = new ArrayList<>();
            kept.add(header);
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                int columns = header.split(",", -1).length;
                for (int i = 1; i < lines.size(); i++) {
                    String[] cells = lines.get(i).split(",", -1);
                    if (cells.length != columns) {
                        break; // a partly written last line
                    }
                    long it;
                    try {
                        it = Long.parseLong(cells[column]);
                    } catch (NumberFormatException e) {
                        break;
                    }
                    if (it > iteration) {
                        break;
                    }
                    kept.add(lines.get(i));
                }
            }
            AtomicFiles.write(file, out -> out.write((String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not continue " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the rows of a CSV file written by this class, without the header; empty when there is no file. */
    static List<String[]> rows(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                rows.add(lines.get(i).split(",", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes what is buffered to the operating system (it then survives the process being killed). */
    void flush() {
        if (out == null) {
            return;
        }
        try {
            out.flush();
            pending = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    void line(String line) {
        if (out == null) {
            return;
        }
        try {
            out.write(line);
            out.write('\n');
            if (++pending >= flushEvery) {
                out.flush();
                pending = 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        } finally {
            out = null;
        }
    }

    /** A number with 8 significant digits, Locale.ROOT, "NaN" for NaN: deterministic text for deterministic values. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return String.format(Locale.ROOT, "%.8g", v);
    }
}

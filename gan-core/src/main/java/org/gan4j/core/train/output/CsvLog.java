package org.gan4j.core.train.output;

import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.core.csv.Csv;

/** A CSV file written row by row ({@link Csv}) and flushed every few rows, so a crash loses little. */
final class CsvLog implements AutoCloseable {

    private final Path file;
    private final int flushEvery;
    private SequenceWriter out;
    private int pending;

    CsvLog(Path file, int flushEvery) {
        this.file = file;
        this.flushEvery = flushEvery;
    }

    void open(List<String> header) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Csv.rowWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            out.write(header.toArray(String[]::new));
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
    void resume(List<String> header, long iteration) {
        keepRowsUpTo(file, header, 0, iteration);
        try {
            out = Csv.rowWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("could not continue " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites {@code file} (atomically) as {@code header} and its rows up to the first whose column
     * {@code column} (an iteration count) is above {@code iteration}, or that is not a whole row (a
     * partly written last line): what a run resumed from the checkpoint after {@code iteration}
     * iterations keeps of a file it continues. A missing file becomes just the header.
     */
    static void keepRowsUpTo(Path file, List<String> header, int column, long iteration) {
        List<String[]> kept = new ArrayList<>();
        for (String[] row : Csv.rows(file)) {
            if (row.length != header.size()) {
                break; // a partly written last line
            }
            long it;
            try {
                it = Long.parseLong(row[column]);
            } catch (NumberFormatException e) {
                break;
            }
            if (it > iteration) {
                break;
            }
            kept.add(row);
        }
        Csv.write(file, header, kept);
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

    void row(String... values) {
        if (out == null) {
            return;
        }
        try {
            out.write(values);
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
}

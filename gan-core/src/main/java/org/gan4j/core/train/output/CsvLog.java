package org.gan4j.core.train.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A CSV file written line by line and flushed every few lines, so a crash loses little. */
final class CsvLog implements AutoCloseable {

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

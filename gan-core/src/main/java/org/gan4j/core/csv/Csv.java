package org.gan4j.core.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gan4j.core.image.AtomicFiles;

/**
 * Reading and writing gan4j's CSV files with Jackson's CSV data format: comma separated, {@code \n}
 * line ends, UTF-8, a header line, values quoted only when they need it (so numbers and names
 * without commas come out exactly as given, byte for byte).
 */
public final class Csv {

    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
    /** Rows as string arrays, no header of its own (the header is written as the first row). */
    private static final ObjectWriter ROWS = MAPPER.writerFor(String[].class)
            .with(CsvSchema.emptySchema().withLineSeparator("\n"))
            // flushing every row would reach the OS once per iteration; callers flush when it matters
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private Csv() {
    }

    /**
     * A writer of rows onto {@code out}; rows go out when its buffer fills, on {@code flush()} and on
     * {@code close()} (which closes {@code out}).
     */
    public static SequenceWriter rowWriter(Writer out) {
        try {
            return ROWS.writeValues(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code header} and {@code rows} to {@code file} atomically (temporary file, then rename). */
    public static void write(Path file, List<String> header, List<String[]> rows) {
        AtomicFiles.write(file, out -> {
            try (SequenceWriter w = rowWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
                w.write(header.toArray(String[]::new));
                for (String[] row : rows) {
                    w.write(row);
                }
            }
        });
    }

    /** Appends {@code rows} to {@code file} (created if missing) and closes it. */
    public static void append(Path file, List<String[]> rows) {
        try (SequenceWriter w = rowWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            for (String[] row : rows) {
                w.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The rows of {@code file} after its header; empty when there is no file. Reading stops at the
     * first row that does not parse, such as a last line cut short by a crash: the rows before it
     * are returned.
     */
    public static List<String[]> rows(Path file) {
        List<String[]> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<String[]> it = MAPPER.readerFor(String[].class).readValues(in)) {
            boolean header = true;
            while (it.hasNextValue()) {
                String[] row = it.nextValue();
                if (header) {
                    header = false;
                } else if (!(row.length == 1 && row[0].isEmpty())) { // a blank line
                    rows.add(row);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a damaged tail: keep what was read before it
        }
        return rows;
    }

    /** A number with 8 significant digits in {@code Locale.ROOT}, "NaN"/"Infinity" spelled out: the same value gives the same text. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return String.format(Locale.ROOT, "%.8g", v);
    }
}

package org.gan4j.core.train.output;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.Locale;
import org.gan4j.api.train.IterationStats;
import org.gan4j.core.train.RunDirectory;

/**
 * Writes {@code timing.csv}: {@value #HEADER} per iteration, the wall-clock numbers kept out of
 * {@code metrics.csv} so that file stays reproducible. images_per_s counts real samples consumed.
 */
public final class TimingCsvWriter extends CsvListener {

    public static final String FILE = "timing.csv";
    public static final String HEADER = "iteration,seconds,images_per_s";

    @Inject
    public TimingCsvWriter(RunDirectory dir) {
        this(dir.resolve(FILE), 100);
    }

    public TimingCsvWriter(Path file, int flushEvery) {
        super(file, flushEvery, HEADER);
    }

    @Override
    String[] row(IterationStats s) {
        return new String[] {Long.toString(s.iteration()), String.format(Locale.ROOT, "%.6f", s.seconds()),
                String.format(Locale.ROOT, "%.1f", s.samplesPerSecond())};
    }
}

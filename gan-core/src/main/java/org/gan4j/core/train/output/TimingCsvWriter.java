package org.gan4j.core.train.output;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.Locale;
import org.gan4j.core.train.IterationStats;
import org.gan4j.core.train.RunDirectory;
import org.gan4j.core.train.RunInfo;
import org.gan4j.core.train.SampleSource;
import org.gan4j.core.train.TrainingListener;
import org.gan4j.core.train.TrainingResult;

/**
 * Writes {@code timing.csv}: {@value #HEADER} per iteration, the wall-clock numbers kept out of
 * {@code metrics.csv} so that file stays reproducible. images_per_s counts real samples consumed.
 */
public final class TimingCsvWriter implements TrainingListener {

    public static final String FILE = "timing.csv";
    public static final String HEADER = "iteration,seconds,images_per_s";

    private final CsvLog log;

    @Inject
    public TimingCsvWriter(RunDirectory dir) {
        this(dir.resolve(FILE), 100);
    }

    public TimingCsvWriter(Path file, int flushEvery) {
        this.log = new CsvLog(file, flushEvery);
    }

    @Override
    public void onStart(RunInfo run) {
        if (run.resumed()) {
            log.resume(HEADER, run.resumedIteration());
        } else {
            log.open(HEADER);
        }
    }

    @Override
    public void onCheckpoint(long iteration) {
        log.flush();
    }

    @Override
    public void onIteration(IterationStats s) {
        log.line(s.iteration() + "," + String.format(Locale.ROOT, "%.6f,%.1f", s.seconds(), s.samplesPerSecond()));
    }

    @Override
    public void onEnd(TrainingResult result, SampleSource samples) {
        log.close();
    }
}

package org.gan4j.core.train.output;

import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.train.IterationStats;
import org.gan4j.api.train.RunInfo;
import org.gan4j.api.train.SampleSource;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;

/**
 * A listener writing one CSV row per iteration: opens the file with its header (or, on resume,
 * truncates it to the checkpoint's iteration and appends), flushes at checkpoints, closes at the end.
 * Subclasses say only what a row holds.
 */
abstract class CsvListener implements TrainingListener {

    private final CsvLog log;
    private final List<String> header;

    CsvListener(Path file, int flushEvery, String header) {
        this.log = new CsvLog(file, flushEvery);
        this.header = List.of(header.split(",")); // the column names, e.g. MetricsCsvWriter.HEADER
    }

    /** The values of one iteration's row. */
    abstract String[] row(IterationStats stats);

    @Override
    public void onStart(RunInfo run) {
        if (run.resumed()) {
            log.resume(header, run.resumedIteration());
        } else {
            log.open(header);
        }
    }

    @Override
    public void onCheckpoint(long iteration) {
        log.flush();
    }

    @Override
    public void onIteration(IterationStats stats) {
        log.row(row(stats));
    }

    @Override
    public void onEnd(TrainingResult result, SampleSource samples) {
        log.close();
    }
}

package org.gan4j.core.train.output;

import com.google.inject.Inject;
import java.nio.file.Path;
import org.gan4j.api.train.IterationStats;
import org.gan4j.core.csv.Csv;
import org.gan4j.core.train.RunDirectory;

/**
 * Writes {@code metrics.csv}: one row per iteration with
 * {@value #HEADER}. Only deterministic numbers (no wall time), 8 significant digits in
 * {@code Locale.ROOT}, so two runs with the same seed give byte-identical files.
 */
public final class MetricsCsvWriter extends CsvListener {

    public static final String FILE = "metrics.csv";
    public static final String HEADER = "iteration,epoch,d_loss,g_loss,d_real,d_fake,g_grad_norm,d_grad_norm";

    @Inject
    public MetricsCsvWriter(RunDirectory dir) {
        this(dir.resolve(FILE), 100);
    }

    /** Writes to {@code file}, flushing every {@code flushEvery} rows and at the end. */
    public MetricsCsvWriter(Path file, int flushEvery) {
        super(file, flushEvery, HEADER);
    }

    @Override
    String[] row(IterationStats s) {
        return new String[] {Long.toString(s.iteration()), Integer.toString(s.epoch()), Csv.number(s.dLoss()), Csv.number(s.gLoss()),
                Csv.number(s.dReal()), Csv.number(s.dFake()), Csv.number(s.gGradNorm()), Csv.number(s.dGradNorm())};
    }
}

package org.gan4j.core.train.output;

import com.google.inject.Inject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.gan4j.api.train.IterationStats;
import org.gan4j.api.train.RunInfo;
import org.gan4j.api.train.SampleSource;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.config.OutputSettings;
import org.gan4j.core.train.RunDirectory;
import org.gan4j.core.train.TrainOptions;

/**
 * Shows training progress: on a terminal a progress bar (iterations, ETA) with epoch, losses and
 * images/s; otherwise one plain line every {@code output.logEvery} iterations (and the last one).
 * Ends with a one-line summary naming the run directory.
 */
public final class ProgressReporter implements TrainingListener {

    private final PrintStream out;
    private final boolean terminal;
    private final int logEvery;
    private final String directory;
    private ProgressBar bar;
    private RunInfo run;
    private long startNanos;
    private long samplesSeen;

    @Inject
    public ProgressReporter(TrainOptions options, OutputSettings output, RunDirectory dir) {
        this(options.progress(), options.terminal(), output.logEvery(), dir.path().toString());
    }

    public ProgressReporter(PrintStream out, boolean terminal, int logEvery, String directory) {
        this.out = out;
        this.terminal = terminal;
        this.logEvery = logEvery;
        this.directory = directory;
    }

    @Override
    public void onStart(RunInfo info) {
        run = info;
        startNanos = System.nanoTime();
        out.printf(Locale.ROOT, "training %d iterations (%d epochs of %d batches of %d) into %s%n", info.plannedIterations(),
                info.plannedEpochs(), info.batchesPerEpoch(), info.batchSize(), directory);
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(info.plannedIterations())
                    .setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(500).continuousUpdate().build();
        }
    }

    @Override
    public void onIteration(IterationStats s) {
        samplesSeen += s.realSamples();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double rate = elapsed > 0 ? samplesSeen / elapsed : 0;
        if (bar != null) {
            bar.stepTo(s.iteration());
            bar.setExtraMessage(String.format(Locale.ROOT, "ep %d/%d D %.3f G %.3f D(x) %.2f D(G(z)) %.2f %.0f img/s",
                    s.epoch(), run.plannedEpochs(), s.dLoss(), s.gLoss(), s.dReal(), s.dFake(), rate));
        } else if (s.iteration() % logEvery == 0 || s.iteration() == run.plannedIterations()) {
            long remaining = run.plannedIterations() - s.iteration();
            double eta = s.iteration() > 0 ? elapsed / s.iteration() * remaining : 0;
            out.printf(Locale.ROOT, "iteration %d/%d  epoch %d/%d  D %.4f  G %.4f  D(x) %.3f  D(G(z)) %.3f  %.0f img/s  ETA %s%n",
                    s.iteration(), run.plannedIterations(), s.epoch(), run.plannedEpochs(), s.dLoss(), s.gLoss(), s.dReal(),
                    s.dFake(), rate, duration(eta));
        }
    }

    @Override
    public void onEnd(TrainingResult result, SampleSource samples) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf(Locale.ROOT, "%s: %d iterations, %d epochs in %s; results in %s%n", result.status().label(),
                result.iterations(), result.epochs(), duration(seconds), directory);
    }

    static String duration(double seconds) {
        Duration d = Duration.ofMillis((long) (seconds * 1000));
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}

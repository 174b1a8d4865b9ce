package org.gan4j.core.train.output;

import com.google.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.gan4j.api.train.IterationStats;
import org.gan4j.api.train.RunInfo;
import org.gan4j.api.train.SampleSource;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.csv.Csv;
import org.gan4j.core.image.AtomicFiles;
import org.gan4j.core.train.RunDirectory;
import org.gan4j.core.train.TrainOptions;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws {@code loss-curves.png} with XChart after each epoch and at the end: the D and G losses
 * over iterations above, mean D(x) and D(G(z)) below. Past {@value #SMOOTH_FROM} iterations the
 * curves are a trailing moving average over 1% of the run, and at most {@value #MAX_POINTS} points
 * are drawn. Between epochs the picture is redrawn at most every {@value #REDRAW_SECONDS} s (short
 * epochs would otherwise spend their time drawing); the end always draws it. A failure to draw (e.g.
 * no fonts on a headless machine) is reported once and does not stop training.
 */
public final class LossCurvePlotter implements TrainingListener {

    public static final String FILE = "loss-curves.png";
    static final int SMOOTH_FROM = 200;
    static final int MAX_POINTS = 1000;
    static final int REDRAW_SECONDS = 10;

    private final Path file;
    private final PrintStream warnings;
    private double[][] series = new double[4][1024];
    private int n;
    private boolean failed;
    private long lastDraw = Long.MIN_VALUE;

    @Inject
    public LossCurvePlotter(RunDirectory dir, TrainOptions options) {
        this(dir.resolve(FILE), options.progress());
    }

    public LossCurvePlotter(Path file, PrintStream warnings) {
        this.file = file;
        this.warnings = warnings;
    }

    /** On a resume, reloads the curves of the iterations already done from {@code metrics.csv} beside the picture. */
    @Override
    public void onStart(RunInfo run) {
        n = 0;
        if (!run.resumed()) {
            return;
        }
        for (String[] row : Csv.rows(file.resolveSibling(MetricsCsvWriter.FILE))) {
            if (row.length < 6 || Long.parseLong(row[0]) > run.resumedIteration()) {
                break;
            }
            add(Double.parseDouble(row[2]), Double.parseDouble(row[3]), Double.parseDouble(row[4]), Double.parseDouble(row[5]));
        }
    }

    @Override
    public void onIteration(IterationStats s) {
        add(s.dLoss(), s.gLoss(), s.dReal(), s.dFake());
    }

    private void add(double dLoss, double gLoss, double dReal, double dFake) {
        if (n == series[0].length) {
            for (int i = 0; i < series.length; i++) {
                series[i] = Arrays.copyOf(series[i], 2 * n);
            }
        }
        series[0][n] = dLoss;
        series[1][n] = gLoss;
        series[2][n] = dReal;
        series[3][n] = dFake;
        n++;
    }

    @Override
    public void onEpochEnd(int epoch, SampleSource samples) {
        if (lastDraw == Long.MIN_VALUE || System.nanoTime() - lastDraw >= REDRAW_SECONDS * 1_000_000_000L) {
            draw();
        }
    }

    @Override
    public void onEnd(TrainingResult result, SampleSource samples) {
        draw();
    }

    private void draw() {
        if (n == 0 || failed) {
            return;
        }
        lastDraw = System.nanoTime();
        try {
            int window = n > SMOOTH_FROM ? Math.max(1, n / 100) : 1;
            String suffix = window > 1 ? " (moving average of " + window + ")" : "";
            XYChart losses = chart("Losses" + suffix, "loss");
            XYChart outputs = chart("Discriminator outputs" + suffix, "mean output");
            add(losses, "D loss", series[0], window);
            add(losses, "G loss", series[1], window);
            add(outputs, "D(x)", series[2], window);
            add(outputs, "D(G(z))", series[3], window);
            AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(List.of(losses, outputs), 2, 1, out, BitmapEncoder.BitmapFormat.PNG));
        } catch (RuntimeException | LinkageError | InternalError | java.awt.AWTError e) {
            failed = true;
            warnings.println("warning: could not draw " + file.getFileName() + ", skipping it for this run: " + e);
        }
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(900).height(380).title(title).xAxisTitle("iteration").yAxisTitle(yTitle).build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartTitleVisible(true);
        return chart;
    }

    private void add(XYChart chart, String name, double[] values, int window) {
        double[] smooth = movingAverage(values, n, window);
        int step = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        int m = (n + step - 1) / step;
        double[] x = new double[m];
        double[] y = new double[m];
        for (int i = 0, j = 0; i < n; i += step, j++) {
            x[j] = i + 1;
            y[j] = Double.isFinite(smooth[i]) ? smooth[i] : Double.NaN;
        }
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    /** Trailing mean over {@code window} values (fewer at the start); NaNs are skipped. */
    static double[] movingAverage(double[] values, int length, int window) {
        double[] out = new double[length];
        double sum = 0;
        int count = 0;
        for (int i = 0; i < length; i++) {
            if (Double.isFinite(values[i])) {
                sum += values[i];
                count++;
            }
            if (i >= window && Double.isFinite(values[i - window])) {
                sum -= values[i - window];
                count--;
            }
            out[i] = count > 0 ? sum / count : Double.NaN;
        }
        return out;
    }
}

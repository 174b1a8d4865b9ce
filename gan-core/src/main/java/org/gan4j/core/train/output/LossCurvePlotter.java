package org.gan4j.core.train.output;

import com.google.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 *
 * <p>Drawing costs seconds the first time (AWT, fonts, XChart) and a fraction of one after, so it
 * is kept off the training thread: {@link #onStart} warms the drawing up on a background thread,
 * and an epoch's picture is drawn there from a copy of the curves (skipped while the previous one
 * is still being drawn). The final picture, from every iteration, is drawn there too as soon as
 * the run's planned last iteration is in, so it overlaps the trainer's wait for the last checkpoint's
 * write; the end waits for it. A run that stops before its plan (a request, a time budget, a
 * divergence) gets its final picture drawn by {@link #onEnd} on the calling thread. Either way the
 * file a run ends with holds every iteration and does not depend on timing.
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
    private volatile boolean failed;
    private long lastDraw = Long.MIN_VALUE;
    /** The iteration number whose stats complete the run's plan. */
    private long plannedIterations;
    /** Whether the final picture was handed to the drawer (the planned last iteration is in). */
    private boolean finalSubmitted;
    /** The background drawer, or null before the start and after the end. */
    private ExecutorService drawer;
    /** The warm-up or epoch picture in flight, or null. */
    private Future<?> drawing;

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
        plannedIterations = run.plannedIterations();
        finalSubmitted = false;
        drawer = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "gan4j-loss-curves");
            t.setDaemon(true);
            return t;
        });
        drawing = drawer.submit(LossCurvePlotter::warmUp);
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
        if (s.iteration() == plannedIterations && drawer != null && !failed) {
            submit(); // the last of the plan: every value of the final picture is in
            finalSubmitted = true;
        }
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
        boolean due = lastDraw == Long.MIN_VALUE || System.nanoTime() - lastDraw >= REDRAW_SECONDS * 1_000_000_000L;
        if (due && !finalSubmitted && drawer != null && (drawing == null || drawing.isDone()) && n > 0 && !failed) {
            lastDraw = System.nanoTime();
            submit();
        }
    }

    /** Draws the curves so far on the drawer's thread, from a copy (after the drawing in flight: one thread). */
    private void submit() {
        double[][] copy = new double[series.length][];
        for (int i = 0; i < series.length; i++) {
            copy[i] = Arrays.copyOf(series[i], n);
        }
        int count = n;
        drawing = drawer.submit(() -> draw(copy, count));
    }

    @Override
    public void onEnd(TrainingResult result, SampleSource samples) {
        if (drawer != null) {
            try {
                if (drawing != null) {
                    drawing.get(); // never two drawings of the file at once
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // draw reports its own failures; a warm-up failure shows again below
            } finally {
                drawer.shutdown();
                drawer = null;
                drawing = null;
            }
        }
        if (n > 0 && !failed && !finalSubmitted) {
            draw(series, n);
        }
    }

    /** Loads what drawing needs (AWT, fonts, XChart's classes) by drawing a small chart in memory; failures show in the real drawing. */
    private static void warmUp() {
        try {
            XYChart chart = chart("warm-up", "y");
            chart.addSeries("s", new double[] {1, 2}, new double[] {1, 2}).setMarker(SeriesMarkers.NONE);
            BitmapEncoder.getBufferedImage(chart);
        } catch (RuntimeException | LinkageError | InternalError | java.awt.AWTError e) {
            // the first real drawing reports it
        }
    }

    /** Draws the first {@code n} values of {@code series} into the file. */
    private void draw(double[][] series, int n) {
        try {
            int window = n > SMOOTH_FROM ? Math.max(1, n / 100) : 1;
            String suffix = window > 1 ? " (moving average of " + window + ")" : "";
            XYChart losses = chart("Losses" + suffix, "loss");
            XYChart outputs = chart("Discriminator outputs" + suffix, "mean output");
            add(losses, "D loss", series[0], n, window);
            add(losses, "G loss", series[1], n, window);
            add(outputs, "D(x)", series[2], n, window);
            add(outputs, "D(G(z))", series[3], n, window);
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

    private static void add(XYChart chart, String name, double[] values, int n, int window) {
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

package org.gan4j.core.compare;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.gan4j.core.image.AtomicFiles;
import org.gan4j.core.train.output.ManifestWriter;
import org.gan4j.core.train.output.SampleImageWriter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes {@code report.html} into the experiment directory: one self-contained page (no scripts,
 * no network) with the ranked table of metrics (mean ± std over the averaged axes), the health
 * flags, each variant's final samples side by side (PNG files referenced relative to the page),
 * metric-over-time and loss plots (XChart, embedded as data URIs) and links to every run.
 * The page is a {@link ReportPage} rendered by the jte templates in {@code src/main/jte}.
 */
public final class Report {

    public static final String FILE = "report.html";
    /** Loss curves are averaged over seeds and thinned to at most this many points. */
    static final int MAX_POINTS = 400;
    /** The templates, compiled to classes at build time (jte-maven-plugin) into this package. */
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Report.class.getClassLoader(), Report.class.getPackageName());

    private Report() {
    }

    /** Writes the page and returns its path. */
    public static Path write(Summary summary, Path dir) {
        String html = render(page(summary, dir));
        Path file = dir.resolve(FILE);
        AtomicFiles.write(file, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    /** The page as HTML. */
    static String render(ReportPage page) {
        StringOutput out = new StringOutput();
        TEMPLATES.render("report.jte", page, out);
        return out.toString();
    }

    /** What the page shows, with links relative to {@code dir}. */
    static ReportPage page(Summary summary, Path dir) {
        Experiment e = summary.experiment();
        List<ReportPage.Column> columns = summary.keys().stream()
                .map(key -> new ReportPage.Column(key, key.equals(summary.rankBy()))).toList();
        List<ReportPage.RankingRow> ranking = new ArrayList<>();
        List<ReportPage.SampleRow> samples = new ArrayList<>();
        List<ReportPage.RunRow> runs = new ArrayList<>();
        for (Summary.Variant v : summary.variants()) {
            ranking.add(new ReportPage.RankingRow(v.rank(), v.name(), v.completed() + "/" + v.cells().size(),
                    summary.keys().stream().map(key -> v.stats().get(key).text()).toList(),
                    Summary.flagText(v.flags(), v.cells().size())));
            List<ReportPage.Sample> grids = new ArrayList<>();
            for (CellResult c : v.cells()) {
                Path png = c.directory().resolve(SampleImageWriter.DIRECTORY).resolve(SampleImageWriter.FINAL);
                grids.add(new ReportPage.Sample(c.cell().name(), Files.isRegularFile(png) ? href(dir, png) : null, c.status()));
                runs.add(new ReportPage.RunRow(c.cell().name(), c.status(), number(c.seconds()),
                        summary.keys().stream().map(key -> number(c.finals().getOrDefault(key, Double.NaN))).toList(),
                        String.join(", ", c.flags()), href(dir, c.directory()), href(dir, c.directory().resolve(ManifestWriter.FILE))));
            }
            samples.add(new ReportPage.SampleRow(v.rank(), v.name(), grids));
        }
        return new ReportPage(e.name(), e.file().toString(), summary.variants().stream().mapToInt(v -> v.cells().size()).sum(),
                e.average().isEmpty() ? "nothing" : String.join(", ", e.average()),
                summary.rankBy() == null ? "(no metric)" : summary.rankBy(), Instant.now().toString().substring(0, 19),
                columns, ranking, samples, metricPlots(summary), lossPlots(summary), runs, search(summary, dir));
    }

    /** The search section, or null without a search (or without a metric to score trials by). */
    static ReportPage.SearchSection search(Summary summary, Path dir) {
        Experiment e = summary.experiment();
        if (e.search() == null || summary.rankBy() == null || summary.variants().isEmpty()) {
            return null;
        }
        List<Summary.Variant> variants = summary.variants();
        boolean higher = variants.get(0).search().higher();
        String statistic = summary.rankBy() + (higher ? " (higher is better)" : " (lower is better)");
        List<ReportPage.SearchRow> rows = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            Summary.Variant v = variants.get(i);
            SearchResult r = v.search();
            String next = "";
            boolean apart = false;
            if (i + 1 < variants.size()) {
                Summary.Variant w = variants.get(i + 1);
                double[] d = r.difference(w.search());
                apart = SearchResult.apart(d);
                next = d == null ? "cannot tell: fewer than " + SearchResult.MIN_TRIALS + " scored trials"
                        : (apart ? "better than " : "cannot be told apart from ") + w.rank() + ". (difference " + interval(d) + ")";
            }
            rows.add(new ReportPage.SearchRow(v.rank(), v.name(), r.trials().size() + (r.scored() < r.trials().size()
                    ? " (" + r.scored() + " scored)" : ""), number(r.best()), interval(r.bestCi()), number(r.median()),
                    interval(r.medianCi()), r.bestTrial() == null ? "–" : Integer.toString(r.bestTrial().number()), next, apart));
        }
        verdicts.addAll(summary.verdicts());
        List<ReportPage.BestTrial> best = new ArrayList<>();
        for (Summary.Variant v : variants) {
            SearchResult.Trial t = v.search().bestTrial();
            if (t == null) {
                best.add(new ReportPage.BestTrial(v.rank(), v.name(), "no trial scored", "–", List.of(), List.of()));
                continue;
            }
            var space = e.search().spaceOf(v.name());
            List<ReportPage.Setting> settings = new ArrayList<>();
            t.settings().forEach((key, value) -> settings.add(new ReportPage.Setting(key, Summary.valueText(value),
                    space.containsKey(key) ? space.get(key).text() : "")));
            List<ReportPage.Sample> grids = new ArrayList<>();
            for (CellResult c : t.cells()) {
                Path png = c.directory().resolve(SampleImageWriter.DIRECTORY).resolve(SampleImageWriter.FINAL);
                grids.add(new ReportPage.Sample(c.cell().name(), Files.isRegularFile(png) ? href(dir, png) : null, c.status()));
            }
            best.add(new ReportPage.BestTrial(v.rank(), v.name(), "trial " + t.number(), number(t.score()), settings, grids));
        }
        int seeds = variants.stream().flatMap(v -> v.search().trials().stream()).mapToInt(t -> t.cells().size()).max().orElse(1);
        String repeats = seeds == 1 ? "one run" : seeds + " runs (" + (e.average().isEmpty() ? "repeats" : String.join(", ", e.average()))
                + "), scored by their mean";
        return new ReportPage.SearchSection(statistic, e.budget() == null ? "as each config says" : e.budget().text(),
                e.search().trials(), repeats, rows, verdicts, SvgCharts.bestSoFar(variants, summary.rankBy()),
                SvgCharts.distribution(variants, summary.rankBy()), best);
    }

    /** "[low, high]", "–" ends when unknown. */
    private static String interval(double[] ci) {
        return "[" + number(ci[0]) + ", " + number(ci[1]) + "]";
    }

    /** A final value or time as the tables show it, "–" when unknown. */
    private static String number(double value) {
        return Double.isFinite(value) ? Stat.format(value) : "–";
    }

    /** Mean over each variant's runs of every metric that changes over time (e.g. not total-modes). */
    private static List<ReportPage.Plot> metricPlots(Summary summary) {
        Set<String> timeKeys = new LinkedHashSet<>();
        summary.variants().forEach(v -> v.cells().forEach(c -> timeKeys.addAll(c.overTime().keySet())));
        timeKeys.removeIf(key -> constant(summary, key));
        List<ReportPage.Plot> plots = new ArrayList<>();
        for (String key : timeKeys) {
            XYChart chart = chart(key, "iteration", key);
            for (Summary.Variant v : summary.variants()) {
                TreeMap<Double, List<Double>> byIteration = new TreeMap<>();
                for (CellResult c : v.cells()) {
                    for (double[] p : c.overTime().getOrDefault(key, List.of())) {
                        byIteration.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
                    }
                }
                if (!byIteration.isEmpty()) {
                    double[] x = byIteration.keySet().stream().mapToDouble(Double::doubleValue).toArray();
                    double[] y = byIteration.values().stream().mapToDouble(l -> Stat.of(l).mean()).toArray();
                    chart.addSeries(v.name(), x, y).setMarker(SeriesMarkers.CIRCLE);
                }
            }
            plots.add(plot(chart, "metric " + key));
        }
        return plots;
    }

    /** D and G loss per variant. */
    private static List<ReportPage.Plot> lossPlots(Summary summary) {
        List<ReportPage.Plot> plots = new ArrayList<>();
        for (Summary.Variant v : summary.variants()) {
            XYChart chart = chart(v.rank() + ". " + v.name(), "iteration", "loss");
            addMean(chart, "D loss", v.cells(), 1);
            addMean(chart, "G loss", v.cells(), 2);
            if (!chart.getSeriesMap().isEmpty()) {
                plots.add(plot(chart, "losses of " + v.name()));
            }
        }
        return plots;
    }

    private static boolean constant(Summary summary, String key) {
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        summary.variants().forEach(v -> v.cells().forEach(c -> c.overTime().getOrDefault(key, List.of()).forEach(p -> {
            range[0] = Math.min(range[0], p[1]);
            range[1] = Math.max(range[1], p[1]);
        })));
        return range[0] == range[1];
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(620).height(320).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setChartTitleVisible(true);
        return chart;
    }

    /** Adds the mean over cells of a metrics.csv column, smoothed and thinned. */
    private static void addMean(XYChart chart, String name, List<CellResult> cells, int column) {
        TreeMap<Double, List<Double>> byIteration = new TreeMap<>();
        for (CellResult c : cells) {
            for (double[] row : c.losses()) {
                byIteration.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[column]);
            }
        }
        int n = byIteration.size();
        if (n == 0) {
            return;
        }
        double[] x = byIteration.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = byIteration.values().stream().mapToDouble(l -> Stat.of(l).mean()).toArray();
        int window = Math.max(1, n / 100);
        int step = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(y[i])) {
                sum += y[i];
                count++;
            }
            if (i >= window && Double.isFinite(y[i - window])) {
                sum -= y[i - window];
                count--;
            }
            if (i % step == 0 || i == n - 1) {
                xs.add(x[i]);
                ys.add(count > 0 ? sum / count : Double.NaN);
            }
        }
        chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
    }

    private static ReportPage.Plot plot(XYChart chart, String alt) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return new ReportPage.Plot(alt, "data:image/png;base64," + Base64.getEncoder().encodeToString(png), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the plot " + alt, e);
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            return new ReportPage.Plot(alt, null, e.toString());
        }
    }

    /** A relative, percent-encoded link from the report's directory to {@code target} (the template escapes it for HTML). */
    static String href(Path dir, Path target) {
        Path rel = dir.toAbsolutePath().normalize().relativize(target.toAbsolutePath().normalize());
        StringBuilder s = new StringBuilder();
        for (Path part : rel) {
            if (s.length() > 0) {
                s.append('/');
            }
            try {
                s.append(new URI(null, null, part.toString(), null).getRawPath().replace(",", "%2C").replace("=", "%3D"));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return s.toString();
    }
}

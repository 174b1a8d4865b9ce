package org.gan4j.core.compare;

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
 */
public final class Report {

    public static final String FILE = "report.html";
    /** Loss curves are averaged over seeds and thinned to at most this many points. */
    static final int MAX_POINTS = 400;

    private Report() {
    }

    /** Writes the page and returns its path. */
    public static Path write(Summary summary, Path dir) {
        StringBuilder h = new StringBuilder();
        Experiment e = summary.experiment();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>gan4j compare: ")
                .append(esc(e.name())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #bbb;padding:4px 8px;text-align:right}th{background:#eee}td.l,th.l{text-align:left}")
                .append(".flag{color:#b00;font-weight:bold}.ok{color:#070}figure{display:inline-block;margin:4px;text-align:center}")
                .append("figcaption{font-size:80%}.row{margin-bottom:1em}img{border:1px solid #ccc}h2{border-bottom:1px solid #ccc}")
                .append("\n</style></head><body>\n");
        h.append("<h1>gan4j compare: ").append(esc(e.name())).append("</h1>\n<p>Experiment <code>")
                .append(esc(e.file().toString())).append("</code>; ")
                .append(summary.variants().stream().mapToInt(v -> v.cells().size()).sum()).append(" runs in ")
                .append(summary.variants().size()).append(" variants; averaged over <code>")
                .append(esc(e.average().isEmpty() ? "nothing" : String.join(", ", e.average()))).append("</code>; ranked by <code>")
                .append(esc(summary.rankBy() == null ? "(no metric)" : summary.rankBy())).append("</code>. Written ")
                .append(Instant.now().toString(), 0, 19).append("Z. Also: <a href=\"").append(Summary.CSV).append("\">")
                .append(Summary.CSV).append("</a>, <a href=\"").append(Summary.JSON).append("\">").append(Summary.JSON).append("</a>.</p>\n");

        // the ranked table
        h.append("<h2>Ranking</h2>\n<table id=\"ranking\"><thead><tr><th>rank</th><th class=\"l\">variant</th><th>runs</th>");
        for (String key : summary.keys()) {
            h.append("<th>").append(esc(key)).append(key.equals(summary.rankBy()) ? " ▼" : "").append("</th>");
        }
        h.append("<th class=\"l\">health</th></tr></thead><tbody>\n");
        for (Summary.Variant v : summary.variants()) {
            h.append("<tr><td>").append(v.rank()).append("</td><td class=\"l\">").append(esc(v.name())).append("</td><td>")
                    .append(v.completed()).append('/').append(v.cells().size()).append("</td>");
            for (String key : summary.keys()) {
                h.append("<td>").append(esc(v.stats().get(key).text())).append("</td>");
            }
            String flags = Summary.flagText(v.flags(), v.cells().size());
            h.append(flags.isEmpty() ? "<td class=\"l ok\">ok</td>" : "<td class=\"l flag\">" + esc(flags) + "</td>").append("</tr>\n");
        }
        h.append("</tbody></table>\n<p>Values: mean ± sample standard deviation over the runs of a variant, final evaluation.</p>\n");

        // samples
        h.append("<h2>Final samples</h2>\n");
        for (Summary.Variant v : summary.variants()) {
            h.append("<div class=\"row\"><h3>").append(v.rank()).append(". ").append(esc(v.name())).append("</h3>\n");
            for (CellResult c : v.cells()) {
                Path png = c.directory().resolve(SampleImageWriter.DIRECTORY).resolve(SampleImageWriter.FINAL);
                h.append("<figure>");
                if (Files.isRegularFile(png)) {
                    h.append("<img class=\"sample\" width=\"200\" src=\"").append(href(dir, png)).append("\" alt=\"final samples of ")
                            .append(esc(c.cell().name())).append("\">");
                } else {
                    h.append("<div style=\"width:200px;height:60px\">no samples (").append(esc(c.status())).append(")</div>");
                }
                h.append("<figcaption>").append(esc(c.cell().name())).append("</figcaption></figure>\n");
            }
            h.append("</div>\n");
        }

        // metrics over time
        Set<String> timeKeys = new LinkedHashSet<>();
        summary.variants().forEach(v -> v.cells().forEach(c -> timeKeys.addAll(c.overTime().keySet())));
        timeKeys.removeIf(key -> constant(summary, key)); // e.g. total-modes: nothing to see over time
        if (!timeKeys.isEmpty()) {
            h.append("<h2>Metrics over training</h2>\n<p>Mean over each variant's runs at each evaluation, against iterations (generator steps; 0: before training).</p>\n");
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
                h.append(image(chart, "metric " + key));
            }
        }

        // losses
        h.append("<h2>Loss curves</h2>\n<p>D and G loss per variant, mean over its runs at each iteration, moving average over 1% of the run.</p>\n");
        for (Summary.Variant v : summary.variants()) {
            XYChart chart = chart(v.rank() + ". " + v.name(), "iteration", "loss");
            addMean(chart, "D loss", v.cells(), 1);
            addMean(chart, "G loss", v.cells(), 2);
            if (!chart.getSeriesMap().isEmpty()) {
                h.append(image(chart, "losses of " + v.name()));
            }
        }

        // runs and diagnostics
        h.append("<h2>Runs</h2>\n<table id=\"runs\"><thead><tr><th class=\"l\">run</th><th class=\"l\">status</th><th>seconds</th>");
        for (String key : summary.keys()) {
            h.append("<th>").append(esc(key)).append("</th>");
        }
        h.append("<th class=\"l\">health</th><th class=\"l\">files</th></tr></thead><tbody>\n");
        for (Summary.Variant v : summary.variants()) {
            for (CellResult c : v.cells()) {
                h.append("<tr><td class=\"l\">").append(esc(c.cell().name())).append("</td><td class=\"l\">").append(esc(c.status()))
                        .append("</td><td>").append(Double.isFinite(c.seconds()) ? Stat.format(c.seconds()) : "–").append("</td>");
                for (String key : summary.keys()) {
                    double value = c.finals().getOrDefault(key, Double.NaN);
                    h.append("<td>").append(Double.isFinite(value) ? Stat.format(value) : "–").append("</td>");
                }
                h.append(c.flags().isEmpty() ? "<td class=\"l ok\">ok</td>" : "<td class=\"l flag\">" + esc(String.join(", ", c.flags())) + "</td>");
                h.append("<td class=\"l\"><a href=\"").append(href(dir, c.directory())).append("/\">directory</a> · <a href=\"")
                        .append(href(dir, c.directory().resolve(ManifestWriter.FILE))).append("\">manifest</a></td></tr>\n");
            }
        }
        h.append("</tbody></table>\n<p>Health flags: <b>diverged</b> (status diverged, a NaN/Inf loss, or losses 100× their early size), "
                + "<b>vanishing G gradient</b> (G's gradient norm below 1% of its early mean while mean D(G(z)) &lt; 0.05), "
                + "<b>mode collapse</b> (at most half the modes, or of the classes classifier-fid sees, covered at the end), "
                + "<b>mode coverage dropped</b> (final coverage below 75% of its peak). See docs/comparing.md.</p>\n</body></html>\n");
        Path file = dir.resolve(FILE);
        AtomicFiles.write(file, out -> out.write(h.toString().getBytes(StandardCharsets.UTF_8)));
        return file;
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

    private static String image(XYChart chart, String alt) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "<img class=\"plot\" alt=\"" + esc(alt) + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(png) + "\">\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the plot " + alt, e);
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            return "<p>(plot " + esc(alt) + " could not be drawn: " + esc(e.toString()) + ")</p>\n";
        }
    }

    /** A relative, percent-encoded link from the report's directory to {@code target}. */
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
        return esc(s.toString());
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

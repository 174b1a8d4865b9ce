package org.gan4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gan4j.core.csv.Csv;
import org.gan4j.core.image.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The memory of the benchmark's JVM over training iterations, per workload: {@code memory.csv}
 * (workload, iteration, RSS, peak RSS, Java heap used and committed) and {@code memory.png}, one RSS line per workload with
 * its committed Java heap (the rest of RSS is ND4J's arrays and native code), to show whether memory stays flat over a long run.
 */
final class MemoryCurve {

    static final String CSV = "memory.csv";
    static final String PNG = "memory.png";

    /** One row of the curve. */
    record Point(long iteration, MemoryProbe.Reading reading) {
    }

    private final Map<String, List<Point>> curves = new LinkedHashMap<>();

    void add(String workload, long iteration, MemoryProbe.Reading reading) {
        curves.computeIfAbsent(workload, k -> new ArrayList<>()).add(new Point(iteration, reading));
    }

    List<Point> points(String workload) {
        return curves.getOrDefault(workload, List.of());
    }

    /** Growth of RSS from the first reading after warm-up to the last, in MB. */
    static double growthMb(List<Point> points) {
        return points.size() < 2 ? Double.NaN : points.get(points.size() - 1).reading().rssMb() - points.get(0).reading().rssMb();
    }

    /** Writes both files into {@code dir} (created if missing). */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, List<Point>> e : curves.entrySet()) {
            for (Point p : e.getValue()) {
                MemoryProbe.Reading r = p.reading();
                rows.add(new String[] {e.getKey(), Long.toString(p.iteration()), mb(r.rssMb()), mb(r.peakRssMb()),
                        mb(r.heapUsedMb()), mb(r.heapCommittedMb())});
            }
        }
        Csv.write(dir.resolve(CSV), List.of("workload", "iteration", "rss_mb", "peak_rss_mb", "heap_used_mb", "heap_committed_mb"), rows);
        XYChart chart = new XYChartBuilder().width(900).height(420).title("Memory of the gan4j JVM over training iterations")
                .xAxisTitle("iteration").yAxisTitle("MB").build();
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setYAxisMin(0.0); // growth is judged against the whole, not a zoomed-in axis
        for (Map.Entry<String, List<Point>> e : curves.entrySet()) {
            List<Point> ps = e.getValue();
            double[] x = ps.stream().mapToDouble(Point::iteration).toArray();
            chart.addSeries(e.getKey() + " RSS", x, ps.stream().mapToDouble(p -> p.reading().rssMb()).toArray())
                    .setMarker(SeriesMarkers.CIRCLE);
            chart.addSeries(e.getKey() + " Java heap committed", x, ps.stream().mapToDouble(p -> p.reading().heapCommittedMb()).toArray())
                    .setMarker(SeriesMarkers.NONE);
        }
        AtomicFiles.write(dir.resolve(PNG), out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static String mb(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}

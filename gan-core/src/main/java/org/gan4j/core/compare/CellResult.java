package org.gan4j.core.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.core.csv.Csv;
import org.gan4j.core.metrics.ModeCoverageSpec;
import org.gan4j.core.metrics.classifier.ClassifierFidSpec;
import org.gan4j.core.train.output.ManifestWriter;
import org.gan4j.core.train.output.MetricsCsvWriter;
import org.gan4j.core.train.output.MetricsEvaluator;

/**
 * What one cell's run directory holds, read back for the summary: status, final metric values,
 * metric values over epochs, the loss log, and the health diagnostics derived from them.
 *
 * @param cell        the cell
 * @param directory   its run directory
 * @param status      the manifest's status ({@code missing} without a manifest)
 * @param seconds     training wall time from the manifest, NaN when unknown
 * @param finals      final values by {@code metric.value} (e.g. {@code mode-coverage.modes})
 * @param overTime    by {@code metric.value}: rows of {iteration, value}; iterations, not epochs, so losses taking
 *                    several critic steps per generator step are compared at equal generator steps
 * @param losses      rows of {iteration, d_loss, g_loss, d_fake, g_grad_norm} from metrics.csv
 * @param flags       health diagnostics, e.g. "diverged", "mode collapse", "vanishing G gradient"
 */
public record CellResult(Cell cell, Path directory, String status, double seconds, Map<String, Double> finals,
                         Map<String, List<double[]>> overTime, List<double[]> losses, List<String> flags) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Below this fraction of its early mean, G's gradient norm counts as vanished. */
    static final double VANISHED = 0.01;
    /** Mean D(G(z)) below this, with a vanished gradient, means D wins outright. */
    static final double D_FAKE_LOW = 0.05;
    /** Below this share (%) of high-quality samples, low mode coverage is "off the modes", not "mode collapse". */
    static final double FEW_HIGH_QUALITY = 10;

    /** Reads a cell's run directory (missing files give empty parts). */
    public static CellResult read(Cell cell, Path dir) {
        JsonNode manifest = json(dir.resolve(ManifestWriter.FILE));
        String status = manifest == null ? "missing" : manifest.path("status").asText("unknown");
        double seconds = manifest == null ? Double.NaN : manifest.path("seconds").asDouble(Double.NaN);
        Map<String, Double> finals = new LinkedHashMap<>();
        JsonNode evaluation = json(dir.resolve(MetricsEvaluator.JSON));
        if (evaluation != null) {
            for (Iterator<Map.Entry<String, JsonNode>> m = evaluation.path("metrics").fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> metric = m.next();
                for (Iterator<Map.Entry<String, JsonNode>> v = metric.getValue().fields(); v.hasNext(); ) {
                    Map.Entry<String, JsonNode> value = v.next();
                    finals.put(metric.getKey() + "." + value.getKey(), value.getValue().isNumber() ? value.getValue().asDouble() : Double.NaN);
                }
            }
        }
        Map<String, List<double[]>> overTime = new LinkedHashMap<>();
        for (String[] row : Csv.rows(dir.resolve(MetricsEvaluator.CSV))) {
            if (row.length == 5) {
                overTime.computeIfAbsent(row[2] + "." + row[3], k -> new ArrayList<>())
                        .add(new double[] {parse(row[1]), parse(row[4])});
            }
        }
        List<double[]> losses = new ArrayList<>();
        List<String[]> rows = Csv.rows(dir.resolve(MetricsCsvWriter.FILE));
        // iteration,epoch,d_loss,g_loss,d_real,d_fake,g_grad_norm,d_grad_norm
        for (String[] row : rows) {
            if (row.length >= 7) {
                losses.add(new double[] {parse(row[0]), parse(row[2]), parse(row[3]), parse(row[5]), parse(row[6])});
            }
        }
        return new CellResult(cell, dir, status, seconds, finals, overTime, losses, diagnose(status, finals, overTime, losses));
    }

    /** The health flags of a run; see docs/comparing.md for the rules. */
    static List<String> diagnose(String status, Map<String, Double> finals, Map<String, List<double[]>> overTime, List<double[]> losses) {
        List<String> flags = new ArrayList<>();
        boolean nonFinite = losses.stream().anyMatch(r -> !Double.isFinite(r[1]) || !Double.isFinite(r[2]));
        boolean exploding = false;
        if (!losses.isEmpty()) {
            double early = meanAbs(losses.subList(0, Math.max(1, losses.size() / 10)), 1, 2);
            double late = meanAbs(losses.subList(losses.size() - Math.max(1, losses.size() / 10), losses.size()), 1, 2);
            exploding = Double.isFinite(early) && late > 100 * Math.max(early, 1e-3);
        }
        if (status.equals("diverged") || nonFinite || exploding) {
            flags.add("diverged");
        }
        if (losses.size() >= 2) {
            int tenth = Math.max(1, losses.size() / 10);
            double earlyGrad = mean(losses.subList(0, tenth), 4);
            double lateGrad = mean(losses.subList(losses.size() - tenth, losses.size()), 4);
            double lateFake = mean(losses.subList(losses.size() - tenth, losses.size()), 3);
            if (earlyGrad > 0 && lateGrad < VANISHED * earlyGrad && lateFake >= 0 && lateFake < D_FAKE_LOW) {
                flags.add("vanishing G gradient");
            }
        }
        for (Map.Entry<String, List<double[]>> series : overTime.entrySet()) {
            // Coverage values come with their total: mode-coverage's modes of total-modes, classifier-fid's classes of total-classes.
            String total = coverageTotal(series.getKey());
            List<double[]> values = series.getValue();
            if (total == null || values.isEmpty()) {
                continue;
            }
            double all = finals.getOrDefault(total, Double.NaN);
            double last = values.get(values.size() - 1)[1];
            double peak = values.stream().mapToDouble(v -> v[1]).max().orElse(0);
            if (Double.isFinite(all) && last <= all / 2) {
                flags.add(offTheModes(series.getKey(), finals) ? "off the modes" : "mode collapse");
            } else if (peak > 0 && last < 0.75 * peak) {
                flags.add("mode coverage dropped");
            }
        }
        return flags;
    }

    /**
     * Whether few modes are covered because most samples are on none of them (a generator spread
     * over the plane, not yet fitted: WGAN with weight clipping on the ring) rather than because
     * they crowd onto a few (collapse): mode-coverage's final high-quality share below
     * {@value #FEW_HIGH_QUALITY}%.
     */
    private static boolean offTheModes(String modesKey, Map<String, Double> finals) {
        if (!modesKey.endsWith("." + ModeCoverageSpec.MODES)) {
            return false;
        }
        String metric = modesKey.substring(0, modesKey.length() - ModeCoverageSpec.MODES.length());
        return finals.getOrDefault(metric + ModeCoverageSpec.HIGH_QUALITY, Double.NaN) < FEW_HIGH_QUALITY;
    }

    /** The key of the total that {@code key} counts coverage of, e.g. {@code m.total-modes} for {@code m.modes}; null if none. */
    private static String coverageTotal(String key) {
        for (String[] pair : new String[][] {{ModeCoverageSpec.MODES, ModeCoverageSpec.TOTAL},
                {ClassifierFidSpec.CLASSES, ClassifierFidSpec.TOTAL_CLASSES}}) {
            if (key.endsWith("." + pair[0])) {
                return key.substring(0, key.length() - pair[0].length()) + pair[1];
            }
        }
        return null;
    }

    private static double mean(List<double[]> rows, int column) {
        double sum = 0;
        int n = 0;
        for (double[] r : rows) {
            if (Double.isFinite(r[column])) {
                sum += r[column];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double meanAbs(List<double[]> rows, int a, int b) {
        double sum = 0;
        int n = 0;
        for (double[] r : rows) {
            if (Double.isFinite(r[a]) && Double.isFinite(r[b])) {
                sum += Math.abs(r[a]) + Math.abs(r[b]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static JsonNode json(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether a run directory holds a completed run. */
    public static boolean completed(Path dir) {
        JsonNode manifest = json(dir.resolve(ManifestWriter.FILE));
        return manifest != null && "completed".equals(manifest.path("status").asText());
    }
}

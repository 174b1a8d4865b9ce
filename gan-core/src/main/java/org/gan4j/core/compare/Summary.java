package org.gan4j.core.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.gan4j.core.csv.Csv;
import org.gan4j.core.image.AtomicFiles;

/**
 * The cells grouped into variants (cells that differ only in the averaged axes), each final metric
 * as mean ± sample std over the variant's cells, and the variants ranked by {@code rankBy}.
 *
 * @param experiment the experiment
 * @param keys       every {@code metric.value} reported, in first-seen order
 * @param rankBy     the key variants are ranked by (null when no metric was reported)
 * @param variants   the variants, best first: by {@code rankBy}, a tie broken by the other keys in
 *                   order (each its own way round); variants equal in all of them share a rank
 */
public record Summary(Experiment experiment, List<String> keys, String rankBy, List<Variant> variants) {

    /** The file names written next to the report. */
    public static final String CSV = "summary.csv";
    public static final String JSON = "summary.json";

    /**
     * One variant.
     *
     * @param name  e.g. {@code loss.type=minimax}
     * @param rank  1-based rank; equal for variants equal in every value (1, 1, 3)
     * @param cells its cells (one per seed)
     * @param stats by key
     * @param flags health flag to the number of its cells that raised it
     */
    public record Variant(String name, int rank, List<CellResult> cells, Map<String, Stat> stats, Map<String, Integer> flags) {

        /** How many of its cells completed. */
        public long completed() {
            return cells.stream().filter(c -> c.status().equals("completed")).count();
        }
    }

    /**
     * Groups and ranks.
     *
     * @param higherIsBetter whether a larger value of (metric, value name) is better
     */
    public static Summary of(Experiment experiment, List<CellResult> cells, BiPredicate<String, String> higherIsBetter) {
        Set<String> keys = new LinkedHashSet<>();
        Map<String, List<CellResult>> groups = new LinkedHashMap<>();
        for (CellResult c : cells) {
            keys.addAll(c.finals().keySet());
            groups.computeIfAbsent(c.cell().variant(), k -> new ArrayList<>()).add(c);
        }
        String rankBy = experiment.rankBy() != null ? experiment.rankBy() : keys.stream().findFirst().orElse(null);
        List<Variant> unranked = new ArrayList<>();
        groups.forEach((name, group) -> {
            Map<String, Stat> stats = new LinkedHashMap<>();
            for (String key : keys) {
                stats.put(key, Stat.of(group.stream().map(c -> c.finals().getOrDefault(key, Double.NaN)).toList()));
            }
            Map<String, Integer> flags = new LinkedHashMap<>();
            for (CellResult c : group) {
                c.flags().forEach(f -> flags.merge(f, 1, Integer::sum));
            }
            unranked.add(new Variant(name, 0, group, stats, flags));
        });
        List<Variant> sorted = new ArrayList<>(unranked);
        Comparator<Variant> order = (a, b) -> 0;
        if (rankBy != null) {
            // rankBy first, then each other value in report order, each its own way round.
            List<String> tieBreakers = new ArrayList<>(List.of(rankBy));
            keys.stream().filter(k -> !k.equals(rankBy)).forEach(tieBreakers::add);
            for (String key : tieBreakers) {
                order = order.thenComparing(byMean(key, higherIsBetter));
            }
            sorted.sort(order); // stable: variants equal in every value keep the grid's order
        }
        List<Variant> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Variant v = sorted.get(i);
            // Equal in every value: a tie, shown as the same rank (1, 1, 3).
            boolean tie = rankBy != null && i > 0 && order.compare(sorted.get(i - 1), v) == 0;
            int rank = tie ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new Variant(v.name(), rank, v.cells(), v.stats(), v.flags()));
        }
        return new Summary(experiment, List.copyOf(keys), rankBy, ranked);
    }

    /** Better means first; a value missing or not finite comes last. */
    private static Comparator<Variant> byMean(String key, BiPredicate<String, String> higherIsBetter) {
        int dot = key.lastIndexOf('.');
        boolean higher = dot < 0 || higherIsBetter.test(key.substring(0, dot), key.substring(dot + 1));
        return Comparator.comparingDouble(v -> {
            Stat s = v.stats().get(key);
            double m = s == null ? Double.NaN : s.mean();
            return Double.isFinite(m) ? (higher ? -m : m) : Double.POSITIVE_INFINITY;
        });
    }

    /**
     * Whether larger is better for (metric name, value name), asked of the cells' metric specs
     * ({@link org.gan4j.api.spi.MetricSpec#higherIsBetter}); true for metrics no cell configures.
     *
     * @param mapper the registry's mapper, which writes a spec's {@code type}
     */
    public static BiPredicate<String, String> directions(List<Cell> cells, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        Map<String, org.gan4j.api.spi.MetricSpec> specs = new LinkedHashMap<>();
        for (Cell cell : cells) {
            for (org.gan4j.api.spi.MetricSpec spec : cell.config().metrics()) {
                String type = mapper.valueToTree(spec).path("type").asText(spec.getClass().getSimpleName());
                specs.putIfAbsent(type, spec);
            }
        }
        return (metric, value) -> {
            org.gan4j.api.spi.MetricSpec spec = specs.get(metric.replaceAll("#\\d+$", ""));
            return spec == null || spec.higherIsBetter(value);
        };
    }

    /** Writes {@value #CSV} (one row per variant: rank, variant, cells, completed, then mean and std of each key, flags) and {@value #JSON}. */
    public void write(Path dir) {
        List<String> header = new ArrayList<>(List.of("rank", "variant", "cells", "completed"));
        for (String key : keys) {
            header.add(key + "_mean");
            header.add(key + "_std");
        }
        header.add("flags");
        List<String[]> rows = new ArrayList<>();
        for (Variant v : variants) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(v.rank()), v.name(), Integer.toString(v.cells().size()),
                    Long.toString(v.completed())));
            for (String key : keys) {
                Stat s = v.stats().get(key);
                row.add(number(s.mean()));
                row.add(number(s.std()));
            }
            row.add(flagText(v.flags(), v.cells().size()));
            rows.add(row.toArray(String[]::new));
        }
        Csv.write(dir.resolve(CSV), header, rows);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("experiment", experiment.name());
        root.put("file", experiment.file().toAbsolutePath().normalize().toString());
        root.put("rankBy", rankBy);
        ArrayNode list = root.putArray("variants");
        for (Variant v : variants) {
            ObjectNode node = list.addObject();
            node.put("rank", v.rank());
            node.put("variant", v.name());
            ObjectNode stats = node.putObject("metrics");
            v.stats().forEach((key, s) -> {
                ObjectNode stat = stats.putObject(key);
                putNumber(stat, "mean", s.mean());
                putNumber(stat, "std", s.std());
                stat.put("n", s.n());
            });
            ObjectNode flags = node.putObject("flags");
            v.flags().forEach(flags::put);
            ArrayNode cells = node.putArray("cells");
            for (CellResult c : v.cells()) {
                ObjectNode cell = cells.addObject();
                cell.put("name", c.cell().name());
                cell.put("directory", dir.relativize(c.directory()).toString());
                cell.put("status", c.status());
                putNumber(cell, "seconds", c.seconds());
                ObjectNode finals = cell.putObject("metrics");
                c.finals().forEach((k, value) -> putNumber(finals, k, value));
                ArrayNode f = cell.putArray("flags");
                c.flags().forEach(f::add);
            }
        }
        AtomicFiles.write(dir.resolve(JSON), out -> mapper.writerWithDefaultPrettyPrinter().writeValue(out, root));
    }

    /** "diverged 2/5, mode collapse 1/5", or "" when healthy. */
    static String flagText(Map<String, Integer> flags, int cells) {
        List<String> parts = new ArrayList<>();
        flags.forEach((f, n) -> parts.add(f + " " + n + "/" + cells));
        return String.join(", ", parts);
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}

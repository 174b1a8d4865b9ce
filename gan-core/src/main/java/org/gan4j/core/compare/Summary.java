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
 * The cells grouped into variants (cells that differ only in the averaged axes, and with a search the
 * trial), each final metric as mean ± sample std over the variant's cells, and the variants ranked by
 * {@code rankBy}: by its mean, or with a search by the variant's best trial ({@link SearchResult}).
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
     * @param search its trials, best and intervals; null when the experiment has no search
     */
    public record Variant(String name, int rank, List<CellResult> cells, Map<String, Stat> stats, Map<String, Integer> flags,
                          SearchResult search) {

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
        int dot = rankBy == null ? -1 : rankBy.lastIndexOf('.');
        boolean higher = dot < 0 || higherIsBetter.test(rankBy.substring(0, dot), rankBy.substring(dot + 1));
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
            SearchResult search = experiment.search() == null ? null : SearchResult.of(name, group, rankBy, higher);
            unranked.add(new Variant(name, 0, group, stats, flags, search));
        });
        List<Variant> sorted = new ArrayList<>(unranked);
        Comparator<Variant> order = (a, b) -> 0;
        if (rankBy != null) {
            if (experiment.search() != null) {
                // with a search: by the best trial first, then as without one
                order = order.thenComparingDouble(v -> {
                    double m = v.search().best();
                    return Double.isFinite(m) ? (higher ? -m : m) : Double.POSITIVE_INFINITY;
                });
            }
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
            ranked.add(new Variant(v.name(), rank, v.cells(), v.stats(), v.flags(), v.search()));
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
        boolean search = experiment.search() != null;
        if (search) {
            header.addAll(List.of("trials", "scored_trials", "best", "best_ci_low", "best_ci_high", "median", "median_ci_low",
                    "median_ci_high", "best_trial", "best_settings", "indistinguishable_from"));
        }
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
            if (search) {
                SearchResult r = v.search();
                row.addAll(List.of(Integer.toString(r.trials().size()), Long.toString(r.scored()), number(r.best()), number(r.bestCi()[0]),
                        number(r.bestCi()[1]), number(r.median()), number(r.medianCi()[0]), number(r.medianCi()[1]),
                        r.bestTrial() == null ? "" : Integer.toString(r.bestTrial().number()),
                        r.bestTrial() == null ? "" : settingsText(r.bestTrial().settings()), String.join(" ", indistinguishable(v))));
            }
            rows.add(row.toArray(String[]::new));
        }
        Csv.write(dir.resolve(CSV), header, rows);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("experiment", experiment.name());
        root.put("file", experiment.file().toAbsolutePath().normalize().toString());
        root.put("rankBy", rankBy);
        if (experiment.search() != null) {
            ArrayNode verdicts = root.putArray("verdicts");
            verdicts().forEach(verdicts::add);
        }
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
            if (v.search() != null) {
                searchJson(node.putObject("search"), v);
            }
            ArrayNode cells = node.putArray("cells");
            for (CellResult c : v.cells()) {
                ObjectNode cell = cells.addObject();
                cell.put("name", c.cell().name());
                cell.put("directory", dir.relativize(c.directory()).toString());
                cell.put("status", c.status());
                if (c.cell().trial() > 0) {
                    cell.put("trial", c.cell().trial());
                }
                putNumber(cell, "seconds", c.seconds());
                ObjectNode finals = cell.putObject("metrics");
                c.finals().forEach((k, value) -> putNumber(finals, k, value));
                ArrayNode f = cell.putArray("flags");
                c.flags().forEach(f::add);
            }
        }
        AtomicFiles.write(dir.resolve(JSON), out -> mapper.writerWithDefaultPrettyPrinter().writeValue(out, root));
    }

    /**
     * The other variants whose best this one's cannot be told apart from (the 95% bootstrap interval of
     * the difference contains 0, or a side has too few scored trials); empty without a search.
     */
    public List<String> indistinguishable(Variant v) {
        List<String> names = new ArrayList<>();
        if (v.search() == null) {
            return names;
        }
        for (Variant o : variants) {
            if (o != v && o.search() != null && !SearchResult.apart(v.search().difference(o.search()))) {
                names.add(o.name());
            }
        }
        return names;
    }

    /**
     * With a search, sentences saying which variants cannot be told apart (each pair once, the better
     * ranked first), or that every pair can; empty without a search or with one variant.
     */
    public List<String> verdicts() {
        List<String> verdicts = new ArrayList<>();
        if (experiment.search() == null || variants.size() < 2) {
            return verdicts;
        }
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            List<String> same = variants.subList(i + 1, variants.size()).stream().filter(o -> indistinguishable(v).contains(o.name()))
                    .map(Variant::name).toList();
            if (!same.isEmpty()) {
                verdicts.add(v.rank() + ". " + v.name() + " cannot be told apart from " + String.join(", ", same)
                        + ": the 95% bootstrap interval of the difference of their best scores contains 0"
                        + " (or a side has fewer than " + SearchResult.MIN_TRIALS + " scored trials).");
            }
        }
        if (verdicts.isEmpty()) {
            verdicts.add("Every pair of variants is told apart: no 95% bootstrap interval of a difference of best scores contains 0.");
        }
        return verdicts;
    }

    private void searchJson(ObjectNode node, Variant v) {
        SearchResult r = v.search();
        node.put("trials", r.trials().size());
        node.put("scoredTrials", r.scored());
        node.put("higherIsBetter", r.higher());
        putNumber(node, "best", r.best());
        ArrayNode bestCi = node.putArray("bestCi95");
        bestCi.add(jsonNumber(r.bestCi()[0])).add(jsonNumber(r.bestCi()[1]));
        putNumber(node, "median", r.median());
        ArrayNode medianCi = node.putArray("medianCi95");
        medianCi.add(jsonNumber(r.medianCi()[0])).add(jsonNumber(r.medianCi()[1]));
        if (r.bestTrial() != null) {
            node.put("bestTrial", r.bestTrial().number());
            ObjectNode settings = node.putObject("bestSettings");
            r.bestTrial().settings().forEach(settings::set);
        }
        ArrayNode apart = node.putArray("indistinguishableFrom");
        indistinguishable(v).forEach(apart::add);
        ArrayNode curve = node.putArray("bestSoFar");
        for (int k = 0; k < r.bestSoFar().length; k++) {
            ObjectNode point = curve.addObject();
            point.put("trials", k + 1);
            putNumber(point, "observed", r.bestSoFar()[k]);
            putNumber(point, "low", r.band()[k][0]);
            putNumber(point, "median", r.band()[k][1]);
            putNumber(point, "high", r.band()[k][2]);
        }
        ArrayNode trials = node.putArray("trialScores");
        for (SearchResult.Trial t : r.trials()) {
            ObjectNode trial = trials.addObject();
            trial.put("trial", t.number());
            putNumber(trial, "score", t.score());
            ObjectNode settings = trial.putObject("settings");
            t.settings().forEach(settings::set);
        }
    }

    /** A trial's settings as one line, e.g. {@code optimizer.generator.lr=0.0003 loss.lambda=12}. */
    public static String settingsText(Map<String, com.fasterxml.jackson.databind.JsonNode> settings) {
        List<String> parts = new ArrayList<>();
        settings.forEach((k, value) -> parts.add(k + "=" + valueText(value)));
        return String.join(" ", parts);
    }

    /** A drawn value as it would be written in a config: {@code 0.0002} as {@code 2e-4}, text and sections as {@link Grid#label}. */
    static String valueText(com.fasterxml.jackson.databind.JsonNode value) {
        if (value.isFloatingPointNumber()) {
            java.math.BigDecimal d = java.math.BigDecimal.valueOf(value.asDouble()).stripTrailingZeros();
            return (Math.abs(value.asDouble()) >= 1e-3 && Math.abs(value.asDouble()) < 1e6 ? d.toPlainString() : d.toString())
                    .replace("E", "e").replace("e+", "e");
        }
        return Grid.label(value);
    }

    private static com.fasterxml.jackson.databind.JsonNode jsonNumber(double v) {
        return Double.isFinite(v) ? com.fasterxml.jackson.databind.node.DoubleNode.valueOf(v)
                : com.fasterxml.jackson.databind.node.NullNode.getInstance();
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

package org.gan4j.core.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.config.ConfigReader;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.plugin.ComponentRegistry;

/**
 * Expands an experiment into its cells: the Cartesian product of the axes (the first axis varies
 * slowest), each a copy of the base config with the axis paths set. A path is a dotted list of
 * field names ({@code schedule.discriminatorSteps}), with a number selecting a list element
 * ({@code generator.hidden.0}); missing sections on the way are created. Setting a {@code type}
 * replaces its whole section ({@code loss.type: wasserstein} drops the settings of the base's loss,
 * which belong to another type); to vary a section with its settings give whole sections as values:
 * {@code loss: [{type: minimax}, {type: wasserstein, clip: 0.01}]}.
 */
public final class Grid {

    private Grid() {
    }

    /**
     * All cells, each config validated; errors name the experiment file, the cell and the axis (with
     * a search: the variant and the search key). With a search the cells come trial by trial (every
     * variant's first trial, then every variant's second, ...), so an interrupted search leaves the
     * variants with equally many trials.
     */
    public static List<Cell> expand(Experiment experiment, ComponentRegistry registry) {
        List<Map<String, JsonNode>> assignments = new ArrayList<>();
        assignments.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<JsonNode>> axis : experiment.axes().entrySet()) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> partial : assignments) {
                for (JsonNode value : axis.getValue()) {
                    Map<String, JsonNode> a = new LinkedHashMap<>(partial);
                    a.put(axis.getKey(), value);
                    next.add(a);
                }
            }
            assignments = next;
        }
        Search search = experiment.search();
        checkBudget(experiment);
        Map<String, Map<String, Distribution>> spaces = search == null ? Map.of() : spaces(experiment, assignments, registry);
        List<Cell> cells = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int trial = search == null ? 0 : 1; trial <= (search == null ? 0 : search.trials()); trial++) {
            for (Map<String, JsonNode> a : assignments) {
                String variant = name(a, experiment.average());
                Map<String, JsonNode> settings = search == null ? Map.of() : search.draw(trial, spaces.get(variant));
                ObjectNode tree = variantTree(experiment, a);
                settings.forEach((path, value) -> set(tree, path, value, experiment, "variant " + variant + ", search key " + path));
                if (experiment.budget() != null) {
                    set(tree, experiment.budget().path(), experiment.budget().value(), experiment, "budget (" + experiment.budget().path() + ")");
                }
                String name = search == null ? name(a, List.of()) : trialName(a, experiment.average(), Search.label(trial, settings));
                if (names.contains(name)) {
                    throw Experiment.bad(experiment.file(), "two cells get the same directory name '" + name
                            + "' (values that differ only in characters outside letters, digits and . - _); make the axis values distinct");
                }
                names.add(name);
                tree.put("name", name);
                RunConfig config;
                try {
                    config = ConfigReader.fromTree(tree, experiment.file() + " (cell " + name + ")", name, registry);
                } catch (Gan4jException e) {
                    throw Gan4jException.badInput("The experiment " + experiment.file() + " makes an invalid config for the cell "
                            + name + " (" + (search == null ? "axes " + String.join(", ", a.keySet())
                            : "variant " + variant + ", search keys " + String.join(", ", settings.keySet())) + "): " + e.getMessage(), e);
                }
                cells.add(new Cell(name, variant, a, tree, config, trial, settings));
            }
        }
        checkRankBy(experiment, cells, registry);
        return cells;
    }

    /** The base config with the cell's axis values set. */
    private static ObjectNode variantTree(Experiment experiment, Map<String, JsonNode> assignment) {
        ObjectNode tree = experiment.base().deepCopy();
        tree.remove("name");
        for (Map.Entry<String, JsonNode> e : assignment.entrySet()) {
            set(tree, e.getKey(), e.getValue(), experiment);
        }
        return tree;
    }

    /** The budget's path is neither an axis nor a search key. */
    private static void checkBudget(Experiment experiment) {
        Budget budget = experiment.budget();
        if (budget == null) {
            return;
        }
        for (String axis : experiment.axes().keySet()) {
            if (overlaps(axis, budget.path())) {
                throw Experiment.bad(experiment.file(), "axes." + axis + ": the budget sets " + budget.path()
                        + " for every run; vary it in one place only (remove the axis or the budget)");
            }
        }
    }

    /**
     * Each variant's search space, checked: every selector names some variant; a key is neither an
     * axis nor the budget; it lies in a section the variant's config has and is a field there (set
     * to trial 1's value, the config must read).
     */
    private static Map<String, Map<String, Distribution>> spaces(Experiment experiment, List<Map<String, JsonNode>> assignments,
                                                                 ComponentRegistry registry) {
        Search search = experiment.search();
        Map<String, Map<String, JsonNode>> variants = new LinkedHashMap<>();
        for (Map<String, JsonNode> a : assignments) {
            variants.putIfAbsent(name(a, experiment.average()), a);
        }
        for (String selector : search.variants().keySet()) {
            if (variants.keySet().stream().noneMatch(v -> Search.matches(selector, v))) {
                throw Experiment.bad(experiment.file(), "variant " + selector + " (search.variants." + selector + "): no variant of "
                        + "the experiment matches it; the variants are " + String.join("; ", variants.keySet())
                        + " (a selector is path=value, or several joined by commas)");
            }
        }
        Map<String, Map<String, Distribution>> spaces = new LinkedHashMap<>();
        variants.forEach((variant, a) -> {
            Map<String, Distribution> space = search.spaceOf(variant);
            if (space.isEmpty()) {
                throw Experiment.bad(experiment.file(), "variant " + variant + ": no search key applies to it, so its "
                        + search.trials() + " trials would be the same run; give it keys in search.space or search.variants");
            }
            ObjectNode tree = variantTree(experiment, a);
            Map<String, JsonNode> first = search.draw(1, space);
            for (String key : space.keySet()) {
                String where = "variant " + variant + ", search key " + key + ": ";
                for (String axis : experiment.axes().keySet()) {
                    if (key.equals(axis) || axis.startsWith(key + ".")) {
                        throw Experiment.bad(experiment.file(), where + "it would replace the axis " + axis
                                + "; search a field of the axis's section, or take the axis out");
                    }
                }
                if (experiment.budget() != null && overlaps(key, experiment.budget().path())) {
                    throw Experiment.bad(experiment.file(), where + "the budget sets " + experiment.budget().path()
                            + " for every run, the same for every variant; do not search it");
                }
                String missing = missingSection(tree, key);
                if (missing != null) {
                    throw Experiment.bad(experiment.file(), where + "not a field of the variant's config: it has no section "
                            + missing + " (write the section, with its type, in the base config or an axis, so the search knows "
                            + "what it tunes)");
                }
                ObjectNode probe = tree.deepCopy();
                set(probe, key, first.get(key), experiment, "variant " + variant + ", search key " + key);
                try {
                    ConfigReader.fromTree(probe, experiment.file() + " (variant " + variant + ")", "probe", registry);
                } catch (Gan4jException e) {
                    throw Gan4jException.badInput(experiment.file() + ": " + where + "not a field of the variant's config, or not one "
                            + "that takes " + first.get(key) + " (" + space.get(key).text() + "): " + e.getMessage(), e);
                }
            }
            spaces.put(variant, space);
        });
        return spaces;
    }

    /** The first section on {@code path} (not counting its last part) that {@code tree} lacks, or null when all are there. */
    private static String missingSection(ObjectNode tree, String path) {
        String[] parts = path.split("\\.", -1);
        JsonNode node = tree;
        String at = "";
        for (int i = 0; i < parts.length - 1; i++) {
            at += (at.isEmpty() ? "" : ".") + parts[i];
            node = node.isArray() && parts[i].matches("\\d+") ? node.path(Integer.parseInt(parts[i])) : node.path(parts[i]);
            if (!node.isContainerNode()) {
                return at;
            }
        }
        return null;
    }

    /** Whether setting one path changes the other: equal, or one inside the other. */
    private static boolean overlaps(String a, String b) {
        return a.equals(b) || a.startsWith(b + ".") || b.startsWith(a + ".");
    }

    /** The variant's axes, the trial, then the averaged axes: {@code loss.type=hinge,trial=003-5f2c,seed=1}. */
    static String trialName(Map<String, JsonNode> assignment, List<String> average, String trial) {
        List<String> parts = new ArrayList<>();
        assignment.forEach((path, value) -> {
            if (!average.contains(path)) {
                parts.add(safe(path + "=" + label(value)));
            }
        });
        parts.add(trial);
        assignment.forEach((path, value) -> {
            if (average.contains(path)) {
                parts.add(safe(path + "=" + label(value)));
            }
        });
        return String.join(",", parts);
    }

    /**
     * {@code rankBy} must name {@code metric.value} of a metric every cell evaluates, and a value it
     * reports when the metric says its values in advance: found now, not after every cell has trained.
     */
    static void checkRankBy(Experiment experiment, List<Cell> cells, ComponentRegistry registry) {
        String rankBy = experiment.rankBy();
        if (rankBy == null) {
            return;
        }
        Map<String, org.gan4j.api.spi.MetricSpec> common = null;
        for (Cell cell : cells) {
            Map<String, org.gan4j.api.spi.MetricSpec> mine = new LinkedHashMap<>();
            for (org.gan4j.api.spi.MetricSpec m : cell.config().metrics()) {
                mine.putIfAbsent(registry.jsonMapper().valueToTree(m).path("type").asText(m.getClass().getSimpleName()), m);
            }
            if (common == null) {
                common = mine;
            } else {
                common.keySet().retainAll(mine.keySet());
            }
        }
        if (common == null || common.isEmpty()) {
            throw Experiment.bad(experiment.file(), "rankBy: '" + rankBy + "' ranks by a metric, but "
                    + (common == null ? "there are no cells" : "no metric is evaluated in every cell")
                    + "; add one to the base config, e.g. metrics: [{type: mode-coverage}], or remove rankBy");
        }
        int dot = rankBy.lastIndexOf('.');
        String metric = (dot < 0 ? rankBy : rankBy.substring(0, dot)).replaceAll("#\\d+$", ""); // a second metric of a type: type#2
        List<String> valid = new ArrayList<>();
        common.forEach((type, spec) -> {
            if (spec.valueNames().isEmpty()) {
                valid.add(type + ".<value>");
            } else {
                spec.valueNames().forEach(v -> valid.add(type + "." + v));
            }
        });
        org.gan4j.api.spi.MetricSpec spec = common.get(metric);
        String value = dot < 0 ? "" : rankBy.substring(dot + 1);
        if (dot < 0 || spec == null || value.isEmpty() || (!spec.valueNames().isEmpty() && !spec.valueNames().contains(value))) {
            throw Experiment.bad(experiment.file(), "rankBy: '" + rankBy + "' is not a value the cells report; write metric.value, one of "
                    + String.join(", ", valid));
        }
    }

    /** {@code path=value} pairs joined by commas, skipping {@code except}; "base" when nothing is left. */
    static String name(Map<String, JsonNode> assignment, List<String> except) {
        List<String> parts = new ArrayList<>();
        assignment.forEach((path, value) -> {
            if (!except.contains(path)) {
                parts.add(safe(path + "=" + label(value)));
            }
        });
        return parts.isEmpty() ? "all" : String.join(",", parts);
    }

    /** A value as a name: text and numbers as written, a section by its type (or its fields). */
    static String label(JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isObject() && value.size() == 1 && value.has("type")) {
            return value.get("type").asText();
        }
        return value.toString().replaceAll("[{}\"\\[\\]]", "").replace(':', '-');
    }

    /** Replaces every character outside {@code [A-Za-z0-9._=,+-]} by '_'. */
    static String safe(String s) {
        String r = s.replaceAll("[^A-Za-z0-9._=,+-]", "_");
        return r.startsWith(".") ? "_" + r.substring(1) : r;
    }

    /** Sets {@code path} in {@code tree} to {@code value} as described in the class comment. */
    static void set(ObjectNode tree, String path, JsonNode value, Experiment experiment) {
        set(tree, path, value, experiment, "axes." + path);
    }

    /** As {@link #set(ObjectNode, String, JsonNode, Experiment)}, an impossible path named as {@code where} in the error. */
    static void set(ObjectNode tree, String path, JsonNode value, Experiment experiment, String where) {
        String[] parts = path.split("\\.", -1);
        JsonNode node = tree;
        String at = "";
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                throw axisError(experiment, where, "the path has an empty part; write fields separated by single dots, e.g. loss.type");
            }
            boolean last = i == parts.length - 1;
            if (node instanceof ObjectNode object) {
                if (last) {
                    if (part.equals("type") && object.has("type") && !object.get("type").equals(value)) {
                        object.removeAll();
                    }
                    object.set(part, value.deepCopy());
                    return;
                }
                JsonNode child = object.get(part);
                if (child == null || child.isNull()) {
                    child = object.putObject(part);
                } else if (!child.isContainerNode()) {
                    throw axisError(experiment, where, (at + part) + " is " + child.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                            + " " + child + " in the base config, not a section, so it has no field '" + parts[i + 1] + "'");
                }
                node = child;
            } else if (node instanceof ArrayNode array) {
                int index;
                try {
                    index = Integer.parseInt(part);
                } catch (NumberFormatException e) {
                    throw axisError(experiment, where, at.substring(0, at.length() - 1) + " is a list; select an element by number, e.g. "
                            + at + "0");
                }
                if (index < 0 || index >= array.size()) {
                    throw axisError(experiment, where, at.substring(0, at.length() - 1) + " has " + array.size()
                            + " elements, so there is no element " + index);
                }
                if (last) {
                    array.set(index, value.deepCopy());
                    return;
                }
                node = array.get(index);
                if (!node.isContainerNode()) {
                    throw axisError(experiment, where, at + part + " is not a section, so it has no field '" + parts[i + 1] + "'");
                }
            }
            at += part + ".";
        }
    }

    private static Gan4jException axisError(Experiment experiment, String where, String what) {
        return Experiment.bad(experiment.file(), where + ": " + what);
    }
}

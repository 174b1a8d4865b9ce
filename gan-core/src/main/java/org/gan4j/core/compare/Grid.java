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

    /** All cells, each config validated; errors name the experiment file, the cell and the axis. */
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
        List<Cell> cells = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map<String, JsonNode> a : assignments) {
            ObjectNode tree = experiment.base().deepCopy();
            tree.remove("name");
            for (Map.Entry<String, JsonNode> e : a.entrySet()) {
                set(tree, e.getKey(), e.getValue(), experiment);
            }
            String name = name(a, List.of());
            if (names.contains(name)) {
                throw Experiment.bad(experiment.file(), "two cells get the same directory name '" + name
                        + "' (values that differ only in characters outside letters, digits and . - _); make the axis values distinct");
            }
            names.add(name);
            String variant = name(a, experiment.average());
            tree.put("name", name);
            RunConfig config;
            try {
                config = ConfigReader.fromTree(tree, experiment.file() + " (cell " + name + ")", name, registry);
            } catch (Gan4jException e) {
                throw Gan4jException.badInput("The experiment " + experiment.file() + " makes an invalid config for the cell "
                        + name + " (axes " + String.join(", ", a.keySet()) + "): " + e.getMessage(), e);
            }
            cells.add(new Cell(name, variant, a, tree, config));
        }
        checkRankBy(experiment, cells, registry);
        return cells;
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
        String[] parts = path.split("\\.", -1);
        JsonNode node = tree;
        String at = "";
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                throw axisError(experiment, path, "the path has an empty part; write fields separated by single dots, e.g. loss.type");
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
                    throw axisError(experiment, path, (at + part) + " is " + child.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                            + " " + child + " in the base config, not a section, so it has no field '" + parts[i + 1] + "'");
                }
                node = child;
            } else if (node instanceof ArrayNode array) {
                int index;
                try {
                    index = Integer.parseInt(part);
                } catch (NumberFormatException e) {
                    throw axisError(experiment, path, at.substring(0, at.length() - 1) + " is a list; select an element by number, e.g. "
                            + at + "0");
                }
                if (index < 0 || index >= array.size()) {
                    throw axisError(experiment, path, at.substring(0, at.length() - 1) + " has " + array.size()
                            + " elements, so there is no element " + index);
                }
                if (last) {
                    array.set(index, value.deepCopy());
                    return;
                }
                node = array.get(index);
                if (!node.isContainerNode()) {
                    throw axisError(experiment, path, at + part + " is not a section, so it has no field '" + parts[i + 1] + "'");
                }
            }
            at += part + ".";
        }
    }

    private static Gan4jException axisError(Experiment experiment, String path, String what) {
        return Experiment.bad(experiment.file(), "axes." + path + ": " + what);
    }
}

package org.gan4j.core.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.config.ConfigReader;
import org.gan4j.core.plugin.ComponentRegistry;

/**
 * An experiment file: a base run config and the axes to vary.
 *
 * <pre>
 * name: compare-losses-ring          # default: the file's name
 * base: ring-base.yaml               # a config file (relative to this file), or the config inline as a mapping
 * axes:                              # config field path: values; the grid is their Cartesian product
 *   loss.type: [minimax, non-saturating, wasserstein]
 *   seed: [1, 2, 3, 4, 5]
 * average: [seed]                    # axes whose cells are repeats of one variant (default: [seed])
 * rankBy: mode-coverage.modes        # metric.value the report ranks variants by (default: the first one)
 * output: runs                       # results go to <output>/<name>/ (default: runs)
 * search: {trials: 8, space: {optimizer.generator.lr: 'loguniform(1e-5, 1e-2)'}}   # optional, see {@link Search}
 * budget: {iterations: 1500}         # optional, or {seconds: 120}: every run's training budget, see {@link Budget}
 * </pre>
 *
 * @param file    the experiment file
 * @param name    the experiment's name
 * @param base    the base config tree
 * @param axes    field path to its values, in file order
 * @param average the axes averaged over
 * @param rankBy  {@code metric.value} to rank by, or null for the first reported
 * @param output  the parent of the experiment's directory
 * @param search  the hyperparameter search, or null for none
 * @param budget  every run's training budget, or null to train as the configs say
 */
public record Experiment(Path file, String name, ObjectNode base, Map<String, List<JsonNode>> axes, List<String> average,
                         String rankBy, String output, Search search, Budget budget) {

    private static final Set<String> FIELDS = Set.of("name", "base", "axes", "average", "rankBy", "output", "search", "budget");

    /** An experiment without search or budget. */
    public Experiment(Path file, String name, ObjectNode base, Map<String, List<JsonNode>> axes, List<String> average,
                      String rankBy, String output) {
        this(file, name, base, axes, average, rankBy, output, null, null);
    }

    /** Reads and checks an experiment file (YAML or JSON), {@code ${VAR}} interpolated. */
    public static Experiment read(Path file, ComponentRegistry registry) {
        JsonNode root = ConfigReader.readTree(file, registry);
        if (!root.isObject()) {
            throw bad(file, "the experiment file must be a mapping with base and axes");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw bad(file, "unknown field '" + field + "'. Valid fields: " + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
        String name = root.path("name").asText(baseName(file));
        if (!Grid.safe(name).equals(name) || org.gan4j.core.config.RunNames.problem(name).isPresent()) {
            throw bad(file, "name: '" + org.gan4j.core.config.RunNames.printable(name) + "' is not a safe directory name"
                    + org.gan4j.core.config.RunNames.problem(name).map(p -> " (it " + p + ")").orElse("")
                    + "; use letters, digits, '.', '-' and '_'");
        }
        JsonNode baseNode = root.path("base");
        ObjectNode base;
        if (baseNode.isTextual()) {
            Path baseFile = file.toAbsolutePath().getParent().resolve(baseNode.asText()).normalize();
            JsonNode tree = ConfigReader.readTree(baseFile, registry);
            if (!tree.isObject()) {
                throw bad(baseFile, "the base config must be a mapping of sections");
            }
            base = (ObjectNode) tree;
        } else if (baseNode.isObject()) {
            base = (ObjectNode) baseNode;
        } else {
            throw bad(file, "base: give the base config as a file name (relative to the experiment file) or inline as a mapping");
        }
        JsonNode axesNode = root.path("axes");
        if (axesNode.isMissingNode() && root.has("search")) {
            axesNode = ((ObjectNode) root).objectNode(); // one variant, searched
        } else if (!axesNode.isObject() || axesNode.isEmpty()) {
            throw bad(file, "axes: give at least one axis as 'field.path: [value, value, ...]', e.g. 'loss.type: [minimax, wasserstein]'");
        }
        Map<String, List<JsonNode>> axes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = axesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> axis = it.next();
            if (!axis.getValue().isArray() || axis.getValue().isEmpty()) {
                throw bad(file, "axes." + axis.getKey() + ": give the values as a non-empty list, e.g. [1, 2, 3]");
            }
            List<JsonNode> values = new ArrayList<>();
            axis.getValue().forEach(values::add);
            axes.put(axis.getKey(), values);
        }
        List<String> average = new ArrayList<>();
        JsonNode averageNode = root.path("average");
        if (averageNode.isMissingNode()) {
            if (axes.containsKey("seed")) {
                average.add("seed");
            }
        } else {
            if (!averageNode.isArray()) {
                throw bad(file, "average: give a list of axes, e.g. [seed]");
            }
            for (JsonNode a : averageNode) {
                if (!axes.containsKey(a.asText())) {
                    throw bad(file, "average: '" + a.asText() + "' is not one of the axes (" + String.join(", ", axes.keySet()) + ")");
                }
                average.add(a.asText());
            }
        }
        String rankBy = root.hasNonNull("rankBy") ? root.get("rankBy").asText() : null;
        String output = root.path("output").asText("runs");
        Search search = root.has("search") ? Search.read(file, root.get("search")) : null;
        Budget budget = root.has("budget") ? Budget.read(file, root.get("budget")) : null;
        return new Experiment(file, name, base, axes, List.copyOf(average), rankBy, output, search, budget);
    }

    static Gan4jException bad(Path file, String message) {
        return Gan4jException.badInput(file + ": " + message + ".");
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}

package org.gan4j.core.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.gan4j.core.config.RunConfig;

/**
 * One point of an experiment's grid: one run.
 *
 * @param name       the cell's directory name, e.g. {@code loss.type=minimax,seed=1}, or with a search
 *                   {@code loss.type=minimax,trial=003-5f2c,seed=1}
 * @param variant    the name without the averaged axes and the trial, e.g. {@code loss.type=minimax}
 * @param assignment axis path to the value it takes in this cell, in axis order
 * @param tree       the cell's config tree
 * @param config     the validated, resolved config (named after the cell)
 * @param trial      the search trial (1-based), or 0 when the experiment has no search
 * @param settings   the trial's drawn values by config path, in the search space's order (empty without a search)
 */
public record Cell(String name, String variant, Map<String, JsonNode> assignment, ObjectNode tree, RunConfig config,
                   int trial, Map<String, JsonNode> settings) {

    /** A cell of an experiment without search. */
    public Cell(String name, String variant, Map<String, JsonNode> assignment, ObjectNode tree, RunConfig config) {
        this(name, variant, assignment, tree, config, 0, Map.of());
    }
}

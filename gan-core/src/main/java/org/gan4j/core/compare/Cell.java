package org.gan4j.core.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.gan4j.core.config.RunConfig;

/**
 * One point of an experiment's grid.
 *
 * @param name       the cell's directory name, e.g. {@code loss.type=minimax,seed=1}
 * @param variant    the name without the averaged axes, e.g. {@code loss.type=minimax}
 * @param assignment axis path to the value it takes in this cell, in axis order
 * @param tree       the cell's config tree
 * @param config     the validated, resolved config (named after the cell)
 */
public record Cell(String name, String variant, Map<String, JsonNode> assignment, ObjectNode tree, RunConfig config) {
}

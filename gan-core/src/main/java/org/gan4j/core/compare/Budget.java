package org.gan4j.core.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * The training budget of every run of an experiment, the same for every variant and trial: a number
 * of iterations (generator steps; {@code budget: {iterations: 1500}}, which sets
 * {@code schedule.iterations}) or of wall-clock seconds ({@code budget: {seconds: 120}}, which sets
 * {@code schedule.seconds}: a loss with five critic steps per generator step then gets fewer
 * generator steps, the same compute).
 *
 * @param iterations generator steps per run, or 0 when the budget is in seconds
 * @param seconds    wall-clock seconds of training per run, or 0 when the budget is in iterations
 */
public record Budget(long iterations, double seconds) {

    /** The config path a budget sets. */
    public String path() {
        return iterations > 0 ? "schedule.iterations" : "schedule.seconds";
    }

    /** The value it sets there. */
    public JsonNode value() {
        return iterations > 0 ? LongNode.valueOf(iterations) : DoubleNode.valueOf(seconds);
    }

    /** "1,500 iterations (generator steps) per run" or "120 s of training per run". */
    public String text() {
        return iterations > 0 ? String.format(Locale.ROOT, "%,d iterations (generator steps) per run", iterations)
                : Stat.format(seconds) + " s of GAN steps (wall clock) per run, at most the base config's epochs or iterations";
    }

    /** Reads the {@code budget} section of {@code file}. */
    static Budget read(Path file, JsonNode node) {
        String how = "; give budget: {iterations: N} (generator steps per run) or budget: {seconds: S} (wall-clock seconds of "
                + "training per run), the same for every variant";
        if (!node.isObject() || node.size() != 1) {
            throw Experiment.bad(file, "budget (every variant): '" + node + "' is not a budget" + how);
        }
        Iterator<String> names = node.fieldNames();
        String field = names.next();
        JsonNode v = node.get(field);
        switch (field) {
            case "iterations" -> {
                if (!v.isIntegralNumber() || v.asLong() < 1) {
                    throw Experiment.bad(file, "budget.iterations (every variant): '" + v + "' is not a positive whole number" + how);
                }
                return new Budget(v.asLong(), 0);
            }
            case "seconds" -> {
                if (!v.isNumber() || !(v.asDouble() > 0) || !Double.isFinite(v.asDouble())) {
                    throw Experiment.bad(file, "budget.seconds (every variant): '" + v + "' is not a positive number" + how);
                }
                return new Budget(0, v.asDouble());
            }
            default -> throw Experiment.bad(file, "budget." + field + " (every variant): unknown field" + how);
        }
    }
}

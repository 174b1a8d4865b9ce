package org.gan4j.api.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/**
 * An evaluation metric of a generator, selected in a config's {@code metrics} list by {@code type}
 * and evaluated every {@link #every()} epochs during training and once at the end. A metric draws
 * its own samples (see {@link MetricContext#generate}) and returns named numbers, e.g.
 * {@code {modes: 8, high-quality: 97.5, kl: 0.01}}; the run writes them to {@code metrics-eval.csv}
 * and the final ones to {@code evaluation.json}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface MetricSpec {

    /** Evaluate every this many epochs (0: only at the end). */
    int every();

    /** How many generated samples one evaluation uses. */
    int samples();

    /**
     * Evaluates the generator. Problems the user can fix (e.g. the metric does not fit the data) are
     * thrown as {@link org.gan4j.api.Gan4jException#badInput}.
     *
     * @return values by name in display order; NaN where a value is undefined
     */
    Map<String, Double> evaluate(MetricContext context);

    /**
     * Checks, before training starts, that this metric can evaluate generators of {@code data} (e.g.
     * that the data has labels, or known modes); a mistake is thrown as
     * {@link org.gan4j.api.Gan4jException#badInput} saying what the metric needs. Default: fits any data.
     */
    default void checkFits(Dataset data) {
    }

    /**
     * The names {@link #evaluate} returns, in order, when known before evaluating (a comparison's
     * {@code rankBy} is checked against them before any cell trains); default: empty, not known.
     */
    default java.util.List<String> valueNames() {
        return java.util.List.of();
    }

    /** Whether a larger value of {@code name} is better (for ranking); default: true. */
    default boolean higherIsBetter(String name) {
        return true;
    }
}

package org.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import org.gan4j.api.Checks;

/**
 * How a conditional run (a generator and discriminator that read the data's labels) uses them; a
 * run of unconditional models ignores this section.
 *
 * @param labels          how the labels the generator is asked for are drawn: {@code data} (default)
 *                        with the data's class frequencies (the labels of uniformly drawn samples, so
 *                        attributes keep their correlations), {@code uniform} uniform over the classes
 *                        (each attribute on or off with probability 1/2)
 * @param auxiliaryWeight the weight of an AC-GAN discriminator's auxiliary classifier: its
 *                        cross-entropy on real and generated samples, times this, is added to the
 *                        discriminator's loss, and on generated samples to the generator's
 */
public record ConditioningSettings(
        @JsonProperty("labels") @JsonPropertyDescription("labels the generator is asked for: data (the data's class frequencies) or uniform")
        String labels,
        @JsonProperty("auxiliaryWeight") @JsonPropertyDescription("AC-GAN: weight of the auxiliary classifier's cross-entropy in both losses")
        double auxiliaryWeight) {

    /** {@link #labels} value: draw the labels of uniformly drawn data samples. */
    public static final String DATA = "data";
    /** {@link #labels} value: uniform over the classes (attributes: each on with probability 1/2). */
    public static final String UNIFORM = "uniform";
    public static final List<String> LABELS = List.of(DATA, UNIFORM);

    public ConditioningSettings {
        if (!LABELS.contains(labels)) {
            throw new IllegalArgumentException("labels must be " + DATA + " or " + UNIFORM + ", got '" + labels + "'");
        }
        Checks.positive("auxiliaryWeight", auxiliaryWeight);
    }

    @JsonCreator
    public ConditioningSettings(@JsonProperty("labels") String labels, @JsonProperty("auxiliaryWeight") Double auxiliaryWeight) {
        this(labels == null ? DATA : labels, auxiliaryWeight == null ? 1.0 : auxiliaryWeight);
    }

    public static ConditioningSettings defaults() {
        return new ConditioningSettings(null, (Double) null);
    }
}

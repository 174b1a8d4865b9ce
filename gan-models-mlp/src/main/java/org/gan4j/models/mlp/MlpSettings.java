package org.gan4j.models.mlp;

import java.util.List;
import org.gan4j.api.Checks;

/** Validation shared by the two MLP specs. */
final class MlpSettings {

    private MlpSettings() {
    }

    /** An immutable copy of {@code hidden} with every size checked positive; an empty list means no hidden layer. */
    static List<Integer> hidden(List<Integer> hidden, List<Integer> defaults) {
        if (hidden == null) {
            return defaults;
        }
        for (int i = 0; i < hidden.size(); i++) {
            Integer size = hidden.get(i);
            if (size == null) {
                throw new IllegalArgumentException("hidden[" + i + "] must be a layer size, got null");
            }
            Checks.positive("hidden[" + i + "]", size);
        }
        return List.copyOf(hidden);
    }

    /** How a generator reads labels: not at all, or as an embedding joined to z. */
    static final List<String> GENERATOR_CONDITIONS = List.of("none", "concat");
    /**
     * How a discriminator reads labels: not at all, as an embedding joined to the flattened sample,
     * through a projection output (Miyato and Koyama 2018), or as the targets of an auxiliary
     * classifier (AC-GAN, Odena et al. 2017).
     */
    static final List<String> DISCRIMINATOR_CONDITIONS = List.of("none", "concat", "projection", "auxiliary");

    /** {@code value} (default {@code none}) checked against {@code allowed}. */
    static String condition(String value, List<String> allowed) {
        String v = value == null ? "none" : value;
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("condition must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        }
        return v;
    }
}

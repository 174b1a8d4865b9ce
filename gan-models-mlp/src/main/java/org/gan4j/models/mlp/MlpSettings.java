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
}

package org.gan4j.api.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An optimizer named the way a config names it: its registered {@code type} (e.g. {@code rmsprop})
 * and its settings (e.g. {@code lr: 5e-5}). A {@link Loss} recommends its optimizer as one of
 * these, since the optimizers' classes belong to the engine, not to the plugin API; gan4j builds
 * and validates it exactly as it would the config section {@code {type: rmsprop, lr: 5e-5}}.
 *
 * @param type     the optimizer's registered name ({@code gan4j plugins} lists them)
 * @param settings its settings by name, as a config would write them; absent ones take their defaults
 */
public record OptimizerChoice(String type, Map<String, Object> settings) {

    public OptimizerChoice {
        Objects.requireNonNull(type, "type");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** {@code type} with {@code settings}, e.g. {@code OptimizerChoice.of("rmsprop", Map.of("lr", 5e-5))}. */
    public static OptimizerChoice of(String type, Map<String, ?> settings) {
        return new OptimizerChoice(type, new LinkedHashMap<>(settings));
    }
}

package org.gan4j.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.gan4j.api.nn.kernel.MemoryLimits;

/**
 * Names the config field behind an allocation that does not fit ({@link MemoryLimits}): a component
 * only knows its arrays, the config knows the numbers they were made from.
 */
final class ConfigFields {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigFields() {
    }

    /**
     * Runs {@code build} (building the part of the run that the config's {@code section}, e.g.
     * {@code generator} or {@code metrics[0]}, describes);
     * an allocation it refuses is reported at the field of {@code section} holding the largest of the
     * refused sizes (e.g. {@code generator.hidden[0]}), or at the section itself.
     */
    static <T> T sized(String configJson, String section, Supplier<T> build) {
        try {
            return build.get();
        } catch (MemoryLimits.TooLargeException e) {
            JsonNode node = MAPPER.missingNode();
            try {
                node = MAPPER.readTree(configJson).at("/" + section.replace("[", ".").replace("]", "").replace('.', '/'));
            } catch (java.io.IOException | RuntimeException unreadable) {
                // name the section only
            }
            String field = fieldHolding(node, section, e.sizes()).orElse(section);
            throw new MemoryLimits.TooLargeException(field + ": " + e.getMessage() + ". Make " + (field.equals(section)
                    ? "the " + section + " smaller" : field + " smaller") + ", or give gan4j more memory.", e.sizes());
        }
    }

    /** The path of the numeric field under {@code node} whose value is the largest of {@code sizes} above 1. */
    static Optional<String> fieldHolding(JsonNode node, String path, long[] sizes) {
        Optional<String> best = Optional.empty();
        long bestValue = 1;
        for (long size : sizes) {
            if (size > bestValue) {
                Optional<String> found = find(node, path, size);
                if (found.isPresent()) {
                    best = found;
                    bestValue = size;
                }
            }
        }
        return best;
    }

    private static Optional<String> find(JsonNode node, String path, long value) {
        if (node.isIntegralNumber()) {
            return node.asLong() == value ? Optional.of(path) : Optional.empty();
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> f = find(node.get(i), path + "[" + i + "]", value);
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Optional<String> f = find(e.getValue(), path + "." + e.getKey(), value);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }
}

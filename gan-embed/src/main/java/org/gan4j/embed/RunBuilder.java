package org.gan4j.embed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.gan4j.core.config.RunConfig;

/**
 * A run config written in code, section by section, each component named by its {@code type} as in
 * a config file and its settings given as a map (the config file's keys; values are numbers,
 * strings, booleans, lists or maps). {@link #build()} reads it exactly as {@code gan4j train} reads a
 * file: unknown types or settings, missing sections and bad values are refused with the same
 * messages, and defaults are filled in.
 *
 * <pre>{@code
 * RunConfig c = gan.newRun("ring")
 *         .seed(7)
 *         .data("ring", Map.of())
 *         .generator("mlp", Map.of("latentSize", 2, "hidden", List.of(64, 64), "output", "linear"))
 *         .discriminator("mlp", Map.of("hidden", List.of(64, 64)))
 *         .loss("non-saturating")
 *         .schedule("alternating", Map.of("iterations", 500, "batchSize", 128))
 *         .build();
 * }</pre>
 *
 * Not thread-safe: build each config on one thread.
 */
public final class RunBuilder {

    private final Gan4j gan;
    private final ObjectMapper json;
    private final ObjectNode tree;

    RunBuilder(Gan4j gan, String name) {
        this.gan = gan;
        this.json = gan.registry().jsonMapper();
        this.tree = json.createObjectNode();
        if (name != null) {
            tree.put("name", name);
        }
    }

    /** The seed of weights, noise, dropout and data order (default 42). */
    public RunBuilder seed(long seed) {
        tree.put("seed", seed);
        return this;
    }

    /** The dataset: {@code data: {type: <type>, ...settings}}. */
    public RunBuilder data(String type, Map<String, ?> settings) {
        return component("data", type, settings);
    }

    public RunBuilder generator(String type, Map<String, ?> settings) {
        return component("generator", type, settings);
    }

    public RunBuilder discriminator(String type, Map<String, ?> settings) {
        return component("discriminator", type, settings);
    }

    public RunBuilder loss(String type) {
        return loss(type, Map.of());
    }

    public RunBuilder loss(String type, Map<String, ?> settings) {
        return component("loss", type, settings);
    }

    public RunBuilder schedule(String type, Map<String, ?> settings) {
        return component("schedule", type, settings);
    }

    /** Both networks' optimizer, e.g. {@code optimizer("adam", Map.of("lr", 2e-4, "beta1", 0.5))}. */
    public RunBuilder optimizer(String type, Map<String, ?> settings) {
        ObjectNode optimizer = tree.putObject("optimizer");
        optimizer.set("generator", typed(type, settings));
        optimizer.set("discriminator", typed(type, settings));
        return this;
    }

    /** The output section's settings, e.g. {@code Map.of("dir", "runs", "sampleEvery", 2)}. */
    public RunBuilder output(Map<String, ?> settings) {
        tree.set("output", json.valueToTree(settings));
        return this;
    }

    /** Adds a metric evaluated during training and at the end, e.g. {@code metric("mode-coverage", Map.of("every", 1))}. */
    public RunBuilder metric(String type, Map<String, ?> settings) {
        ArrayNode metrics = tree.has("metrics") ? (ArrayNode) tree.get("metrics") : tree.putArray("metrics");
        metrics.add(typed(type, settings));
        return this;
    }

    /** The config, checked and with its defaults filled in. */
    public RunConfig build() {
        return gan.fromTree(tree.deepCopy(), "the run config '" + tree.path("name").asText("run") + "' built in code",
                tree.path("name").asText(null));
    }

    private RunBuilder component(String section, String type, Map<String, ?> settings) {
        tree.set(section, typed(type, settings));
        return this;
    }

    private ObjectNode typed(String type, Map<String, ?> settings) {
        ObjectNode node = json.createObjectNode();
        node.put("type", type);
        node.setAll((ObjectNode) json.valueToTree(settings == null ? Map.of() : settings));
        return node;
    }
}

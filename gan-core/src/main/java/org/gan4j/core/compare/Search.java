package org.gan4j.core.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.gan4j.core.train.Seeds;
import org.gan4j.core.train.Sha256;

/**
 * A random hyperparameter search (Lucic et al. 2018): every variant of the experiment is trained
 * {@code trials} times, each trial with settings drawn from the variant's search space, and each
 * trial repeated over the averaged axes (the seeds).
 *
 * <pre>
 * search:
 *   trials: 8                                   # per variant
 *   seed: 0                                     # the draws follow from it (default 0)
 *   space:                                      # for every variant: config path: distribution
 *     optimizer.generator.lr: loguniform(1e-5, 1e-2)
 *     optimizer.generator.beta1: choice(0, 0.5, 0.9)
 *   variants:                                   # more keys for some variants, by (part of) the variant's name
 *     loss.type=wasserstein-gp:
 *       loss.lambda: loguniform(0.1, 100)
 * </pre>
 *
 * <p>The value of key {@code k} in trial {@code t} is drawn from a random stream seeded by
 * ({@code seed}, t, k) alone: a key shared by several variants takes the same value in their trial
 * t (common random numbers, so variants are compared on the same draws), adding trials or keys
 * leaves the earlier draws as they were.
 *
 * @param trials   trials per variant (at least 1)
 * @param seed     the seed the draws follow from
 * @param space    the keys every variant searches
 * @param variants per selector ({@code path=value[,path=value]}), keys that variants matching it search in addition
 *                 (or instead, for a key also in {@code space})
 */
public record Search(int trials, long seed, Map<String, Distribution> space, Map<String, Map<String, Distribution>> variants) {

    private static final Set<String> FIELDS = Set.of("trials", "seed", "space", "variants");
    private static final ObjectMapper SORTED = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** Reads the {@code search} section of {@code file}. */
    static Search read(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw Experiment.bad(file, "search: give a mapping with trials and space, e.g. search: {trials: 8, space: "
                    + "{optimizer.generator.lr: 'loguniform(1e-5, 1e-2)'}}");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw Experiment.bad(file, "search." + f + ": unknown field. Valid fields: " + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
        JsonNode trials = node.path("trials");
        if (!trials.canConvertToInt() || !trials.isIntegralNumber() || trials.asInt() < 1) {
            throw Experiment.bad(file, "search.trials: " + (trials.isMissingNode() ? "missing" : "'" + trials + "'")
                    + "; give the number of trials per variant, a whole number of at least 1");
        }
        JsonNode seedNode = node.path("seed");
        if (!seedNode.isMissingNode() && !seedNode.isIntegralNumber()) {
            throw Experiment.bad(file, "search.seed: '" + seedNode + "' is not a whole number");
        }
        Map<String, Distribution> space = keys(file, node.path("space"), "search.space", "every variant");
        Map<String, Map<String, Distribution>> variants = new LinkedHashMap<>();
        JsonNode variantsNode = node.path("variants");
        if (!variantsNode.isMissingNode()) {
            if (!variantsNode.isObject()) {
                throw Experiment.bad(file, "search.variants: give a mapping from a variant (e.g. loss.type=hinge) to its search keys");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = variantsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> v = it.next();
                variants.put(v.getKey(), keys(file, v.getValue(), "search.variants." + v.getKey(), "variant " + v.getKey()));
            }
        }
        if (space.isEmpty() && variants.values().stream().allMatch(Map::isEmpty)) {
            throw Experiment.bad(file, "search: no search keys; give some in search.space (for every variant) or search.variants, "
                    + "e.g. space: {optimizer.generator.lr: 'loguniform(1e-5, 1e-2)'}");
        }
        return new Search(trials.asInt(), seedNode.asLong(0), space, variants);
    }

    private static Map<String, Distribution> keys(Path file, JsonNode node, String where, String variant) {
        Map<String, Distribution> keys = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return keys;
        }
        if (!node.isObject()) {
            throw Experiment.bad(file, where + " (" + variant + "): give a mapping from config paths to distributions, e.g. "
                    + "optimizer.generator.lr: loguniform(1e-5, 1e-2)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> key = it.next();
            try {
                keys.put(key.getKey(), Distribution.parse(key.getValue()));
            } catch (IllegalArgumentException e) {
                throw Experiment.bad(file, variant + ", search key " + key.getKey() + " (" + where + "): " + e.getMessage());
            }
        }
        return keys;
    }

    /**
     * The keys {@code variant} searches: {@code space}, then those of every selector it matches (a
     * later one replacing an earlier one's key).
     */
    public Map<String, Distribution> spaceOf(String variant) {
        Map<String, Distribution> keys = new LinkedHashMap<>(space);
        variants.forEach((selector, more) -> {
            if (matches(selector, variant)) {
                keys.putAll(more);
            }
        });
        return keys;
    }

    /** Whether every {@code path=value} of {@code selector} is one of the variant name's parts. */
    static boolean matches(String selector, String variant) {
        List<String> parts = List.of(variant.split(","));
        for (String s : selector.split(",")) {
            if (!parts.contains(Grid.safe(s.trim()))) {
                return false;
            }
        }
        return true;
    }

    /** Trial {@code trial}'s (1-based) values of {@code keys}, in their order. */
    public Map<String, JsonNode> draw(int trial, Map<String, Distribution> keys) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        keys.forEach((key, d) -> values.put(key, d.value(new SplittableRandom(Seeds.derive(seed, "trial " + trial + " " + key)).nextDouble())));
        return values;
    }

    /** The directory-name part of a trial: {@code trial=007-3fa9}, its number and a hash of its settings (so changed settings are a new cell). */
    static String label(int trial, Map<String, JsonNode> settings) {
        ObjectNode sorted = SORTED.createObjectNode();
        new TreeMap<>(settings).forEach(sorted::set);
        String hash;
        try {
            hash = Sha256.of(SORTED.writeValueAsString(sorted).getBytes(StandardCharsets.UTF_8)).substring(0, 4);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return "trial=" + String.format(java.util.Locale.ROOT, "%03d", trial) + "-" + hash;
    }
}

package org.gan4j.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.gan4j.api.Gan4jException;

/**
 * The command-line flags of {@code torch_train.py} (this package's copy) for a resolved gan4j config,
 * read from the config's JSON tree (the plugins' settings classes are not visible to the CLI at
 * compile time). Every field of the sections that shape training is either mapped or refused: a
 * config the script cannot mirror is a bad input naming the field, never a silently different
 * comparison. The data is not mapped here: {@code gan4j bench --train} hands the script the array
 * gan4j trains on. {@code output} is not mapped either: sample grids and checkpoints are part of
 * gan4j's run, which is what the comparison times.
 */
final class TorchTrainFlags {

    /** The network pairs the script builds. */
    static final List<String> NETWORKS = List.of("mlp", "dcgan", "infogan");

    private static final Map<String, String> LOSSES = Map.of("non-saturating", "ns", "minimax", "mm", "wasserstein", "wgan");

    private TorchTrainFlags() {
    }

    /** The network pair's name (the script's first argument). */
    static String network(JsonNode config) {
        String g = text(config, "generator", "type");
        String d = text(config, "discriminator", "type");
        if (!NETWORKS.contains(g)) {
            throw refuse("generator.type", "is '" + g + "'; the PyTorch script builds " + String.join(", ", NETWORKS));
        }
        if (!g.equals(d)) {
            throw refuse("discriminator.type", "is '" + d + "' but the generator is '" + g + "'; the PyTorch script builds matching pairs");
        }
        return g;
    }

    /**
     * The flags for {@code config} (resolved: every default filled in), epochs or iterations as its
     * schedule says; without the model, output, data and thread arguments.
     */
    static List<String> of(JsonNode config) {
        String network = network(config);
        List<String> flags = new ArrayList<>();
        flags.addAll(List.of("--seed", Long.toString(config.path("seed").asLong())));
        networks(network, new Section(config, "generator"), new Section(config, "discriminator"), flags);
        loss(new Section(config, "loss"), flags);
        schedule(new Section(config, "schedule"), flags);
        optimizers(config, flags);
        JsonNode metrics = config.path("metrics");
        if (metrics.isArray() && !metrics.isEmpty()) {
            throw refuse("metrics", "lists " + metrics.size() + " metric(s); the PyTorch script computes none, so the two runs"
                    + " would not do the same work. Remove the metrics section to compare training");
        }
        return flags;
    }

    private static void networks(String network, Section g, Section d, List<String> flags) {
        g.ignore("type", "imageSize", "channels"); // the image geometry comes from the data, as in gan4j
        d.ignore("type", "imageSize", "channels");
        for (Section net : List.of(g, d)) {
            if (net.has("condition")) {
                net.require("condition", "none", "the PyTorch script trains unconditional GANs");
                net.ignore("embedding", "classes"); // used only by a conditional network
            }
        }
        flags.addAll(List.of("--latent", g.integer("latentSize"), "--noise", g.text("noise").toLowerCase(Locale.ROOT)));
        switch (network) {
            case "mlp" -> {
                if (!g.text("output").equals("tanh")) {
                    throw refuse("generator.output", "is '" + g.text("output") + "'; the PyTorch script's MLP ends in tanh");
                }
                flags.addAll(List.of("--hidden", g.list("hidden"), "--d-hidden", d.list("hidden"),
                        "--g-leaky", g.number("leakySlope"), "--leaky", d.number("leakySlope"),
                        "--g-dropout", g.number("dropout"), "--d-dropout", d.number("dropout")));
                d.require("spectralNorm", "false", "the PyTorch script has no spectral norm");
            }
            case "dcgan" -> {
                flags.addAll(List.of("--ngf", g.integer("ngf"), "--ndf", d.integer("ndf"), "--leaky", d.number("leakySlope")));
                criticNormalization(d, flags);
            }
            default -> {
                flags.addAll(List.of("--ngf", g.integer("ngf"), "--ndf", d.integer("ndf"), "--g-dense", g.integer("dense"),
                        "--d-dense", d.integer("dense"), "--leaky", d.number("leakySlope")));
                criticNormalization(d, flags);
            }
        }
        g.done();
        d.done();
    }

    /** The convolutional discriminators' {@code normalization} (batch or none here) and {@code spectralNorm} (off here). */
    private static void criticNormalization(Section d, List<String> flags) {
        String norm = d.text("normalization");
        if (!norm.equals("batch") && !norm.equals("none")) {
            throw refuse("discriminator.normalization", "is '" + norm + "'; the PyTorch script has batch or none");
        }
        flags.addAll(List.of("--d-norm", norm));
        d.require("spectralNorm", "false", "the PyTorch script has no spectral norm");
    }

    private static void loss(Section loss, List<String> flags) {
        String type = loss.text("type");
        String flag = LOSSES.get(type);
        if (flag == null) {
            throw refuse("loss.type", "is '" + type + "'; the PyTorch script has " + String.join(", ", LOSSES.keySet().stream().sorted().toList()));
        }
        flags.addAll(List.of("--loss", flag));
        if (flag.equals("wgan")) {
            flags.addAll(List.of("--clip", loss.number("clip")));
        } else {
            flags.addAll(List.of("--real-label", loss.number("realLabel")));
        }
        loss.done();
    }

    private static void schedule(Section s, List<String> flags) {
        s.require("type", "alternating", "the PyTorch script alternates discriminator and generator steps");
        long iterations = s.node("iterations").asLong();
        if (iterations > 0) {
            flags.addAll(List.of("--iterations", Long.toString(iterations)));
            s.ignore("epochs");
        } else {
            flags.addAll(List.of("--epochs", s.integer("epochs")));
        }
        if (s.node("seconds").asDouble() != 0) {
            throw refuse("schedule.seconds", "is " + s.node("seconds").asDouble() + "; the PyTorch script trains for epochs or iterations,"
                    + " not a time budget");
        }
        flags.addAll(List.of("--batch", s.integer("batchSize"), "--d-steps", s.integer("discriminatorSteps"),
                "--g-steps", s.integer("generatorSteps")));
        s.done();
    }

    private static void optimizers(JsonNode config, List<String> flags) {
        Section g = new Section(config, "optimizer", "generator");
        Section d = new Section(config, "optimizer", "discriminator");
        String type = g.text("type");
        if (!d.text("type").equals(type)) {
            throw refuse("optimizer.discriminator.type", "is '" + d.text("type") + "' but the generator's is '" + type
                    + "'; the PyTorch script uses one optimizer type for both");
        }
        flags.addAll(List.of("--opt", switch (type) {
            case "adam", "rmsprop", "sgd" -> type;
            default -> throw refuse("optimizer.generator.type", "is '" + type + "'; the PyTorch script has adam, rmsprop, sgd");
        }));
        flags.addAll(List.of("--g-lr", g.number("lr"), "--d-lr", d.number("lr")));
        for (String shared : type.equals("adam") ? List.of("beta1", "beta2", "eps") : type.equals("rmsprop") ? List.of("decay", "eps") : List.<String>of()) {
            String value = g.number(shared);
            if (!d.number(shared).equals(value)) {
                throw refuse("optimizer.discriminator." + shared, "is " + d.number(shared) + " but the generator's is " + value
                        + "; the PyTorch script takes one " + shared + " for both");
            }
            flags.addAll(List.of("--" + shared, value));
        }
        g.done();
        d.done();
        Section optimizer = new Section(config, "optimizer");
        optimizer.ignore("generator", "discriminator");
        flags.addAll(List.of("--ema", optimizer.number("ema")));
        optimizer.done();
    }

    private static String text(JsonNode config, String section, String field) {
        return config.path(section).path(field).asText();
    }

    static Gan4jException refuse(String field, String why) {
        return Gan4jException.badInput(field + " " + why + ". gan4j bench --train compares only configs the PyTorch script"
                + " (torch_train.py) can mirror; see docs/performance.md, \"Whole runs\".");
    }

    /** One config section: each field read is marked used, and {@link #done} refuses the rest. */
    private static final class Section {
        private final String path;
        private final JsonNode node;
        private final Set<String> used = new HashSet<>();

        Section(JsonNode config, String... names) {
            JsonNode n = config;
            for (String name : names) {
                n = n.path(name);
            }
            this.path = String.join(".", names);
            this.node = n;
        }

        JsonNode node(String field) {
            used.add(field);
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw refuse(path + "." + field, "is missing from the resolved config");
            }
            return value;
        }

        String text(String field) {
            return node(field).asText();
        }

        String integer(String field) {
            return Long.toString(node(field).asLong());
        }

        /** A number as the script's flag reads it (Java's shortest round-trip form, which Python parses exactly). */
        String number(String field) {
            return Double.toString(node(field).asDouble());
        }

        /** A list of integers as "a,b,c" (an empty list as ""). */
        String list(String field) {
            StringJoiner joined = new StringJoiner(",");
            node(field).forEach(v -> joined.add(Long.toString(v.asLong())));
            return joined.toString();
        }

        void require(String field, String value, String why) {
            String actual = text(field);
            if (!actual.equals(value)) {
                throw refuse(path + "." + field, "is " + actual + "; " + why);
            }
        }

        boolean has(String field) {
            return node.hasNonNull(field);
        }

        void ignore(String... fields) {
            used.addAll(List.of(fields));
        }

        /** Refuses the first field not read: a setting the script would silently not mirror. */
        void done() {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!used.contains(name) && !node.get(name).isNull()) {
                    throw refuse(path + "." + name, "is set (" + node.get(name) + "), and the PyTorch script has no counterpart");
                }
            }
        }
    }
}

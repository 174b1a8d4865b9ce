package org.gan4j.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.Function;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.core.config.RunConfig;

/**
 * Checks, before the models are built, that the generator, the discriminator and the data agree on
 * labels: a conditional model needs labelled data, and a conditional generator needs a discriminator
 * that reads or classifies the labels (and the other way round), else the labels would teach
 * nothing. Each refusal is bad input (exit code 2) naming the components by their config types.
 */
final class ConditionCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConditionCheck() {
    }

    /**
     * @param configJson the resolved config as JSON, for the components' type names
     * @throws Gan4jException when the models and the data disagree
     */
    static void beforeBuilding(RunConfig config, Dataset data, Function<RunConfig, String> configJson) {
        boolean g = config.generator().conditional();
        boolean d = config.discriminator().conditional();
        if (!g && !d) {
            return;
        }
        Names names = Names.of(config, configJson);
        if (data.condition().isNone()) {
            String models = g && d ? "the generator '" + names.generator + "' and the discriminator '" + names.discriminator + "' are"
                    : g ? "the generator '" + names.generator + "' is" : "the discriminator '" + names.discriminator + "' is";
            throw Gan4jException.badInput(models + " conditional (they read class labels), but the data '" + names.data
                    + "' has no labels: " + data.description() + ". Use labelled data (e.g. mnist, celeba with its attribute file), "
                    + "or unconditional models (remove their condition setting).");
        }
        if (g != d) {
            throw Gan4jException.badInput(g
                    ? "the generator '" + names.generator + "' is conditional but the discriminator '" + names.discriminator
                            + "' is not: nothing would teach the generator to draw the class it is asked for. Set discriminator.condition "
                            + "(concat, projection or auxiliary), or make the generator unconditional."
                    : "the discriminator '" + names.discriminator + "' is conditional but the generator '" + names.generator
                            + "' is not: it could not draw the classes the discriminator judges it by. Set generator.condition: concat, "
                            + "or make the discriminator unconditional.");
        }
    }

    /** Refuses an AC-GAN discriminator on data labelled with attributes (its classifier needs one class per sample). */
    static void afterBuilding(Discriminator discriminator, Condition condition, RunConfig config, Function<RunConfig, String> configJson) {
        if (discriminator.auxiliaryClasses() > 0 && !condition.isClasses()) {
            throw Gan4jException.badInput("the discriminator '" + Names.of(config, configJson).discriminator
                    + "' has an auxiliary classifier (AC-GAN), which needs one class per sample, but the data has "
                    + condition.describe() + ". Use condition: concat or projection for attribute labels.");
        }
    }

    private record Names(String data, String generator, String discriminator) {

        static Names of(RunConfig config, Function<RunConfig, String> configJson) {
            JsonNode root = JSON.missingNode();
            try {
                root = JSON.readTree(configJson.apply(config));
            } catch (IOException | RuntimeException e) {
                // fall back to class names below
            }
            return new Names(type(root, "data", config.data()), type(root, "generator", config.generator()),
                    type(root, "discriminator", config.discriminator()));
        }

        private static String type(JsonNode root, String section, Object spec) {
            return root.path(section).path("type").asText(spec.getClass().getSimpleName());
        }
    }
}

package org.gan4j.core.train;

import org.gan4j.core.Locations;

/**
 * How a divergence message names the run's parts: which config section, which class, from which
 * jar, e.g. {@code loss (loss.type; org.gan4j.losses.RelativisticLoss from gan-losses-0.1.0.jar)}.
 *
 * @param generator     the generator's description
 * @param discriminator the discriminator's description
 * @param loss          the loss's description
 */
public record Components(String generator, String discriminator, String loss) {

    /** Plain names, for a trainer built without a config. */
    public static final Components UNNAMED = new Components("the generator", "the discriminator", "the loss");

    /** Each part named by its config section and its settings' class with the jar it came from. */
    public static Components of(Object generatorSpec, Object discriminatorSpec, Object loss) {
        return new Components(describe("the generator", "generator.type", generatorSpec),
                describe("the discriminator", "discriminator.type", discriminatorSpec),
                describe("the loss", "loss.type", loss));
    }

    private static String describe(String what, String field, Object component) {
        if (component == null) {
            return what;
        }
        Class<?> type = component.getClass();
        String from = Locations.codeSource(type).map(p -> " from " + p.getFileName()).orElse("");
        return what + " (" + field + "; " + type.getName() + from + ")";
    }
}

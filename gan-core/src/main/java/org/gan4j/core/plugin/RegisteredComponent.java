package org.gan4j.core.plugin;

import java.nio.file.Path;

/**
 * A component as the registry knows it.
 *
 * @param kind           the base type a config field expects (one of {@code ComponentKinds.all()})
 * @param name           the name a config selects it by in {@code type}
 * @param implementation the settings class Jackson builds
 * @param source         the jar (or class directory) the plugin that registered it came from
 * @param description    the one-line {@code @JsonClassDescription} of the implementation, or "" if none
 */
public record RegisteredComponent(Class<?> kind, String name, Class<?> implementation, Path source, String description) {
}

package org.gan4j.api.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named component a plugin contributes: the kind it belongs to (the base type a config field
 * expects, such as {@link Loss}), the name a config selects it by, and the class Jackson builds.
 *
 * <p>The class is a Jackson-readable settings class: its {@code @JsonCreator} constructor takes the
 * settings (with defaults for absent ones) and validates them, and its getters expose them so gan4j
 * can print a fully resolved config. Put a {@link com.fasterxml.jackson.annotation.JsonClassDescription}
 * on it for the one-line description {@code gan4j plugins} shows.
 *
 * @param kind           the base type, one of {@link ComponentKinds#all()}
 * @param name           the name a config file uses in its {@code type} field
 * @param implementation the settings class Jackson builds for that name
 */
public record ComponentType(Class<?> kind, String name, Class<?> implementation) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public ComponentType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(implementation, "implementation");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("component name '" + name
                    + "' must be lower-case words joined by hyphens, like 'non-saturating'");
        }
        if (!kind.isAssignableFrom(implementation)) {
            throw new IllegalArgumentException(implementation.getName() + " registered as " + ComponentKinds.nameOf(kind)
                    + " '" + name + "' does not implement " + kind.getName());
        }
    }

    /** Shorthand for {@code new ComponentType(kind, name, implementation)}. */
    public static ComponentType of(Class<?> kind, String name, Class<?> implementation) {
        return new ComponentType(kind, name, implementation);
    }
}

package org.gan4j.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * Marks a package of gan4j's plugin API: what a plugin may compile against, versioned by
 * {@link SpiVersion}. Within a marked package every public type is stable: it changes only by
 * additions (new types, default methods) unless {@link SpiVersion#MAJOR} changes. Everything not
 * in a marked package (gan-api's {@code org.gan4j.api.nn.kernel}, the whole engine
 * {@code org.gan4j.core}) is internal and may change in any release.
 *
 * <p>The same list, {@link #PACKAGES}, is what gan4j shares with plugin class loaders: a plugin jar
 * that refers to any other gan4j class is refused when it is loaded.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface Api {

    /** The stable packages, each exactly (not its sub-packages); every one carries this annotation. */
    List<String> PACKAGES = List.of(
            "org.gan4j.api",
            "org.gan4j.api.array",
            "org.gan4j.api.data",
            "org.gan4j.api.nn",
            "org.gan4j.api.spi",
            "org.gan4j.api.train");
}

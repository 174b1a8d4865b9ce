package org.gan4j.api.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The settings of a discriminator architecture, selected in a config file by
 * {@code discriminator.type}; builds the {@link Discriminator} once the data's shape is known.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface DiscriminatorSpec {

    /** Builds a freshly initialised discriminator for samples of {@code context.sampleShape()}. */
    Discriminator build(ModelContext context);
}

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

    /**
     * Whether the discriminator this spec builds needs the data's labels ({@link ModelContext#condition()}):
     * it takes them as input (a label embedding, a projection) or classifies samples by them (an AC-GAN auxiliary classifier). gan4j refuses a conditional model on unlabelled data
     * before building it, naming the model and the dataset. Default {@code false}.
     */
    default boolean conditional() {
        return false;
    }
}

package org.gan4j.api.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The settings of a generator architecture, selected in a config file by {@code generator.type};
 * builds the {@link Generator} once the data's shape is known.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface GeneratorSpec {

    /** Builds a freshly initialised generator producing samples of {@code context.sampleShape()}. */
    Generator build(ModelContext context);
}

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

    /**
     * Whether the generator this spec builds needs the data's labels ({@link ModelContext#condition()}):
     * it takes them as input (a label embedding). gan4j refuses a conditional model on unlabelled data
     * before building it, naming the model and the dataset. Default {@code false}.
     */
    default boolean conditional() {
        return false;
    }
}

package org.gan4j.api.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.gan4j.api.nn.Parameters;

/** The settings of an optimizer ({@code adam}, {@code rmsprop}, {@code sgd}, ...), selected by {@code type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface OptimizerSpec {

    /** An optimizer that updates {@code parameters} in place from their gradients. */
    Optimizer create(Parameters parameters);
}

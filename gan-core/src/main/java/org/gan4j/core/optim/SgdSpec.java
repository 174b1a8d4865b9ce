package org.gan4j.core.optim;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.gan4j.api.Checks;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.spi.Optimizer;
import org.gan4j.api.spi.OptimizerSpec;
import org.nd4j.linalg.learning.config.Sgd;

/** Plain stochastic gradient descent. */
@JsonClassDescription("SGD: parameters -= lr * gradient")
public record SgdSpec(@JsonProperty("lr") @JsonPropertyDescription("learning rate") double lr) implements OptimizerSpec {

    @JsonCreator
    public SgdSpec(@JsonProperty("lr") Double lr) {
        this(Checks.positive("lr", lr == null ? 1e-3 : lr));
    }

    @Override
    public Optimizer create(Parameters parameters) {
        return new UpdaterOptimizer(new Sgd(lr), parameters);
    }
}

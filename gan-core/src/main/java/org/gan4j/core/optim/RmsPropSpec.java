package org.gan4j.core.optim;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.gan4j.api.Checks;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.spi.Optimizer;
import org.gan4j.api.spi.OptimizerSpec;
import org.nd4j.linalg.learning.config.RmsProp;

/**
 * RMSProp, {@code v = decay v + (1 - decay) g²} from {@code v = 0}, {@code p -= lr g / sqrt(v + eps)};
 * the WGAN paper's optimizer (lr 5e-5).
 */
@JsonClassDescription("RMSProp: gradient scaled by a running RMS; the WGAN paper uses lr 5e-5")
public record RmsPropSpec(
        @JsonProperty("lr") @JsonPropertyDescription("learning rate") double lr,
        @JsonProperty("decay") @JsonPropertyDescription("decay of the running mean square (PyTorch's alpha)") double decay,
        @JsonProperty("eps") @JsonPropertyDescription("added inside the square root for stability") double eps)
        implements OptimizerSpec {

    @JsonCreator
    public RmsPropSpec(@JsonProperty("lr") Double lr, @JsonProperty("decay") Double decay, @JsonProperty("eps") Double eps) {
        this(Checks.positive("lr", lr == null ? 5e-5 : lr),
                Checks.inHalfOpenRange("decay", decay == null ? 0.99 : decay, 0, 1),
                Checks.positive("eps", eps == null ? 1e-8 : eps));
    }

    /** RMSProp with the given learning rate and the other settings at their defaults. */
    public static RmsPropSpec withLearningRate(double lr) {
        return new RmsPropSpec(lr, null, null);
    }

    @Override
    public Optimizer create(Parameters parameters) {
        // ND4J's updater starts the mean square at eps instead of 0 and is slow.
        return HeapOptimizer.supports(parameters) ? new RmsPropOptimizer(this, parameters)
                : new UpdaterOptimizer(new RmsProp(lr, decay, eps), parameters);
    }
}

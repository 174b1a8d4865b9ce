package org.gan4j.core.optim;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.gan4j.api.Checks;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.spi.Optimizer;
import org.gan4j.api.spi.OptimizerSpec;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam (Kingma and Ba 2015) as PyTorch computes it:
 * {@code p -= lr / (1 - beta1^t) * m / (sqrt(v / (1 - beta2^t)) + eps)}.
 */
@JsonClassDescription("Adam: adaptive moments; DCGAN's lr 2e-4, beta1 0.5 are the defaults")
public record AdamSpec(
        @JsonProperty("lr") @JsonPropertyDescription("learning rate") double lr,
        @JsonProperty("beta1") @JsonPropertyDescription("decay of the first moment") double beta1,
        @JsonProperty("beta2") @JsonPropertyDescription("decay of the second moment") double beta2,
        @JsonProperty("eps") @JsonPropertyDescription("added to the denominator for stability") double eps)
        implements OptimizerSpec {

    @JsonCreator
    public AdamSpec(@JsonProperty("lr") Double lr, @JsonProperty("beta1") Double beta1,
                    @JsonProperty("beta2") Double beta2, @JsonProperty("eps") Double eps) {
        this(Checks.positive("lr", lr == null ? 2e-4 : lr),
                Checks.inHalfOpenRange("beta1", beta1 == null ? 0.5 : beta1, 0, 1),
                Checks.inHalfOpenRange("beta2", beta2 == null ? 0.999 : beta2, 0, 1),
                Checks.positive("eps", eps == null ? 1e-8 : eps));
    }

    /** lr 2e-4, beta1 0.5, beta2 0.999, eps 1e-8. */
    public static AdamSpec dcganDefault() {
        return new AdamSpec(null, null, null, null);
    }

    @Override
    public Optimizer create(Parameters parameters) {
        // ND4J's updater puts eps inside the bias correction (eps * sqrt(1 - beta2^t) in PyTorch's
        // terms) and is slow; the heap optimizer computes PyTorch's formula.
        return HeapOptimizer.supports(parameters) ? new AdamOptimizer(this, parameters)
                : new UpdaterOptimizer(new Adam(lr, beta1, beta2, eps), parameters);
    }
}

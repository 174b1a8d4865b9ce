package org.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.function.Function;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.OptimizerChoice;
import org.gan4j.api.spi.OptimizerSpec;
import org.gan4j.core.optim.AdamSpec;

/**
 * The two optimizers of a run: one for the generator, one for the discriminator, each with its own
 * learning rate. A side left out takes the loss's recommendation, else Adam(lr 2e-4, beta1 0.5).
 */
public record OptimizerSettings(
        @JsonProperty("generator") OptimizerSpec generator,
        @JsonProperty("discriminator") OptimizerSpec discriminator) {

    @JsonCreator
    public OptimizerSettings {
    }

    /** The optimizer DCGAN popularised and the seeds use: Adam, lr 2e-4, beta1 0.5. */
    public static OptimizerSpec standardDefault() {
        return AdamSpec.dcganDefault();
    }

    /**
     * Fills in missing sides from the loss's recommendation, built by {@code build} (the config
     * reader's Jackson binding), or {@link #standardDefault()}.
     */
    public OptimizerSettings withDefaultsFrom(Loss loss, Function<OptimizerChoice, OptimizerSpec> build) {
        if (generator != null && discriminator != null) {
            return this;
        }
        OptimizerSpec fallback = loss.recommendedOptimizer().map(build).orElseGet(OptimizerSettings::standardDefault);
        return new OptimizerSettings(generator == null ? fallback : generator, discriminator == null ? fallback : discriminator);
    }
}

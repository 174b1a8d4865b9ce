package org.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.function.Function;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.OptimizerChoice;
import org.gan4j.api.spi.OptimizerSpec;
import org.gan4j.api.Checks;
import org.gan4j.core.optim.AdamSpec;

/**
 * The two optimizers of a run: one for the generator, one for the discriminator, each with its own
 * learning rate. A side left out takes the loss's recommendation, else Adam(lr 2e-4, beta1 0.5).
 *
 * @param ema decay of an exponential moving average of the generator's weights (e.g. 0.999); when
 *            above 0, sample grids, metrics, the saved {@code generator.zip} and so {@code gan4j sample}
 *            use the averaged weights, while the optimizer trains the live ones. 0 (the default) is off.
 */
public record OptimizerSettings(
        @JsonProperty("generator") OptimizerSpec generator,
        @JsonProperty("discriminator") OptimizerSpec discriminator,
        @JsonProperty("ema") @JsonPropertyDescription("decay of the moving average of the generator's weights that samples,"
                + " metrics and the saved generator use, e.g. 0.999; 0 = off")
        double ema) {

    public OptimizerSettings {
        Checks.inHalfOpenRange("ema", ema, 0, 1);
    }

    @JsonCreator
    public OptimizerSettings(
            @JsonProperty("generator") OptimizerSpec generator,
            @JsonProperty("discriminator") OptimizerSpec discriminator,
            @JsonProperty("ema") Double ema) {
        this(generator, discriminator, ema == null ? 0 : (double) ema);
    }

    /** The two optimizers, no weight average. */
    public OptimizerSettings(OptimizerSpec generator, OptimizerSpec discriminator) {
        this(generator, discriminator, 0.0);
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
        return new OptimizerSettings(generator == null ? fallback : generator, discriminator == null ? fallback : discriminator, ema);
    }
}

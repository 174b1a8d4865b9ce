package org.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.function.Function;
import org.gan4j.api.spi.DatasetSpec;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.MetricSpec;
import org.gan4j.api.spi.OptimizerChoice;
import org.gan4j.api.spi.OptimizerSpec;
import org.gan4j.api.spi.TrainingSchedule;

/**
 * One training run as a config file describes it. Every component is selected by its {@code type}
 * name; missing optional sections get defaults (see {@link #resolved()}).
 *
 * <pre>
 * name: mnist-ns
 * seed: 42
 * data:          { type: mnist, path: ../shared/data/mnist, split: test }
 * generator:     { type: mlp, latentSize: 100, hidden: [256, 512, 1024], dropout: 0.3 }
 * discriminator: { type: mlp, hidden: [1024, 512, 256], dropout: 0.3 }
 * loss:          { type: non-saturating }               # any loss also takes r1, r2, penaltyEvery
 * schedule:      { type: alternating, epochs: 20, batchSize: 64 }
 * optimizer:     { generator: { type: adam, lr: 2.0e-4, beta1: 0.5 }, discriminator: { type: adam, lr: 2.0e-4, beta1: 0.5 } }
 * output:        { dir: runs, sampleEvery: 1 }
 * metrics:       [ { type: mode-coverage, every: 1, samples: 2500 } ]
 * conditioning:  { labels: data, auxiliaryWeight: 1 }   # conditional models only
 * </pre>
 */
@JsonPropertyOrder({"name", "seed", "data", "generator", "discriminator", "loss", "schedule", "optimizer", "output", "plugins", "metrics",
        "conditioning"})
public record RunConfig(
        @JsonProperty("name") @JsonPropertyDescription("run name: the run directory is <output.dir>/<name>; default: the config file's name")
        String name,
        @JsonProperty("seed") @JsonPropertyDescription("seed for weights, noise, dropout and data order")
        long seed,
        @JsonProperty("data") DatasetSpec data,
        @JsonProperty("generator") GeneratorSpec generator,
        @JsonProperty("discriminator") DiscriminatorSpec discriminator,
        @JsonProperty("loss") @JsonSerialize(using = RegularisedLoss.Serializer.class)
        @JsonDeserialize(using = RegularisedLoss.Deserializer.class) Loss loss,
        @JsonProperty("schedule") TrainingSchedule schedule,
        @JsonProperty("optimizer") OptimizerSettings optimizer,
        @JsonProperty("output") OutputSettings output,
        @JsonProperty("plugins") @JsonPropertyDescription("extra plugins directory, relative to the working directory")
        String plugins,
        @JsonProperty("metrics") @JsonPropertyDescription("metrics evaluated during training and at the end; default none")
        List<MetricSpec> metrics,
        @JsonProperty("conditioning") @JsonPropertyDescription("how conditional models use the data's labels")
        ConditioningSettings conditioning) {

    /** The default seed when the config sets none. */
    public static final long DEFAULT_SEED = 42;

    /** A null metrics list is empty; null conditioning takes its defaults; a name must be one folder name ({@link RunNames}). */
    public RunConfig {
        if (name != null && !name.isBlank()) {
            RunNames.check("name", name);
        }
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        conditioning = conditioning == null ? ConditioningSettings.defaults() : conditioning;
    }

    /** A config with the default conditioning. */
    public RunConfig(String name, long seed, DatasetSpec data, GeneratorSpec generator, DiscriminatorSpec discriminator,
                     Loss loss, TrainingSchedule schedule, OptimizerSettings optimizer, OutputSettings output, String plugins,
                     List<MetricSpec> metrics) {
        this(name, seed, data, generator, discriminator, loss, schedule, optimizer, output, plugins, metrics, null);
    }

    @JsonCreator
    public RunConfig(
            @JsonProperty("name") String name,
            @JsonProperty("seed") Long seed,
            @JsonProperty(value = "data", required = true) DatasetSpec data,
            @JsonProperty(value = "generator", required = true) GeneratorSpec generator,
            @JsonProperty(value = "discriminator", required = true) DiscriminatorSpec discriminator,
            @JsonProperty(value = "loss", required = true) @JsonDeserialize(using = RegularisedLoss.Deserializer.class) Loss loss,
            @JsonProperty("schedule") TrainingSchedule schedule,
            @JsonProperty("optimizer") OptimizerSettings optimizer,
            @JsonProperty("output") OutputSettings output,
            @JsonProperty("plugins") String plugins,
            @JsonProperty("metrics") List<MetricSpec> metrics,
            @JsonProperty("conditioning") ConditioningSettings conditioning) {
        this(name, seed == null ? DEFAULT_SEED : seed, data, generator, discriminator, loss, schedule,
                optimizer == null ? new OptimizerSettings(null, null) : optimizer,
                output == null ? OutputSettings.defaults() : output, plugins, metrics, conditioning);
    }

    /** A config as a file without a conditioning section reads. */
    public RunConfig(String name, Long seed, DatasetSpec data, GeneratorSpec generator, DiscriminatorSpec discriminator,
                     Loss loss, TrainingSchedule schedule, OptimizerSettings optimizer, OutputSettings output, String plugins,
                     List<MetricSpec> metrics) {
        this(name, seed, data, generator, discriminator, loss, schedule, optimizer, output, plugins, metrics, null);
    }

    /** A config without metrics. */
    public RunConfig(String name, Long seed, DatasetSpec data, GeneratorSpec generator, DiscriminatorSpec discriminator,
                     Loss loss, TrainingSchedule schedule, OptimizerSettings optimizer, OutputSettings output, String plugins) {
        this(name, seed, data, generator, discriminator, loss, schedule, optimizer, output, plugins, null, null);
    }

    /** This config with {@code name} set, used to default the name to the config file's. */
    public RunConfig withName(String newName) {
        return new RunConfig(newName, seed, data, generator, discriminator, loss, schedule, optimizer, output, plugins, metrics,
                conditioning);
    }

    /**
     * This config with every default that depends on another section filled in: the schedule
     * (default {@code alternating}) and the optimizers take the loss's recommendations where the
     * config sets nothing (e.g. five critic steps and RMSProp for Wasserstein), else Adam 2e-4 / 0.5.
     *
     * @param defaultSchedule the schedule to use when the config has none
     * @param optimizers      builds the optimizer a loss recommends, as the config's optimizer sections are built
     */
    public RunConfig resolved(TrainingSchedule defaultSchedule, Function<OptimizerChoice, OptimizerSpec> optimizers) {
        TrainingSchedule s = (schedule == null ? defaultSchedule : schedule).withDefaultsFrom(loss);
        return new RunConfig(name, seed, data, generator, discriminator, loss, s, optimizer.withDefaultsFrom(loss, optimizers),
                output, plugins, metrics, conditioning);
    }
}

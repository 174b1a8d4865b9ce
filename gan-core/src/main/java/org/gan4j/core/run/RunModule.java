package org.gan4j.core.run;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Named;
import java.util.Objects;
import java.util.Set;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.ModelContext;
import org.gan4j.api.spi.Optimizer;
import org.gan4j.api.spi.TrainingSchedule;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.core.config.ConditioningSettings;
import org.gan4j.core.config.OutputSettings;
import org.gan4j.core.config.RegularisedLoss;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.train.Checkpoints;
import org.gan4j.core.train.Components;
import org.gan4j.core.train.PluginSources;
import org.gan4j.core.train.RealBatches;
import org.gan4j.core.train.RunDirectory;
import org.gan4j.core.train.Seeds;
import org.gan4j.core.train.StreamBatches;
import org.gan4j.core.train.TrainOptions;
import org.gan4j.core.train.RunProfile;
import org.gan4j.core.train.Trainer;
import org.gan4j.api.nn.kernel.MemoryLimits;
import org.gan4j.core.train.output.LossCurvePlotter;
import org.gan4j.core.train.output.ManifestWriter;
import org.gan4j.core.train.output.MetricsCsvWriter;
import org.gan4j.core.train.output.ModelWriter;
import org.gan4j.core.train.output.ProgressReporter;
import org.gan4j.core.train.output.SampleImageWriter;
import org.gan4j.core.train.output.TimingCsvWriter;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The Guice wiring of one run from a resolved {@link RunConfig}: binds the config, its sections,
 * the {@link TrainOptions} and the {@link RunDirectory}, provides the opened {@link Dataset}, the
 * networks (built for the data's sample shape in FLOAT with seeds derived from the run's), the two
 * optimizers ({@code @Named("generator")}, {@code @Named("discriminator")}) and the {@link Trainer},
 * and binds the built-in {@link TrainingListener}s in a {@link Multibinder} that plugin modules add to.
 */
public final class RunModule extends AbstractModule {

    /** The {@code @Named} value of the generator's optimizer. */
    public static final String GENERATOR = "generator";
    /** The {@code @Named} value of the discriminator's optimizer. */
    public static final String DISCRIMINATOR = "discriminator";

    private final RunConfig config;
    private final TrainOptions options;
    private final RunDirectory directory;
    private final PluginSources plugins;
    private Checkpoints.Loaded resume;
    private double learningRateScale = 1;
    private RunProfile profile = new RunProfile();

    /**
     * @param config    a resolved config ({@link RunConfig#resolved}): schedule and both optimizers set
     * @param options   the run's options
     * @param directory the (prepared) run directory
     * @param plugins   the plugins the run is wired with, recorded in the manifest
     */
    public RunModule(RunConfig config, TrainOptions options, RunDirectory directory, PluginSources plugins) {
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.config = Objects.requireNonNull(config, "config");
        this.options = Objects.requireNonNull(options, "options");
        this.directory = Objects.requireNonNull(directory, "directory");
        if (config.schedule() == null || config.optimizer().generator() == null || config.optimizer().discriminator() == null) {
            throw new IllegalArgumentException("the run config must be resolved (RunConfig.resolved) before training");
        }
    }

    /** Makes the trainer continue from {@code checkpoint} instead of starting afresh; returns this module. */
    public RunModule resumeFrom(Checkpoints.Loaded checkpoint) {
        this.resume = checkpoint;
        return this;
    }

    /** Runs both optimizers at {@code factor} times their learning rate (a divergence rollback); returns this module. */
    public RunModule learningRateScale(double factor) {
        this.learningRateScale = factor;
        return this;
    }

    /** Records where the run's wall time goes into {@code p}; returns this module. */
    public RunModule profile(RunProfile p) {
        this.profile = Objects.requireNonNull(p);
        return this;
    }

    @Override
    protected void configure() {
        bind(RunConfig.class).toInstance(config);
        bind(TrainOptions.class).toInstance(options);
        bind(RunDirectory.class).toInstance(directory);
        bind(PluginSources.class).toInstance(plugins);
        bind(OutputSettings.class).toInstance(config.output());
        bind(Loss.class).toInstance(config.loss());
        bind(TrainingSchedule.class).toInstance(config.schedule());
        // The one place the data order comes from; swap for the data module's batch stream here.
        bind(RealBatches.Factory.class).toInstance(StreamBatches.factory());
        Multibinder<TrainingListener> listeners = Multibinder.newSetBinder(binder(), TrainingListener.class);
        listeners.addBinding().to(ManifestWriter.class);
        listeners.addBinding().to(MetricsCsvWriter.class);
        listeners.addBinding().to(TimingCsvWriter.class);
        listeners.addBinding().to(SampleImageWriter.class);
        listeners.addBinding().to(LossCurvePlotter.class);
        listeners.addBinding().to(ModelWriter.class);
        listeners.addBinding().to(ProgressReporter.class);
        // Evaluates the config's metrics (a no-op without any).
        listeners.addBinding().to(org.gan4j.core.train.output.MetricsEvaluator.class);
    }

    @Provides
    @Singleton
    Dataset dataset() {
        return ConfigFields.sized(options.configJson().apply(config), "data",
                () -> config.data().open(new DataContext(options.baseDirectory(), options.progress()::println)));
    }

    @Provides
    @Singleton
    Generator generator(Dataset data) {
        ConditionCheck.beforeBuilding(config, data, options.configJson());
        return ConfigFields.sized(options.configJson().apply(config), "generator",
                () -> config.generator().build(modelContext(data, config.generator().conditional(), Seeds.generator(config.seed()))));
    }

    @Provides
    @Singleton
    Discriminator discriminator(Dataset data) {
        ConditionCheck.beforeBuilding(config, data, options.configJson());
        boolean conditional = config.discriminator().conditional();
        Discriminator d = ConfigFields.sized(options.configJson().apply(config), "discriminator",
                () -> config.discriminator().build(modelContext(data, conditional, Seeds.discriminator(config.seed()))));
        ConditionCheck.afterBuilding(d, data.condition(), config, options.configJson());
        return d;
    }

    /** The context a model is built in: with the data's labels only for a conditional model, so unconditional ones see what they always did. */
    private static ModelContext modelContext(Dataset data, boolean conditional, long seed) {
        return new ModelContext(data.sampleShape(), DataType.FLOAT, seed, conditional ? data.condition() : Condition.NONE);
    }

    @Provides
    @Singleton
    @Named(GENERATOR)
    Optimizer generatorOptimizer(Generator g) {
        return ConfigFields.sized(options.configJson().apply(config), "optimizer.generator",
                () -> config.optimizer().generator().create(g.parameters()));
    }

    @Provides
    @Singleton
    @Named(DISCRIMINATOR)
    Optimizer discriminatorOptimizer(Discriminator d) {
        return ConfigFields.sized(options.configJson().apply(config), "optimizer.discriminator",
                () -> config.optimizer().discriminator().create(d.parameters()));
    }

    /**
     * Refuses batch sizes (training, sample grid, metrics) whose arrays cannot fit, naming the field:
     * a lower bound of what the trainer allocates per batch (the real batch, the generated one and the
     * gradients flowing back into it, the discriminator's inputs) and per evaluation (the generated samples).
     */
    void checkBatchMemory(long[] sampleShape, long[] latentShape) {
        String json = options.configJson().apply(config);
        long sample = MemoryLimits.product(sampleShape);
        long latent = MemoryLimits.product(latentShape);
        int batch = config.schedule().batchSize();
        ConfigFields.sized(json, "schedule", () -> {
            MemoryLimits.requireNative(MemoryLimits.product(batch, MemoryLimits.sum(MemoryLimits.product(6, sample), 2 * latent), 4),
                    "Batches of " + batch + " samples of " + sample + " values (real and generated, with their gradients)", batch);
            return null;
        });
        int grid = config.output().sampleCount();
        ConfigFields.sized(json, "output", () -> {
            MemoryLimits.requireNative(MemoryLimits.product(grid, MemoryLimits.sum(MemoryLimits.product(2, sample), latent), 4),
                    "A sample grid of " + grid + " samples of " + sample + " values", grid);
            return null;
        });
        for (int i = 0; i < config.metrics().size(); i++) {
            int n = config.metrics().get(i).samples();
            ConfigFields.sized(json, "metrics[" + i + "]", () -> {
                MemoryLimits.requireNative(MemoryLimits.product(n, MemoryLimits.sum(MemoryLimits.product(2, sample), latent), 4),
                        "An evaluation of " + n + " generated samples of " + sample + " values", n);
                return null;
            });
        }
    }

    @Provides
    Trainer trainer(Generator g, Discriminator d, Loss loss, TrainingSchedule schedule,
                    @Named(GENERATOR) Optimizer gOpt, @Named(DISCRIMINATOR) Optimizer dOpt, Dataset data,
                    RealBatches.Factory batches, Set<TrainingListener> listeners) {
        checkBatchMemory(data.sampleShape(), g.inputShape());
        for (org.gan4j.api.spi.MetricSpec metric : config.metrics()) {
            metric.checkFits(data); // a metric that cannot evaluate this data is refused before any listener starts
        }
        Trainer.Builder b = Trainer.builder().generator(g).discriminator(d).loss(loss).schedule(schedule)
                .generatorOptimizer(gOpt).discriminatorOptimizer(dOpt).dataset(data).seed(config.seed())
                .listeners(listeners).sampleCount(config.output().sampleCount()).maxIterations(options.maxIterations())
                .batches(batches)
                .components(Components.of(config.generator(), config.discriminator(),
                        config.loss() instanceof RegularisedLoss r ? r.loss() : config.loss()))
                .checkpoints(new Checkpoints(directory.resolve(Checkpoints.DIRECTORY), config.output().checkpointKeep()),
                        config.output().checkpointEvery())
                .learningRateScale(learningRateScale)
                .profile(profile)
                .conditioning(ConditioningSettings.UNIFORM.equals(config.conditioning().labels()), config.conditioning().auxiliaryWeight())
                .generatorAverage(config.optimizer().ema());
        if (resume != null) {
            b.resumeFrom(resume.checkpoint(), resume.file());
        }
        return b.build();
    }
}

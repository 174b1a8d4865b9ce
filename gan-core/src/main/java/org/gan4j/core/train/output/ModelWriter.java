package org.gan4j.core.train.output;

import com.google.inject.Inject;
import java.nio.file.Path;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.train.RunInfo;
import org.gan4j.api.train.SampleSource;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.config.OutputSettings;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.train.Seeds;
import org.gan4j.core.train.ModelArchive;
import org.gan4j.core.train.RunDirectory;
import org.gan4j.core.train.TrainOptions;

/**
 * Saves the networks' weights as {@code generator.zip} and {@code discriminator.zip} (see
 * {@link ModelArchive}) every {@code output.sampleEvery} epochs and at the end, so an interrupted
 * run still leaves usable weights. Each file is replaced atomically.
 */
public final class ModelWriter implements TrainingListener {

    public static final String GENERATOR = "generator.zip";
    public static final String DISCRIMINATOR = "discriminator.zip";

    private final Path directory;
    private final String generatorSpec;
    private final String discriminatorSpec;
    private final int every;
    private final Condition condition;
    private RunInfo run;
    private long iterations;

    @Inject
    public ModelWriter(RunDirectory dir, RunConfig config, TrainOptions options, OutputSettings output, Dataset dataset) {
        this(dir.path(), options.configJson().apply(config), output.sampleEvery(), dataset.condition());
    }

    private ModelWriter(Path directory, String configJson, int sampleEvery, Condition condition) {
        this(directory, ConfigJson.section(configJson, "generator"), ConfigJson.section(configJson, "discriminator"), sampleEvery,
                condition);
    }

    /** Writes into {@code directory}, recording the given spec JSON texts in the archives. */
    public ModelWriter(Path directory, String generatorSpecJson, String discriminatorSpecJson, int sampleEvery) {
        this(directory, generatorSpecJson, discriminatorSpecJson, sampleEvery, Condition.NONE);
    }

    /**
     * Writes into {@code directory}, recording the given spec JSON texts in the archives and, for a
     * network that reads or classifies labels, the data's {@code condition}.
     */
    public ModelWriter(Path directory, String generatorSpecJson, String discriminatorSpecJson, int sampleEvery, Condition condition) {
        this.directory = directory;
        this.generatorSpec = generatorSpecJson;
        this.discriminatorSpec = discriminatorSpecJson;
        this.every = sampleEvery;
        this.condition = condition;
    }

    @Override
    public void onStart(RunInfo info) {
        this.run = info;
    }

    @Override
    public void onIteration(org.gan4j.api.train.IterationStats stats) {
        iterations = stats.iteration();
    }

    @Override
    public void onEpochEnd(int epoch, SampleSource samples) {
        if (epoch % every == 0) {
            save();
        }
    }

    @Override
    public void onEnd(TrainingResult result, SampleSource samples) {
        iterations = result.iterations();
        save();
    }

    private void save() {
        boolean g = run.generator().conditionSize() > 0;
        boolean d = run.discriminator().conditionSize() > 0 || run.discriminator().auxiliaryClasses() > 0;
        ModelArchive.write(directory.resolve(GENERATOR), "generator", run.generator(), generatorSpec, run.sampleShape(),
                Seeds.generator(run.seed()), run.seed(), iterations, g ? condition : Condition.NONE);
        ModelArchive.write(directory.resolve(DISCRIMINATOR), "discriminator", run.discriminator(), discriminatorSpec,
                run.sampleShape(), Seeds.discriminator(run.seed()), run.seed(), iterations, d ? condition : Condition.NONE);
    }
}

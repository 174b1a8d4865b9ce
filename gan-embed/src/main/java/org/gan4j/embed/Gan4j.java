package org.gan4j.embed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.core.config.ConfigReader;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.plugin.PluginLoader;
import org.gan4j.core.run.Sampler;
import org.gan4j.core.run.TrainingRun;
import org.gan4j.core.train.TrainOptions;

/**
 * gan4j in your program: the plugins it found (the built-in ones on the class path, plus the jars of
 * any plugins directories you name), and what you can do with them. Create one and keep it; it is
 * immutable and safe to share between threads.
 *
 * <pre>{@code
 * Gan4j gan = Gan4j.create();
 * RunConfig config = gan.newRun("digits")
 *         .data("mnist", Map.of("path", "data/mnist", "split", "test"))
 *         .generator("mlp", Map.of("latentSize", 64, "hidden", List.of(128, 256)))
 *         .discriminator("mlp", Map.of("hidden", List.of(256, 128)))
 *         .loss("non-saturating")
 *         .schedule("alternating", Map.of("epochs", 2, "batchSize", 64))
 *         .build();
 * TrainedRun run = gan.train(config, TrainingSettings.defaults().withOutputRoot(Path.of("runs")));
 * TrainedGenerator g = run.generator();
 * }</pre>
 *
 * <p>Errors in what you pass (a config, a run directory, a weights file) are
 * {@link Gan4jException}s whose message names the file or field and what to do, as on the command line.
 */
public final class Gan4j {

    private final ComponentRegistry registry;

    private Gan4j(ComponentRegistry registry) {
        this.registry = registry;
    }

    /** The plugins on this program's class path (gan-embed brings the built-in ones). */
    public static Gan4j create() {
        return withPlugins();
    }

    /** The plugins on the class path plus the plugin jars in {@code directories} (each jar with its own class loader). */
    public static Gan4j withPlugins(Path... directories) {
        return new Gan4j(PluginLoader.load(Gan4j.class.getClassLoader(), List.of(directories)));
    }

    /** The components every loaded plugin registered, with their settings: what {@code gan4j plugins} lists. */
    public ComponentRegistry registry() {
        return registry;
    }

    /**
     * The trained generator of a run directory ({@code <dir>/generator.zip}) or of a weights file
     * itself, its weights and batch-norm statistics restored, in evaluation mode.
     */
    public TrainedGenerator load(Path runDirectoryOrArchive) {
        Objects.requireNonNull(runDirectoryOrArchive, "runDirectoryOrArchive");
        boolean archive = Files.isRegularFile(runDirectoryOrArchive);
        Generator generator = archive
                ? Sampler.loadArchive(runDirectoryOrArchive, this::readGeneratorSpec)
                : Sampler.load(runDirectoryOrArchive, this::readGeneratorSpec);
        Condition condition = generator.conditionSize() == 0 ? Condition.NONE
                : archive ? Sampler.archiveCondition(runDirectoryOrArchive) : Sampler.condition(runDirectoryOrArchive);
        return new TrainedGenerator(generator, runDirectoryOrArchive, condition);
    }

    /** Reads a config file (YAML or JSON), with the same defaults, checks and messages as {@code gan4j train}. */
    public RunConfig readConfig(Path file) {
        return ConfigReader.read(file, registry);
    }

    /** Starts a run config in code; {@link RunBuilder#build()} checks it as a config file would be. */
    public RunBuilder newRun(String name) {
        return new RunBuilder(this, name);
    }

    /**
     * Trains {@code config} into {@code <outputRoot or output.dir>/<name>}, as {@code gan4j train}
     * does, and returns where it went and how it ended. The config may be one from
     * {@link #readConfig}, {@link #newRun} or a {@link RunConfig} you constructed yourself (it is
     * then checked and its defaults filled in as a file's would be). Trainings of different run
     * directories may run at once on different threads, as {@code gan4j compare --parallel} does.
     *
     * @throws Gan4jException exit code 2 for bad input (a non-empty run directory without
     *                        {@link TrainingSettings#withOverwrite}, unreadable data), 3 when training diverged
     */
    public TrainedRun train(RunConfig config, TrainingSettings settings) {
        RunConfig checked = check(config);
        ObjectMapper json = registry.jsonMapper();
        TrainOptions options = settings.options()
                .withConfigJson(c -> write(json, c));
        TrainingRun.Outcome outcome = TrainingRun.execute(checked, registry.plugins(), options);
        return new TrainedRun(this, outcome.directory(), outcome.result());
    }

    /** A config as its file would give it: written out through the plugins' mapper and read back. */
    RunConfig check(RunConfig config) {
        Objects.requireNonNull(config, "config");
        JsonNode tree = registry.jsonMapper().valueToTree(config);
        return fromTree(tree, "the run config '" + config.name() + "'", config.name());
    }

    RunConfig fromTree(JsonNode tree, String source, String name) {
        return ConfigReader.fromTree(tree, source, name == null || name.isBlank() ? "run" : name, registry);
    }

    private GeneratorSpec readGeneratorSpec(String text) {
        try {
            return registry.jsonMapper().readValue(text, GeneratorSpec.class);
        } catch (JsonProcessingException e) {
            throw Gan4jException.badInput("the generator settings saved with it cannot be read by the loaded plugins: "
                    + e.getOriginalMessage() + ". Was it trained with a plugin that is not loaded? Plugins found: "
                    + Arrays.toString(registry.names(GeneratorSpec.class).toArray()) + "; pass its directory to Gan4j.withPlugins.", e);
        }
    }

    private static String write(ObjectMapper json, RunConfig c) {
        try {
            return json.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

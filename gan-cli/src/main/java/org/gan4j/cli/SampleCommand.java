package org.gan4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.cli.common.CommonOptions;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.run.Sampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gan4j sample RUN_DIR}: draws new samples from a trained run's generator. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw new samples from the trained generator of a run and write them as a PNG grid.")
public final class SampleCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory, e.g. runs/quickstart.")
    Path runDirectory;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "64", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the latent noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the grid (default: <RUN_DIR>/samples/sample-<seed>[-class-K|-all].png).")
    Path output;

    @Option(names = "--class", paramLabel = "CLASS",
            description = "For a conditional generator: draw class CLASS (its number or name), or 'all' for a grid with one row per "
                    + "class (N samples in ceil(N / classes) columns, each column one noise vector).")
    String classChoice;

    @Override
    public Integer call() {
        if (count <= 0) {
            throw Gan4jException.badInput("--count must be positive, got " + count + ".");
        }
        ComponentRegistry registry = common.registry();
        ObjectMapper json = registry.jsonMapper();
        Path written = Sampler.sample(runDirectory, count, seed, output, text -> readSpec(json, text), classChoice);
        if (!common.quiet()) {
            spec.commandLine().getOut().println("Wrote " + (classChoice == null ? count + " samples" : "samples of class " + classChoice)
                    + " to " + written);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private static GeneratorSpec readSpec(ObjectMapper json, String text) {
        try {
            return json.readValue(text, GeneratorSpec.class);
        } catch (com.fasterxml.jackson.databind.exc.InvalidTypeIdException e) {
            throw Gan4jException.badInput("the generator settings saved with it cannot be read by the installed plugins: "
                    + e.getOriginalMessage() + ". Was the run trained with a plugin that is no longer installed?", e);
        } catch (JsonProcessingException e) {
            // a known generator with settings its plugin refuses: the file was changed after it was written
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getOriginalMessage();
            throw Gan4jException.badInput("its generator settings are not valid (" + why + "): the file is damaged or was written by "
                    + "another version of the plugin. Train the run again, or restore the file from a copy.", e);
        }
    }
}

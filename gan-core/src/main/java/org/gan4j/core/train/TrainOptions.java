package org.gan4j.core.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import org.gan4j.core.config.RunConfig;

/**
 * How to run a training, beyond what the config says: the command line's options.
 *
 * @param outputRoot    parent of the run directory instead of the config's {@code output.dir}; null to keep it
 * @param overwrite     whether to reuse a non-empty run directory (its gan4j files are replaced)
 * @param terminal      whether progress goes to a terminal (a progress bar) or not (a line every {@code output.logEvery})
 * @param progress      where progress and status lines go
 * @param configFile    the config file the run came from, recorded in the manifest; may be null
 * @param maxIterations stop after at most this many iterations (tests, smoke runs); 0 for no cap
 * @param configJson    renders the resolved config as JSON for the manifest and the weight files (the
 *                      CLI passes one using the plugin registry's mapper, so {@code type} names come out right)
 * @param baseDirectory directory relative paths in the config are resolved against
 */
public record TrainOptions(Path outputRoot, boolean overwrite, boolean terminal, PrintStream progress, Path configFile,
                           long maxIterations, Function<RunConfig, String> configJson, Path baseDirectory) {

    public TrainOptions {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be 0 or more, got " + maxIterations);
        }
    }

    /** No overrides, not a terminal, progress to {@code System.out}, the working directory as base. */
    public static TrainOptions defaults() {
        return new TrainOptions(null, false, false, System.out, null, 0, TrainOptions::plainJson,
                Path.of("").toAbsolutePath());
    }

    public TrainOptions withOutputRoot(Path root) {
        return new TrainOptions(root, overwrite, terminal, progress, configFile, maxIterations, configJson, baseDirectory);
    }

    public TrainOptions withOverwrite(boolean value) {
        return new TrainOptions(outputRoot, value, terminal, progress, configFile, maxIterations, configJson, baseDirectory);
    }

    public TrainOptions withTerminal(boolean value) {
        return new TrainOptions(outputRoot, overwrite, value, progress, configFile, maxIterations, configJson, baseDirectory);
    }

    public TrainOptions withProgress(PrintStream out) {
        return new TrainOptions(outputRoot, overwrite, terminal, out, configFile, maxIterations, configJson, baseDirectory);
    }

    public TrainOptions withConfigFile(Path file) {
        return new TrainOptions(outputRoot, overwrite, terminal, progress, file, maxIterations, configJson, baseDirectory);
    }

    public TrainOptions withMaxIterations(long n) {
        return new TrainOptions(outputRoot, overwrite, terminal, progress, configFile, n, configJson, baseDirectory);
    }

    public TrainOptions withConfigJson(Function<RunConfig, String> renderer) {
        return new TrainOptions(outputRoot, overwrite, terminal, progress, configFile, maxIterations, renderer, baseDirectory);
    }

    public TrainOptions withBaseDirectory(Path dir) {
        return new TrainOptions(outputRoot, overwrite, terminal, progress, configFile, maxIterations, configJson, dir);
    }

    /**
     * A fallback renderer with a plain Jackson mapper: components not registered with it get their
     * class's simple name as {@code type}. The CLI replaces it with the registry's mapper.
     */
    static String plainJson(RunConfig config) {
        try {
            return new ObjectMapper().writeValueAsString(config);
        } catch (Exception e) {
            return new ObjectMapper().createObjectNode().put("unrendered", String.valueOf(config)).toString();
        }
    }
}

package org.gan4j.embed;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.gan4j.core.train.TrainOptions;

/**
 * How to run a training beyond what the config says: the command line's {@code train} options.
 * Immutable; each {@code with} method returns a copy.
 *
 * @param outputRoot    parent of the run directory instead of the config's {@code output.dir}; null keeps it
 * @param overwrite     replace the results of an existing run directory of the same name
 * @param maxIterations stop after at most this many iterations; 0 trains as the config says
 * @param progress      where progress lines go (one every {@code output.logEvery} iterations); by default nowhere
 * @param baseDirectory relative paths in the config are resolved against it; by default the working directory
 */
public record TrainingSettings(Path outputRoot, boolean overwrite, long maxIterations, PrintStream progress, Path baseDirectory) {

    /** No overrides, no progress output, the working directory as base. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(null, false, 0, new PrintStream(OutputStream.nullOutputStream()), Path.of("").toAbsolutePath());
    }

    public TrainingSettings withOutputRoot(Path root) {
        return new TrainingSettings(root, overwrite, maxIterations, progress, baseDirectory);
    }

    public TrainingSettings withOverwrite(boolean value) {
        return new TrainingSettings(outputRoot, value, maxIterations, progress, baseDirectory);
    }

    public TrainingSettings withMaxIterations(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("maxIterations must be 0 or more, got " + n);
        }
        return new TrainingSettings(outputRoot, overwrite, n, progress, baseDirectory);
    }

    public TrainingSettings withProgress(PrintStream out) {
        return new TrainingSettings(outputRoot, overwrite, maxIterations, out, baseDirectory);
    }

    public TrainingSettings withBaseDirectory(Path dir) {
        return new TrainingSettings(outputRoot, overwrite, maxIterations, progress, dir);
    }

    TrainOptions options() {
        return TrainOptions.defaults()
                .withOutputRoot(outputRoot)
                .withOverwrite(overwrite)
                .withMaxIterations(maxIterations)
                .withProgress(progress)
                .withBaseDirectory(baseDirectory);
    }
}

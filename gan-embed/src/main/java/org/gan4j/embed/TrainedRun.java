package org.gan4j.embed;

import java.nio.file.Path;
import org.gan4j.api.train.TrainingResult;

/**
 * A training that ran: its run directory ({@code metrics.csv}, {@code samples/}, {@code manifest.json},
 * the weights) and how it ended.
 */
public final class TrainedRun {

    private final Gan4j gan;
    private final Path directory;
    private final TrainingResult result;

    TrainedRun(Gan4j gan, Path directory, TrainingResult result) {
        this.gan = gan;
        this.directory = directory;
        this.result = result;
    }

    /** The run directory, {@code <output root>/<name>}. */
    public Path directory() {
        return directory;
    }

    /** How training ended: status, iterations, epochs, start and end. */
    public TrainingResult result() {
        return result;
    }

    /** The generator as the run saved it (at its end, or at its last sampled epoch). */
    public TrainedGenerator generator() {
        return gan.load(directory);
    }

    @Override
    public String toString() {
        return "TrainedRun[" + directory + ", " + result.status().label() + " after " + result.iterations() + " iterations]";
    }
}

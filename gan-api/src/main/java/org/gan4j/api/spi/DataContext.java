package org.gan4j.api.spi;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What a dataset needs from its surroundings.
 *
 * @param baseDirectory directory relative paths in the config are resolved against (the working directory)
 * @param log           where to report progress of slow work (a download, an index scan), one line at a time
 */
public record DataContext(Path baseDirectory, Consumer<String> log) {

    /** Resolves a path from the config against {@link #baseDirectory()}. */
    public Path resolve(String path) {
        return baseDirectory.resolve(path).normalize();
    }
}

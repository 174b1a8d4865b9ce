package org.gan4j.core.train;

import java.nio.file.Path;

/**
 * The directory a run writes to, {@code <output.dir>/<name>}; bound in a run's injector so
 * listeners (built-in or from plugins) can write next to the built-in files.
 */
public record RunDirectory(Path path) {

    /** A file or directory inside the run directory. */
    public Path resolve(String name) {
        return path.resolve(name);
    }
}

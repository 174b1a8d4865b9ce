package org.gan4j.core;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/** Where things are on disk, as gan4j finds and shows them. */
public final class Locations {

    private Locations() {
    }

    /** The jar or class directory a class was loaded from, absolute and normalised; empty when the JVM does not say. */
    public static Optional<Path> codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code path} as a user would type it from the working directory: relative when it lies below
     * it (e.g. {@code runs/quickstart}), unchanged otherwise and for the working directory itself.
     */
    public static Path shown(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) && !path.equals(cwd) ? cwd.relativize(path) : path;
    }
}

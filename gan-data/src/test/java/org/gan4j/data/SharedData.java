package org.gan4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the real datasets shared by developers and CI are: the environment variable
 * {@code GAN4J_DATA} or the system property {@code gan4j.data} if set, else {@code ../../shared/data}
 * from the module directory (the project's {@code ../shared/data}), else the nearest
 * {@code shared/data} above the working directory (for clones nested one level deeper).
 */
public final class SharedData {

    private SharedData() {
    }

    public static Optional<Path> dir() {
        String set = System.getenv("GAN4J_DATA");
        if (set == null || set.isBlank()) {
            set = System.getProperty("gan4j.data");
        }
        if (set != null && !set.isBlank()) {
            Path p = Path.of(set).toAbsolutePath().normalize();
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        Path here = Path.of("").toAbsolutePath();
        Path conventional = here.resolve("../../shared/data").normalize();
        if (Files.isDirectory(conventional)) {
            return Optional.of(conventional);
        }
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

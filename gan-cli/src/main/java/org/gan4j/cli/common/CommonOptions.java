package org.gan4j.cli.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gan4j.core.Locations;
import org.gan4j.core.config.ConfigReader;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.plugin.PluginLoader;
import picocli.CommandLine.Option;

/**
 * Options every subcommand takes ({@code @Mixin}): plugins directories, {@code --verbose} and
 * {@code --quiet}, and loading the plugins they select.
 */
public class CommonOptions {

    /** System property naming the gan4j installation; its {@code plugins} directory is the default one. */
    public static final String HOME_PROPERTY = "gan4j.home";

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Extra plugins directory (repeatable); plugins/ of the installation is always searched if present.")
    List<Path> plugins = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces with errors, and more detail.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
    boolean quiet;

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }

    /**
     * The plugins directories to load: the default one if it exists, then the config's
     * {@code plugins} field (if given), then those of {@code --plugins}; duplicates removed.
     */
    public List<Path> pluginDirectories(Optional<Path> fromConfig) {
        Map<Path, Path> dirs = new LinkedHashMap<>();
        defaultPluginsDirectory().filter(Files::isDirectory).ifPresent(d -> dirs.putIfAbsent(key(d), d));
        fromConfig.ifPresent(d -> dirs.putIfAbsent(key(d), d));
        for (Path d : plugins) {
            dirs.putIfAbsent(key(d), d);
        }
        return List.copyOf(dirs.values());
    }

    /** Loads the plugins of the class path, the default directory and {@code --plugins}. */
    public ComponentRegistry registry() {
        return PluginLoader.load(CommonOptions.class.getClassLoader(), pluginDirectories(Optional.empty()));
    }

    /** As {@link #registry()}, plus the {@code plugins} directory named in the config file. */
    public ComponentRegistry registry(Path config) {
        return PluginLoader.load(CommonOptions.class.getClassLoader(), pluginDirectories(ConfigReader.pluginsDirectory(config)));
    }

    /**
     * {@code <gan4j.home>/plugins} when the system property is set, else {@code plugins/} in the
     * directory two levels above the jar (or classes directory) gan-cli runs from: for
     * {@code <root>/gan-cli/target/gan-cli.jar} that is {@code <root>/plugins}.
     */
    public static Optional<Path> defaultPluginsDirectory() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return Optional.of(Path.of(home, "plugins"));
        }
        return installationRoot().map(root -> root.resolve("plugins"));
    }

    /** The directory two levels above the jar (or classes directory) gan-cli runs from: the source tree's root. */
    public static Optional<Path> installationRoot() {
        return Locations.codeSource(CommonOptions.class).map(Path::getParent).map(Path::getParent).map(Path::getParent);
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }
}

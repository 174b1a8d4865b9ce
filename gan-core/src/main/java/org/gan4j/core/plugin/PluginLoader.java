package org.gan4j.core.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.SpiVersion;
import org.gan4j.api.spi.GanPlugin;

/**
 * Finds {@link GanPlugin}s with {@link ServiceLoader}: on the application class path, then in each
 * plugins directory, where every {@code *.jar} directly in the directory gets its own class loader
 * and every sub-folder gets one class loader over all the jars in it (for a plugin that needs
 * libraries of its own).
 *
 * <p>Plugin class loaders ({@link PluginClassLoader}) share only the plugin API (gan-api's
 * {@link org.gan4j.api.Api} packages) and the libraries in its signatures (ND4J, Jackson, Guice,
 * SLF4J) with the application; everything else comes from the plugin's own jars, so plugins cannot
 * clash with each other's or gan4j's other libraries.
 *
 * <p>Before loading, each jar's manifest is read: a jar declaring a {@code Gan4j-SPI-Version} whose
 * major version is not {@link SpiVersion#MAJOR} is refused. A plugin with no declaration in any of
 * its jars is loaded, with a note ({@link ComponentRegistry#notes()}, shown by
 * {@code gan4j plugins --verbose}): it will work if it was built against a compatible gan-api. Then
 * its classes are checked ({@link ApiBoundary}): a plugin referring to a gan4j class outside the
 * plugin API is refused.
 */
public final class PluginLoader {

    private static final Pattern MISSING_PROVIDER = Pattern.compile("Provider (\\S+) not found");
    private static final Pattern BAD_PROVIDER = Pattern.compile("Provider (\\S+) ");
    /** A major version, optionally followed by a minor one: {@code 1} or {@code 1.2}. */
    private static final Pattern VERSION = Pattern.compile("(\\d+)(\\.\\d+)*");

    private PluginLoader() {
    }

    /**
     * Loads the plugins of the class path and of the given directories.
     *
     * @param applicationLoader  the loader of gan4j and the built-in plugins; parent of plugin loaders
     * @param pluginDirectories  directories to scan, in order; each must exist (the caller leaves out
     *                           a default directory that is absent)
     * @throws Gan4jException    (bad input) for a missing or unreadable directory, a broken service
     *                           entry, or two plugins registering the same name
     */
    public static ComponentRegistry load(ClassLoader applicationLoader, List<Path> pluginDirectories) {
        List<GanPlugin> plugins = new ArrayList<>();
        Map<GanPlugin, Path> sources = new IdentityHashMap<>();
        List<String> notes = new ArrayList<>();
        discover(applicationLoader, null, Path.of("the class path"), plugins, sources);
        for (Path directory : pluginDirectories) {
            for (Path entry : entries(directory)) {
                List<Path> jars = Files.isDirectory(entry) ? jarsIn(entry) : List.of(entry);
                if (jars.isEmpty()) {
                    continue;
                }
                checkSpiVersion(entry, jars, notes);
                ApiBoundary.check(jars);
                URLClassLoader loader = new PluginClassLoader("gan4j-plugin:" + entry.getFileName(),
                        urls(jars), applicationLoader);
                discover(loader, applicationLoader, entry, plugins, sources);
            }
        }
        return new ComponentRegistry(plugins, sources, notes);
    }

    /**
     * Refuses a plugin whose jars declare an SPI major version other than this gan4j's; notes one
     * whose jars declare none (library jars in a plugin folder usually declare nothing).
     */
    static void checkSpiVersion(Path entry, List<Path> jars, List<String> notes) {
        boolean declared = false;
        for (Path jar : jars) {
            Optional<String> version = declaredSpiVersion(jar);
            if (version.isEmpty()) {
                continue;
            }
            declared = true;
            String v = version.get().strip();
            Matcher m = VERSION.matcher(v);
            if (!m.matches()) {
                throw Gan4jException.badInput("The plugin jar " + jar + " declares " + SpiVersion.MANIFEST_ATTRIBUTE + ": '" + v
                        + "' in its manifest, which is not a version (expected a number such as " + SpiVersion.MAJOR
                        + "). Fix the plugin's build, or remove the jar from the plugins directory.");
            }
            int major = Integer.parseInt(m.group(1));
            if (major != SpiVersion.MAJOR) {
                throw Gan4jException.badInput("The plugin jar " + jar + " was built for gan4j SPI version " + v
                        + " (" + SpiVersion.MANIFEST_ATTRIBUTE + " in its manifest), but this gan4j provides SPI version "
                        + SpiVersion.MAJOR + ", and the two are not compatible. Rebuild the plugin against this gan4j's gan-api"
                        + " (with " + SpiVersion.MANIFEST_ATTRIBUTE + ": " + SpiVersion.MAJOR
                        + " in its manifest), or remove it from the plugins directory.");
            }
        }
        if (!declared) {
            notes.add(entry + " declares no " + SpiVersion.MANIFEST_ATTRIBUTE + " in its manifest; loaded anyway"
                    + " (it works if it was compiled against a gan-api with SPI version " + SpiVersion.MAJOR
                    + "). Plugin authors: add " + SpiVersion.MANIFEST_ATTRIBUTE + ": " + SpiVersion.MAJOR + " to the jar's manifest.");
        }
    }

    /** The {@code Gan4j-SPI-Version} a jar's manifest declares, if any. */
    static Optional<String> declaredSpiVersion(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? Optional.empty()
                    : Optional.ofNullable(manifest.getMainAttributes().getValue(SpiVersion.MANIFEST_ATTRIBUTE));
        } catch (IOException e) {
            throw Gan4jException.badInput("Cannot read the plugin jar " + jar + ": " + e
                    + ". Is it a jar? Rebuild it or remove it from the plugins directory.", e);
        }
    }

    /** The jars and sub-folders of a plugins directory, sorted by name so the order is stable. */
    private static List<Path> entries(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw Gan4jException.badInput("The plugins directory " + directory + " does not exist"
                    + (Files.exists(directory) ? " as a directory" : "")
                    + ". Create it, or point --plugins (or the config's plugins field) at the directory holding the plugin jars.");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> Files.isDirectory(p) || isJar(p)).sorted().toList();
        } catch (IOException | RuntimeException e) {
            throw Gan4jException.badInput("Cannot read the plugins directory " + directory + ": " + e
                    + ". Check its permissions.", e);
        }
    }

    private static List<Path> jarsIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(PluginLoader::isJar).sorted().toList();
        } catch (IOException | RuntimeException e) {
            throw Gan4jException.badInput("Cannot read the plugin folder " + folder + ": " + e
                    + ". Check its permissions.", e);
        }
    }

    private static boolean isJar(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar");
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return urls;
    }

    /**
     * Adds the plugins {@code loader} itself defines. A plugin loader sees only its own jars' service
     * entries ({@link PluginClassLoader} does not share {@code META-INF/services}), but an entry may
     * name a class the application defines (a shared API class); such a provider is skipped, since
     * the class path's plugins were found already.
     */
    private static void discover(ClassLoader loader, ClassLoader parent, Path origin,
                                 List<GanPlugin> plugins, Map<GanPlugin, Path> sources) {
        try {
            for (ServiceLoader.Provider<GanPlugin> provider : ServiceLoader.load(GanPlugin.class, loader).stream().toList()) {
                Class<? extends GanPlugin> type = provider.type();
                if (parent != null && type.getClassLoader() != loader) {
                    continue;
                }
                Path source = ComponentRegistry.codeSource(type);
                GanPlugin plugin;
                try {
                    plugin = provider.get();
                } catch (ServiceConfigurationError e) {
                    throw Gan4jException.badInput("The plugin " + type.getName() + " in " + source
                            + " could not be created: " + rootMessage(e) + ". Fix or remove the plugin jar.", e);
                }
                plugins.add(plugin);
                sources.put(plugin, source);
            }
        } catch (ServiceConfigurationError e) {
            throw Gan4jException.badInput(describe(e, origin), e);
        }
    }

    private static String describe(ServiceConfigurationError e, Path origin) {
        String message = String.valueOf(e.getMessage());
        Matcher missing = MISSING_PROVIDER.matcher(message);
        if (missing.find()) {
            return "The plugin jar " + origin + " lists the class " + missing.group(1)
                    + " in META-INF/services/" + GanPlugin.class.getName()
                    + ", but the jar does not contain it. Rebuild the plugin jar or remove it from the plugins directory.";
        }
        Matcher bad = BAD_PROVIDER.matcher(message);
        String subject = bad.find() ? "the class " + bad.group(1) : "its service entry";
        return "The plugin jar " + origin + " is broken: " + subject + " could not be loaded as a "
                + GanPlugin.class.getSimpleName() + " (" + rootMessage(e)
                + "). Rebuild the plugin jar or remove it from the plugins directory.";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t;
    }
}

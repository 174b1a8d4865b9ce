package org.gan4j.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin jar (or folder of jars). It shares with the application only
 * gan-core (the SPI and everything it exposes) and the libraries in gan-core's signatures:
 * ND4J and JavaCPP, Jackson, Guice and its injection annotations, SLF4J. Those are loaded from the
 * application first, so a plugin's {@code Loss} is gan4j's {@code Loss}. Every other class comes
 * from the plugin's own jars (child-first) or not at all: the JDK aside, a plugin sees neither the
 * application's other libraries (picocli, XChart, ...) nor the built-in plugins' classes, and two
 * plugins may bring different versions of the same library without clashing.
 *
 * <p>Resources follow the same rule: a plugin's {@code META-INF/services} files are its own, so
 * {@link java.util.ServiceLoader} over this loader finds only the plugin's providers.
 */
final class PluginClassLoader extends URLClassLoader {

    /** Package prefixes loaded parent-first from the application (gan-core and its API's libraries). */
    static final List<String> SHARED_PACKAGES = List.of(
            "org.gan4j.api.",
            "org.gan4j.core.",
            "org.nd4j.",
            "org.bytedeco.",
            "com.fasterxml.jackson.",
            "com.google.inject.",
            "jakarta.inject.",
            "javax.inject.",
            "org.aopalliance.",
            "org.slf4j.");

    private static final List<String> SHARED_RESOURCES =
            SHARED_PACKAGES.stream().map(p -> p.replace('.', '/')).toList();

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader application;
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

    PluginClassLoader(String name, URL[] urls, ClassLoader application) {
        // The JDK (platform loader) is the real parent; the application is consulted only for shared names.
        super(name, urls, ClassLoader.getPlatformClassLoader());
        this.application = application;
    }

    /** Whether {@code className} is one of the classes every plugin shares with gan4j. */
    static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSharedResource(String resource) {
        String r = resource.startsWith("/") ? resource.substring(1) : resource;
        for (String prefix : SHARED_RESOURCES) {
            if (r.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && isShared(name)) {
                try {
                    c = application.loadClass(name);
                } catch (ClassNotFoundException e) {
                    // A shared package the application lacks (e.g. an extra Jackson module): the plugin's own copy.
                }
            }
            if (c == null) {
                try {
                    c = platform.loadClass(name);
                } catch (ClassNotFoundException e) {
                    // Not the JDK's: the plugin's own, or nobody's.
                }
            }
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        URL url = isSharedResource(name) ? application.getResource(name) : null;
        if (url == null) {
            url = platform.getResource(name);
        }
        return url != null ? url : findResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>();
        if (isSharedResource(name)) {
            urls.addAll(Collections.list(application.getResources(name)));
        }
        urls.addAll(Collections.list(platform.getResources(name)));
        urls.addAll(Collections.list(findResources(name)));
        return Collections.enumeration(urls);
    }
}

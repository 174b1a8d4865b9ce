package org.gan4j.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.gan4j.api.Api;

/**
 * The class loader of one plugin jar (or folder of jars). It shares with the application exactly
 * the plugin API, the packages listed in {@link Api#PACKAGES} (as Trino's {@code PluginManager}
 * shares its SPI packages), and the libraries in the API's signatures: ND4J and JavaCPP, Jackson,
 * Guice and its injection annotations, SLF4J. Those are loaded from the application first, so a
 * plugin's {@code Loss} is gan4j's {@code Loss}. Every other class comes from the plugin's own jars
 * (child-first) or not at all: the JDK aside, a plugin sees neither the engine
 * ({@code org.gan4j.core}), nor gan-api's internal kernels, nor the application's other libraries
 * (picocli, XChart, ...), nor the built-in plugins' classes, and two plugins may bring different
 * versions of the same library without clashing. ({@link PluginLoader} refuses a jar that refers to
 * a gan4j class outside the API before this loader ever sees it.)
 *
 * <p>Resources follow the same rule: a plugin's {@code META-INF/services} files are its own, so
 * {@link java.util.ServiceLoader} over this loader finds only the plugin's providers.
 */
final class PluginClassLoader extends URLClassLoader {

    /** Package prefixes of the libraries in the API's signatures, loaded parent-first from the application. */
    static final List<String> SHARED_LIBRARIES = List.of(
            "org.nd4j.",
            "org.bytedeco.",
            "com.fasterxml.jackson.",
            "com.google.inject.",
            "jakarta.inject.",
            "javax.inject.",
            "org.aopalliance.",
            "org.slf4j.");

    private static final List<String> SHARED_LIBRARY_RESOURCES =
            SHARED_LIBRARIES.stream().map(p -> p.replace('.', '/')).toList();

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
        return isApi(className) || SHARED_LIBRARIES.stream().anyMatch(className::startsWith);
    }

    /** Whether {@code className} (a binary name) is in one of the plugin API's packages, exactly. */
    static boolean isApi(String className) {
        int dot = className.lastIndexOf('.');
        return dot > 0 && Api.PACKAGES.contains(className.substring(0, dot));
    }

    private static boolean isSharedResource(String resource) {
        String r = resource.startsWith("/") ? resource.substring(1) : resource;
        int slash = r.lastIndexOf('/');
        return (slash > 0 && Api.PACKAGES.contains(r.substring(0, slash).replace('/', '.')))
                || SHARED_LIBRARY_RESOURCES.stream().anyMatch(r::startsWith);
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

package org.gan4j.api.spi;

import com.google.inject.Binder;
import com.google.inject.Module;
import java.util.List;

/**
 * A gan4j plugin: a Guice module that also names the components it contributes.
 *
 * <p>Every module of gan4j, the built-in ones included, registers its components through an
 * implementation of this interface listed in {@code META-INF/services/org.gan4j.api.spi.GanPlugin}.
 * gan4j finds plugins with {@link java.util.ServiceLoader} on its class path and in the plugins
 * directory (one class loader per jar or sub-folder), registers each component's name with Jackson
 * so a config file can select it by {@code type}, and installs the plugin as a Guice module when it
 * wires a run.
 *
 * <p>This follows Apache Druid's extension pattern, with one change: a plugin lists its components
 * as {@link ComponentType}s rather than handing over opaque Jackson modules, so gan4j can list them
 * ({@code gan4j plugins}), refuse two jars registering the same name, and suggest names on a typo.
 */
public interface GanPlugin extends Module {

    /** The components this plugin contributes. */
    List<ComponentType> components();

    /**
     * Extra Jackson modules (serializers, mix-ins) the plugin's components need; most plugins need
     * none. Component names are registered from {@link #components()}, not from here.
     */
    default List<com.fasterxml.jackson.databind.Module> jacksonModules() {
        return List.of();
    }

    /** Guice bindings the plugin adds to a run (for example training listeners); none by default. */
    @Override
    default void configure(Binder binder) {
    }
}

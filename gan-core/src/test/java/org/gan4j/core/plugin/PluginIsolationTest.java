package org.gan4j.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.SpiVersion;
import org.gan4j.api.spi.Loss;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plugin class loaders share only gan-core and its API's libraries with the application, so two
 * plugins can bring different versions of one library; jars declaring another SPI version are refused.
 */
class PluginIsolationTest {

    private static final String SPI = SpiVersion.MANIFEST_ATTRIBUTE;

    private static Path classes;
    /** lib.Version compiled a second time, returning "2". */
    private static Path classesV2;

    @TempDir
    Path temp;

    private final ClassLoader app = PluginIsolationTest.class.getClassLoader();

    @BeforeAll
    static void compile(@TempDir Path work) throws Exception {
        Map<String, String> sources = new HashMap<>();
        sources.put("lib.Version", "package lib; public final class Version { public static String get() { return \"1\"; } }");
        // Two plugins whose loss's default scale is the lib.Version they see.
        for (String pkg : List.of("one", "two")) {
            sources.put(pkg + ".P", PluginJars.plugin(pkg, "P", "Loss.class, \"" + pkg + "-loss\", L.class"));
            sources.put(pkg + ".L", PluginJars.loss(pkg, "L", pkg)
                    .replace("scale == null ? 1.0 : scale", "scale == null ? Double.parseDouble(lib.Version.get()) : scale"));
        }
        classes = PluginJars.compile(work.resolve("v1"), sources);
        classesV2 = PluginJars.compile(work.resolve("v2"), Map.of(
                "lib.Version", "package lib; public final class Version { public static String get() { return \"2\"; } }"));
    }

    private Path plugins() throws Exception {
        return Files.createDirectories(temp.resolve("plugins"));
    }

    private Path pluginJar(Path dir, String pkg, Map<String, String> manifest) throws Exception {
        return PluginJars.jar(dir.resolve(pkg + "-plugin.jar"), classes, pkg, pkg + ".P\n", manifest);
    }

    @Test
    void twoPluginsBringingDifferentVersionsOfALibraryEachSeeTheirOwn() throws Exception {
        Path plugins = plugins();
        Path a = Files.createDirectories(plugins.resolve("a"));
        Path b = Files.createDirectories(plugins.resolve("b"));
        PluginJars.jar(a.resolve("lib-1.jar"), classes, "lib", null);
        pluginJar(a, "one", Map.of(SPI, "2"));
        PluginJars.jar(b.resolve("lib-2.jar"), classesV2, "lib", null);
        pluginJar(b, "two", Map.of(SPI, "2"));

        ComponentRegistry registry = PluginLoader.load(app, List.of(plugins));

        RegisteredComponent one = registry.find(Loss.class, "one-loss").orElseThrow();
        RegisteredComponent two = registry.find(Loss.class, "two-loss").orElseThrow();
        assertThat(registry.settings(one)).extracting(ComponentRegistry.Setting::defaultValue).containsExactly("1.0");
        assertThat(registry.settings(two)).extracting(ComponentRegistry.Setting::defaultValue).containsExactly("2.0");
        Class<?> versionSeenByOne = one.implementation().getClassLoader().loadClass("lib.Version");
        Class<?> versionSeenByTwo = two.implementation().getClassLoader().loadClass("lib.Version");
        assertThat(versionSeenByOne).isNotSameAs(versionSeenByTwo);
        assertThat(versionSeenByOne.getClassLoader()).isSameAs(one.implementation().getClassLoader());
        assertThat(registry.notes()).isEmpty();
    }

    @Test
    void aPluginSharesGanCoreAndItsLibrariesButSeesNoOtherApplicationClass() throws Exception {
        Path plugins = plugins();
        pluginJar(plugins, "one", Map.of(SPI, "2"));
        PluginJars.jar(plugins.resolve("lib.jar"), classes, "lib", null);

        ComponentRegistry registry = PluginLoader.load(app, List.of(plugins));
        ClassLoader loader = registry.find(Loss.class, "one-loss").orElseThrow().implementation().getClassLoader();

        // The SPI and the libraries in its signatures are the application's own classes.
        assertThat(loader.loadClass(Loss.class.getName())).isSameAs(Loss.class);
        assertThat(loader.loadClass(Nd4j.class.getName())).isSameAs(Nd4j.class);
        assertThat(loader.loadClass(com.fasterxml.jackson.databind.ObjectMapper.class.getName()))
                .isSameAs(com.fasterxml.jackson.databind.ObjectMapper.class);
        assertThat(loader.loadClass(com.google.inject.Module.class.getName())).isSameAs(com.google.inject.Module.class);
        assertThat(loader.loadClass("java.util.List")).isSameAs(List.class);
        assertThat(loader.loadClass("java.sql.Connection")).isSameAs(java.sql.Connection.class);
        // Other application libraries (on this test's class path) are invisible.
        for (String hidden : List.of("org.apache.commons.text.StringEscapeUtils", "org.assertj.core.api.Assertions",
                "org.knowm.xchart.XYChart")) {
            assertThat(app.loadClass(hidden)).isNotNull();
            assertThatThrownBy(() -> loader.loadClass(hidden)).as(hidden).isInstanceOf(ClassNotFoundException.class);
        }
        // And another plugin jar's classes too: lib.jar is a plugin of its own here, not one's library.
        assertThatThrownBy(() -> loader.loadClass("lib.Version")).isInstanceOf(ClassNotFoundException.class);
        // Service files of the class path stay out of the plugin's view.
        assertThat(java.util.Collections.list(loader.getResources(PluginJars.SERVICE))).hasSize(1);
    }

    @Test
    void aJarBuiltForAnotherSpiVersionIsRefusedSayingWhatToDo() throws Exception {
        Path plugins = plugins();
        Path jar = pluginJar(plugins, "one", Map.of(SPI, "1"));

        assertThatThrownBy(() -> PluginLoader.load(app, List.of(plugins)))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("The plugin jar " + jar + " was built for gan4j SPI version 1")
                .hasMessageContaining("this gan4j provides SPI version 2")
                .hasMessageContaining("Rebuild the plugin against this gan4j's gan-api");
    }

    @Test
    void aMinorVersionOfTheSameMajorIsAcceptedAndAnUnreadableOneRefused() throws Exception {
        Path plugins = plugins();
        pluginJar(plugins, "one", Map.of(SPI, "2.3"));
        assertThat(PluginLoader.load(app, List.of(plugins)).find(Loss.class, "one-loss")).isPresent();

        Path jar = pluginJar(plugins, "one", Map.of(SPI, "one"));
        assertThatThrownBy(() -> PluginLoader.load(app, List.of(plugins)))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining(jar + " declares Gan4j-SPI-Version: 'one'");
    }

    @Test
    void aJarDeclaringNoVersionIsLoadedWithANote() throws Exception {
        Path plugins = plugins();
        Path jar = pluginJar(plugins, "one", Map.of());
        PluginJars.jar(plugins.resolve("lib.jar"), classes, "lib", null, Map.of(SPI, "2"));

        ComponentRegistry registry = PluginLoader.load(app, List.of(plugins));

        assertThat(registry.find(Loss.class, "one-loss")).isPresent();
        assertThat(registry.notes()).singleElement().asString()
                .startsWith(jar + " declares no Gan4j-SPI-Version in its manifest; loaded anyway");
    }

    @Test
    void sharedPackagesAreGanCoreAndTheLibrariesOfItsApi() {
        assertThat(PluginClassLoader.isShared("org.gan4j.api.spi.Loss")).isTrue();
        assertThat(PluginClassLoader.isShared("org.nd4j.linalg.api.ndarray.INDArray")).isTrue();
        assertThat(PluginClassLoader.isShared("org.gan4j.losses.MinimaxLoss")).isFalse();
        assertThat(PluginClassLoader.isShared("org.gan4j.coreextra.X")).isFalse();
        assertThat(PluginClassLoader.isShared("picocli.CommandLine")).isFalse();
    }
}

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
 * Plugin class loaders share only the plugin API and its libraries with the application, so two
 * plugins can bring different versions of one library; jars declaring another SPI version, or
 * referring to gan4j classes outside the plugin API, are refused.
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
    void aPluginSharesThePluginApiAndItsLibrariesButSeesNoOtherApplicationClass() throws Exception {
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
    void sharedPackagesAreExactlyThePluginApiAndTheLibrariesOfItsSignatures() {
        assertThat(PluginClassLoader.isShared("org.gan4j.api.spi.Loss")).isTrue();
        assertThat(PluginClassLoader.isShared("org.gan4j.api.Gan4jException")).isTrue();
        assertThat(PluginClassLoader.isShared("org.gan4j.api.nn.Sequential$Builder")).isTrue();
        assertThat(PluginClassLoader.isShared("org.nd4j.linalg.api.ndarray.INDArray")).isTrue();
        assertThat(PluginClassLoader.isShared("com.google.inject.Module")).isTrue();
        // gan-api's internal kernels, the engine and the built-in plugins are not shared.
        assertThat(PluginClassLoader.isShared("org.gan4j.api.nn.kernel.Gemm")).isFalse();
        assertThat(PluginClassLoader.isShared("org.gan4j.core.train.Trainer")).isFalse();
        assertThat(PluginClassLoader.isShared("org.gan4j.losses.MinimaxLoss")).isFalse();
        assertThat(PluginClassLoader.isShared("org.gan4j.apix.X")).isFalse();
        assertThat(PluginClassLoader.isShared("picocli.CommandLine")).isFalse();
    }

    @Test
    void aPluginReferringToAnEngineClassIsRefusedNamingTheJarTheClassAndTheRule() throws Exception {
        // Referred to only inside a method body: found in the constant pool, without loading anything.
        Path plugins = plugins();
        Path jar = sneakyJar(plugins, "static long seed() { return org.gan4j.core.train.Seeds.derive(1, \"x\"); }");

        assertThatThrownBy(() -> PluginLoader.load(app, List.of(plugins)))
                .isInstanceOf(Gan4jException.class)
                .satisfies(e -> assertThat(((Gan4jException) e).exitCode()).isEqualTo(Gan4jException.BAD_INPUT))
                .hasMessageStartingWith("The plugin jar " + jar + " is refused: its class sneaky.L refers to"
                        + " org.gan4j.core.train.Seeds, which is not part of gan4j's plugin API. Plugins may use only the"
                        + " packages org.gan4j.api, org.gan4j.api.array, ")
                .hasMessageContaining("org.gan4j.core.train.Seeds is internal to gan4j")
                .hasMessageEndingWith("Rebuild the plugin against gan-api alone, or remove the jar from the plugins directory.");
    }

    @Test
    void aPluginUsingGanApisKernelsOrNamingAnEngineTypeInASignatureIsRefusedToo() throws Exception {
        Path plugins = plugins();
        sneakyJar(plugins, "static void threads() { org.gan4j.api.nn.kernel.ComputeThreads.configure(1); }");
        assertThatThrownBy(() -> PluginLoader.load(app, List.of(plugins)))
                .hasMessageContaining("sneaky.L refers to org.gan4j.api.nn.kernel.ComputeThreads");

        sneakyJar(plugins, "static void take(java.util.List<org.gan4j.core.train.RunDirectory> dirs) { }");
        assertThatThrownBy(() -> PluginLoader.load(app, List.of(plugins)))
                .hasMessageContaining("sneaky.L refers to org.gan4j.core.train.RunDirectory");
    }

    @Test
    void aPluginMayUseEveryApiPackageAndClassesOfItsOwnUnderOrgGan4j() throws Exception {
        Path plugins = plugins();
        sneakyJar(plugins, "static Object api() { return java.util.List.of(org.gan4j.api.array.Shapes.withBatch(1, new long[] {2}),"
                + " org.gan4j.api.nn.Sequential.builder(2), org.gan4j.api.data.MixtureDataset.class,"
                + " org.gan4j.api.train.TrainingListener.class, org.gan4j.api.Checks.positive(\"x\", 1)); }");
        assertThat(PluginLoader.load(app, List.of(plugins)).find(Loss.class, "sneaky-loss")).isPresent();
    }

    /** A plugin jar (package sneaky) whose loss class also holds {@code member}. */
    private Path sneakyJar(Path plugins, String member) throws Exception {
        Path built = PluginJars.compile(temp.resolve("sneaky-" + Integer.toHexString(member.hashCode())), Map.of(
                "sneaky.P", PluginJars.plugin("sneaky", "P", "Loss.class, \"sneaky-loss\", L.class"),
                "sneaky.L", PluginJars.loss("sneaky", "L", "sneaky").replaceFirst("\\n}\\s*$", "\n    " + member + "\n}\n")));
        return PluginJars.jar(plugins.resolve("sneaky-plugin.jar"), built, "sneaky", "sneaky.P\n", Map.of(SPI, "2"));
    }
}

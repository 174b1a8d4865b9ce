package org.gan4j.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.OptimizerSpec;
import org.gan4j.api.spi.TrainingSchedule;
import org.gan4j.core.config.ConfigReader;
import org.gan4j.core.config.RunConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    /** Every test plugin's classes, compiled once (one javac run); tests pack them into jars by package. */
    private static Path classes;

    @TempDir
    Path temp;

    private final ClassLoader app = PluginLoaderTest.class.getClassLoader();

    @BeforeAll
    static void compilePlugins(@TempDir Path work) throws Exception {
        Map<String, String> sources = new HashMap<>();
        // my.plugin: the loss my-loss and the settings-only data and models a config needs besides.
        sources.put("my.plugin.MyPlugin", PluginJars.plugin("my.plugin", "MyPlugin", "Loss.class, \"my-loss\", MyLoss.class",
                "DatasetSpec.class, \"my-data\", MyData.class", "GeneratorSpec.class, \"my-gen\", MyGen.class",
                "DiscriminatorSpec.class, \"my-disc\", MyDisc.class"));
        sources.put("my.plugin.MyLoss", PluginJars.loss("my.plugin", "MyLoss", "my loss for tests"));
        sources.put("my.plugin.MyData", settingsOnly("MyData", "DatasetSpec", "Dataset open(DataContext c)"));
        sources.put("my.plugin.MyGen", settingsOnly("MyGen", "GeneratorSpec", "Generator build(ModelContext c)"));
        sources.put("my.plugin.MyDisc", settingsOnly("MyDisc", "DiscriminatorSpec", "Discriminator build(ModelContext c)"));
        // lib + bundled: a plugin whose loss calls into a library shipped in the same sub-folder.
        sources.put("lib.Scale", "package lib; public final class Scale { public static double twice(double x) { return 2 * x; } }");
        sources.put("bundled.LibPlugin", PluginJars.plugin("bundled", "LibPlugin", "Loss.class, \"lib-loss\", LibLoss.class"));
        sources.put("bundled.LibLoss", PluginJars.loss("bundled", "LibLoss", "uses a library")
                .replace("scale == null ? 1.0 : scale", "lib.Scale.twice(scale == null ? 1.0 : scale)"));
        // first, second: two plugins registering the same name.
        for (String name : List.of("first", "second")) {
            sources.put(name + ".P", PluginJars.plugin(name, "P", "Loss.class, \"dup-loss\", L.class"));
            sources.put(name + ".L", PluginJars.loss(name, "L", name));
        }
        // x: a plugin taking the built-in schedule's name.
        sources.put("x.P", PluginJars.plugin("x", "P", "TrainingSchedule.class, \"alternating\", S.class"));
        sources.put("x.S", "package x; public abstract class S implements org.gan4j.api.spi.TrainingSchedule {}");
        // ok: a healthy plugin, packed with a service file that also names a missing class.
        sources.put("ok.P", PluginJars.plugin("ok", "P", "Loss.class, \"ok-loss\", L.class"));
        sources.put("ok.L", PluginJars.loss("ok", "L", "ok"));
        classes = PluginJars.compile(work, sources);
    }

    /** A component of package my.plugin with one optional setting, {@code path}, whose one method throws. */
    private static String settingsOnly(String name, String kind, String method) {
        return """
                package my.plugin;
                import com.fasterxml.jackson.annotation.*;
                import org.gan4j.api.spi.*;
                public record %s(@JsonProperty("path") String path) implements %s {
                    @JsonCreator public %s {
                    }
                    @Override public %s { throw new UnsupportedOperationException("test only"); }
                }
                """.formatted(name, kind, name, method);
    }

    private Path pluginsDir() throws Exception {
        return Files.createDirectories(temp.resolve("plugins"));
    }

    private Path myLossJar(Path plugins) throws Exception {
        return PluginJars.jar(plugins.resolve("my-plugin.jar"), classes, "my.plugin", "# the plugin\nmy.plugin.MyPlugin\n");
    }

    @Test
    void findsPluginsInJarsAndRecordsWhereTheyCameFrom() throws Exception {
        Path plugins = pluginsDir();
        Path jar = myLossJar(plugins);

        ComponentRegistry registry = PluginLoader.load(app, List.of(plugins));

        RegisteredComponent myLoss = registry.find(Loss.class, "my-loss").orElseThrow();
        assertThat(myLoss.source()).isEqualTo(jar);
        assertThat(myLoss.description()).isEqualTo("my loss for tests");
        assertThat(myLoss.implementation().getName()).isEqualTo("my.plugin.MyLoss");
        assertThat(myLoss.implementation().getClassLoader()).isNotSameAs(app);
        assertThat(registry.plugins()).extracting(p -> p.getClass().getName())
                .containsExactly(CorePlugin.class.getName(), "my.plugin.MyPlugin");
        assertThat(registry.sourceOf(registry.plugins().get(1))).isEqualTo(jar);
        // gan-core's own plugin comes from the class path: gan-core's classes directory or jar.
        assertThat(registry.find(OptimizerSpec.class, "adam").orElseThrow().source())
                .isEqualTo(ComponentRegistry.codeSource(CorePlugin.class)).isNotEqualTo(jar);
        assertThat(registry.names(Loss.class)).containsExactly("my-loss");
        assertThat(registry.names(TrainingSchedule.class)).containsExactly("alternating");
    }

    @Test
    void aConfigSelectsAPluginComponentByName() throws Exception {
        Path plugins = pluginsDir();
        myLossJar(plugins);
        ComponentRegistry registry = PluginLoader.load(app, List.of(plugins));
        Path config = Files.writeString(temp.resolve("run.yaml"), """
                data: {type: my-data, path: d}
                generator: {type: my-gen}
                discriminator: {type: my-disc}
                loss: {type: my-loss, scale: 2.5}
                """);

        RunConfig run = ConfigReader.read(config, registry);

        assertThat(run.loss().getClass().getName()).isEqualTo("my.plugin.MyLoss");
        assertThat(run.loss().toString()).contains("scale=2.5");
        assertThat(ConfigReader.toYaml(run, registry)).contains("type: my-loss", "scale: 2.5");
        assertThat(registry.settings(registry.find(Loss.class, "my-loss").orElseThrow()))
                .containsExactly(new ComponentRegistry.Setting("scale", "1.0", "multiplies the loss"));
    }

    @Test
    void anUnknownTypeListsThePluginsNamesToo() throws Exception {
        Path plugins = pluginsDir();
        myLossJar(plugins);
        ComponentRegistry registry = PluginLoader.load(app, List.of(plugins));
        Path config = Files.writeString(temp.resolve("run.yaml"), """
                data: {type: my-data, path: d}
                generator: {type: my-gen}
                discriminator: {type: my-disc}
                loss: {type: my-los}
                """);

        assertThatThrownBy(() -> ConfigReader.read(config, registry))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("run.yaml:4:8:")
                .hasMessageContaining("unknown loss 'my-los' at loss.type; known: my-loss. Did you mean 'my-loss'?");
    }

    @Test
    void aSubFolderIsOnePluginWithItsLibraries() throws Exception {
        Path plugins = pluginsDir();
        Path bundle = Files.createDirectories(plugins.resolve("bundle"));
        // The library jar has no service entry; the plugin jar's loss calls into it.
        PluginJars.jar(bundle.resolve("a-lib.jar"), classes, "lib", null);
        Path jar = PluginJars.jar(bundle.resolve("b-plugin.jar"), classes, "bundled", "bundled.LibPlugin\n");

        ComponentRegistry registry = PluginLoader.load(app, List.of(plugins));

        RegisteredComponent libLoss = registry.find(Loss.class, "lib-loss").orElseThrow();
        assertThat(libLoss.source()).isEqualTo(jar);
        assertThat(registry.settings(libLoss)).extracting(ComponentRegistry.Setting::defaultValue).containsExactly("2.0");
    }

    @Test
    void twoJarsRegisteringTheSameNameAreRefusedNamingBoth() throws Exception {
        Path plugins = pluginsDir();
        for (String name : List.of("first", "second")) {
            PluginJars.jar(plugins.resolve(name + "-plugin.jar"), classes, name, name + ".P\n");
        }

        assertThatThrownBy(() -> PluginLoader.load(app, List.of(plugins)))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("Two plugins register the loss 'dup-loss'")
                .hasMessageContaining(plugins.resolve("first-plugin.jar").toString())
                .hasMessageContaining(plugins.resolve("second-plugin.jar").toString())
                .hasMessageContaining("Remove one of the two jars");
    }

    @Test
    void aPluginJarCannotTakeABuiltInName() throws Exception {
        Path plugins = pluginsDir();
        PluginJars.jar(plugins.resolve("adam.jar"), classes, "x", "x.P\n");

        assertThatThrownBy(() -> PluginLoader.load(app, List.of(plugins)))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("schedule 'alternating'")
                .hasMessageContaining(ComponentRegistry.codeSource(CorePlugin.class).toString())
                .hasMessageContaining(plugins.resolve("adam.jar").toString());
    }

    @Test
    void aServiceEntryNamingAMissingClassNamesTheJarAndTheClass() throws Exception {
        Path plugins = pluginsDir();
        PluginJars.jar(plugins.resolve("broken.jar"), classes, "ok", "ok.P\nok.Gone\n");

        assertThatThrownBy(() -> PluginLoader.load(app, List.of(plugins)))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining(plugins.resolve("broken.jar").toString())
                .hasMessageContaining("lists the class ok.Gone")
                .hasMessageContaining("Rebuild the plugin jar");
    }

    @Test
    void aMissingPluginsDirectoryIsAnError() {
        Path absent = temp.resolve("no-such-plugins");

        assertThatThrownBy(() -> PluginLoader.load(app, List.of(absent)))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("The plugins directory " + absent + " does not exist");
    }

    @Test
    void anEmptyDirectoryAddsNothing() throws Exception {
        ComponentRegistry registry = PluginLoader.load(app, List.of(pluginsDir()));

        assertThat(registry.plugins()).extracting(p -> (Object) p.getClass()).containsExactly(CorePlugin.class);
        assertThat(registry.components()).extracting(RegisteredComponent::name)
                .containsExactly("adam", "rmsprop", "sgd", "alternating", "mode-coverage", "classifier-fid", "class-accuracy");
    }
}

package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gan4j.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gan4j.core.plugin.PluginJars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin compiled at test time, packed into a jar with its service entry and dropped into a
 * plugins folder, as a user would: {@code gan4j plugins} lists it with its jar, {@code gan4j validate}
 * accepts a config selecting it by name, and a second jar registering the same name is refused.
 */
class PluginsCommandTest {

    @TempDir
    static Path work;

    static Path classes;

    @BeforeAll
    static void compile() throws Exception {
        classes = PluginJars.compile(work.resolve("build"), Map.of(
                "acme.AcmePlugin", PluginJars.plugin("acme", "AcmePlugin", "Loss.class, \"acme-loss\", AcmeLoss.class"),
                "acme.AcmeLoss", PluginJars.loss("acme", "AcmeLoss", "the ACME test loss"),
                "rival.RivalPlugin", PluginJars.plugin("rival", "RivalPlugin", "Loss.class, \"acme-loss\", RivalLoss.class"),
                "rival.RivalLoss", PluginJars.loss("rival", "RivalLoss", "a rival")));
    }



    private static Path pluginsWith(String dirName, String... packages) throws Exception {
        Path dir = Files.createDirectories(work.resolve(dirName));
        for (String pkg : packages) {
            String plugin = pkg.substring(0, 1).toUpperCase() + pkg.substring(1) + "Plugin";
            PluginJars.jar(dir.resolve(pkg + "-plugin.jar"), classes, pkg, pkg + "." + plugin + "\n");
        }
        return dir;
    }

    @Test
    void aDroppedInJarIsListedAndSelectableByName() throws Exception {
        Path plugins = pluginsWith("plugins-one", "acme");

        CliRun.Result listed = run("plugins", "--plugins", plugins.toString());
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.out()).containsPattern("acme-loss\\s+\\[acme-plugin.jar\\]\\s+the ACME test loss");
        assertThat(listed.out()).contains("scale = 1.0");
        CliRun.Result json = run("plugins", "--json", "--plugins", plugins.toString());
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode acme = null;
        for (JsonNode kind : new ObjectMapper().readTree(json.out()).get("kinds")) {
            for (JsonNode c : kind.get("components")) {
                if (c.get("type").asText().equals("acme-loss")) {
                    assertThat(kind.get("kind").asText()).isEqualTo("loss");
                    acme = c;
                }
            }
        }
        assertThat(acme).as("acme-loss in plugins --json").isNotNull();
        assertThat(acme.get("source").asText()).isEqualTo(plugins.resolve("acme-plugin.jar").toString());
        assertThat(acme.get("description").asText()).isEqualTo("the ACME test loss");
        assertThat(acme.at("/settings/0/name").asText()).isEqualTo("scale");
        assertThat(acme.at("/settings/0/default").asDouble()).isEqualTo(1.0);

        Path config = Files.writeString(work.resolve("acme.yaml"), """
                data: { type: mnist, path: somewhere, split: test }
                generator: { type: mlp }
                discriminator: { type: mlp }
                loss: { type: acme-loss, scale: 2.5 }
                """);
        CliRun.Result valid = run("validate", config.toString(), "--plugins", plugins.toString());
        assertThat(valid.code()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("type: acme-loss", "scale: 2.5");

        CliRun.Result without = run("validate", config.toString());
        assertThat(without.code()).isEqualTo(2);
        assertThat(without.err()).contains("unknown loss 'acme-loss'", "minimax", "non-saturating", "wasserstein",
                "If 'acme-loss' comes from a plugin jar, pass its directory with --plugins DIR");
    }

    @Test
    void verboseNotesAJarThatDeclaresNoSpiVersion() throws Exception {
        Path plugins = pluginsWith("plugins-verbose", "acme");
        CliRun.Result r = run("plugins", "--verbose", "--plugins", plugins.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("note: " + plugins.resolve("acme-plugin.jar")
                + " declares no Gan4j-SPI-Version in its manifest; loaded anyway");
        assertThat(run("plugins", "--plugins", plugins.toString()).out()).doesNotContain("note:");
    }

    @Test
    void twoJarsRegisteringTheSameNameAreRefusedNamingBoth() throws Exception {
        Path plugins = pluginsWith("plugins-two", "acme", "rival");
        CliRun.Result r = run("plugins", "--plugins", plugins.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("acme-loss", "acme-plugin.jar", "rival-plugin.jar").doesNotContain("\tat ");
    }
}

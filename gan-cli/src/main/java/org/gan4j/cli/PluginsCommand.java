package org.gan4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gan4j.api.SpiVersion;
import org.gan4j.api.spi.ComponentKinds;
import org.gan4j.api.spi.Loss;
import org.gan4j.cli.common.CommonOptions;
import org.gan4j.core.Locations;
import org.gan4j.core.config.RegularisedLoss;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.plugin.RegisteredComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j plugins}: every component a config can select, by kind, with its settings and defaults;
 * {@code --json} prints the same as one JSON document ({@link #listing}).
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List every component (dataset, generator, discriminator, loss, schedule, optimizer, metric) "
                + "with the jar it comes from and its settings.")
public final class PluginsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the listing as one JSON document (every kind, component, "
            + "source, setting and default) for programs.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        ComponentRegistry registry = common.registry();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(registry.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(listing(registry)));
            out.flush();
            return 0;
        }
        for (Map.Entry<Class<?>, List<RegisteredComponent>> kind : registry.byKind().entrySet()) {
            out.println(ComponentKinds.nameOf(kind.getKey()));
            if (kind.getValue().isEmpty()) {
                out.println("  (none installed)");
            }
            int width = kind.getValue().stream().mapToInt(c -> c.name().length()).max().orElse(0);
            for (RegisteredComponent c : kind.getValue()) {
                out.printf("  %-" + width + "s  [%s]  %s%n", c.name(), sourceName(c.source()), c.description());
                if (common.quiet()) {
                    continue;
                }
                List<ComponentRegistry.Setting> settings = registry.settings(c);
                printSettings(out, settings);
            }
            List<ComponentRegistry.Setting> shared = sharedSettings(kind.getKey());
            if (!shared.isEmpty() && !common.quiet()) {
                out.println("  any " + ComponentKinds.nameOf(kind.getKey()));
                printSettings(out, shared);
            }
        }
        if (common.verbose()) {
            out.println();
            out.println("plugins directories searched: " + (common.pluginDirectories(Optional.empty()).isEmpty()
                    ? "none" : common.pluginDirectories(Optional.empty())));
            registry.plugins().forEach(p -> out.println("plugin " + p.getClass().getName() + " from " + registry.sourceOf(p)));
            registry.notes().forEach(n -> out.println("note: " + n));
        }
        out.flush();
        return 0;
    }

    private static final int MAX_ALIGNED_WIDTH = 40;

    private static void printSettings(PrintWriter out, List<ComponentRegistry.Setting> settings) {
        // Long defaults (maps, URLs) would push every description off screen: they get a line of their own.
        int w = settings.stream().mapToInt(s -> assignment(s).length())
                .filter(n -> n <= MAX_ALIGNED_WIDTH).max().orElse(0);
        for (ComponentRegistry.Setting s : settings) {
            String assignment = assignment(s);
            if (assignment.length() > MAX_ALIGNED_WIDTH) {
                out.printf("      %s%n      %-" + w + "s  %s%n", assignment, "", s.description());
            } else {
                out.printf("      %-" + w + "s  %s%n", assignment, s.description());
            }
        }
    }

    /** Settings a kind's section takes whatever its type: the engine reads them, not the component. */
    static List<ComponentRegistry.Setting> sharedSettings(Class<?> kind) {
        return kind == Loss.class ? RegularisedLoss.LISTED : List.of();
    }

    /**
     * {@code {"spiVersion": 2, "kinds": [{"kind": "loss", "components": [{"type", "source", "class",
     * "description", "settings": [{"name", "default", "required", "description"}]}]}]}}: every kind, also
     * those with no component; a setting's {@code default} is its JSON value (null for "not set"),
     * left out when the component cannot be built without settings. A kind's {@code sharedSettings}
     * are those every component of the kind takes (a loss's {@code r1}, {@code r2}, {@code penaltyEvery}).
     */
    static ObjectNode listing(ComponentRegistry registry) throws IOException {
        ObjectMapper mapper = registry.jsonMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("spiVersion", SpiVersion.MAJOR);
        ArrayNode kinds = root.putArray("kinds");
        for (Map.Entry<Class<?>, List<RegisteredComponent>> kind : registry.byKind().entrySet()) {
            ObjectNode k = kinds.addObject();
            k.put("kind", ComponentKinds.nameOf(kind.getKey()));
            ArrayNode shared = k.putArray("sharedSettings");
            for (ComponentRegistry.Setting s : sharedSettings(kind.getKey())) {
                ObjectNode setting = shared.addObject();
                setting.put("name", s.name());
                setting.set("default", mapper.readTree(s.defaultValue()));
                setting.put("required", false);
                setting.put("description", s.description());
            }
            ArrayNode components = k.putArray("components");
            for (RegisteredComponent c : kind.getValue()) {
                ObjectNode component = components.addObject();
                component.put("type", c.name());
                component.put("source", c.source().toString());
                component.put("class", c.implementation().getName());
                component.put("description", c.description());
                Optional<ObjectNode> defaults = registry.defaults(c);
                ArrayNode settings = component.putArray("settings");
                for (ComponentRegistry.Setting s : registry.settings(c)) {
                    ObjectNode setting = settings.addObject();
                    setting.put("name", s.name());
                    if (defaults.isPresent()) {
                        JsonNode value = defaults.get().get(s.name());
                        setting.set("default", value == null ? NullNode.instance : value);
                    }
                    setting.put("required", s.defaultValue().equals(ComponentRegistry.Setting.REQUIRED));
                    setting.put("description", s.description());
                }
            }
        }
        return root;
    }

    private static String assignment(ComponentRegistry.Setting s) {
        return s.name() + " = " + s.defaultValue();
    }

    /** A jar by its file name; a class directory (a development build) by its path. */
    static String sourceName(Path source) {
        if (Files.isRegularFile(source)) {
            return String.valueOf(source.getFileName());
        }
        return Locations.shown(source).toString();
    }
}

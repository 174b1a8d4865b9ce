package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.api.spi.ComponentKinds;
import org.gan4j.cli.common.CommonOptions;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.plugin.RegisteredComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gan4j plugins}: every component a config can select, by kind, with its settings and defaults. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List every component (dataset, generator, discriminator, loss, schedule, optimizer) "
                + "with the jar it comes from and its settings.")
public final class PluginsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ComponentRegistry registry = common.registry();
        PrintWriter out = spec.commandLine().getOut();
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
        }
        if (common.verbose()) {
            out.println();
            out.println("plugins directories searched: " + (common.pluginDirectories(java.util.Optional.empty()).isEmpty()
                    ? "none" : common.pluginDirectories(java.util.Optional.empty())));
            registry.plugins().forEach(p -> out.println("plugin " + p.getClass().getName() + " from " + registry.sourceOf(p)));
            registry.notes().forEach(n -> out.println("note: " + n));
        }
        out.flush();
        return 0;
    }

    private static final int MAX_ALIGNED_WIDTH = 40;

    private static String assignment(ComponentRegistry.Setting s) {
        return s.name() + " = " + s.defaultValue();
    }

    /** A jar by its file name; a class directory (a development build) by its path. */
    static String sourceName(Path source) {
        if (Files.isRegularFile(source)) {
            return String.valueOf(source.getFileName());
        }
        Path cwd = Path.of("").toAbsolutePath();
        return source.startsWith(cwd) ? cwd.relativize(source).toString() : source.toString();
    }
}

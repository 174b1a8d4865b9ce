package org.gan4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.cli.common.CommonOptions;
import org.gan4j.core.config.ConfigReader;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.plugin.ComponentRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gan4j validate CONFIG}: reads a config and prints it fully resolved, or says what is wrong. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a run config and print it with every default filled in (exit 0), or explain the first problem (exit 2).")
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The run config, *.yaml, *.yml or *.json.")
    Path config;

    @Override
    public Integer call() {
        ComponentRegistry registry = common.registry(config);
        RunConfig resolved = ConfigReader.read(config, registry);
        if (!common.quiet()) {
            spec.commandLine().getOut().print(ConfigReader.toYaml(resolved, registry));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}

package org.gan4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.core.error.Gan4jException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gan4j train CONFIG}: trains the run a config describes (not wired to the trainer yet). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the GAN a config describes, writing metrics, sample grids and checkpoints to the run directory.")
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The run config, *.yaml, *.yml or *.json.")
    Path config;

    @Option(names = "--overwrite", description = "Replace an existing run directory of the same name.")
    boolean overwrite;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for ND4J's native operations (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        throw Gan4jException.badInput("gan4j train is not wired yet.");
    }
}

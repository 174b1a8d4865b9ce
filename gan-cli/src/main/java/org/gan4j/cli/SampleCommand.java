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

/** {@code gan4j sample RUN_DIR}: draws samples from a trained run's generator (not wired yet). */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw samples from the generator of a finished (or checkpointed) run and write them as an image grid.")
public final class SampleCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory, e.g. runs/mnist-ns.")
    Path runDirectory;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "64", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the grid (default: <RUN_DIR>/samples.png).")
    Path output;

    @Override
    public Integer call() {
        throw Gan4jException.badInput("gan4j sample is not wired yet.");
    }
}

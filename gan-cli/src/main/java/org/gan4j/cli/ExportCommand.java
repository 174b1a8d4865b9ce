package org.gan4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gan4j.api.Gan4jException;
import org.gan4j.cli.common.CommonOptions;
import org.gan4j.embed.Gan4j;
import org.gan4j.embed.TrainedGenerator;
import org.gan4j.embed.export.NpzExport;
import org.gan4j.embed.export.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gan4j export RUN --format onnx|npz}: a run's generator for other runtimes (docs/exporting.md). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a run's trained generator as an ONNX model (opset " + OnnxExport.OPSET + ", input 'latent', output "
                + "'sample') or as a NumPy .npz of its weights under PyTorch's parameter names.",
                "Takes the mlp, dcgan and infogan generators and plugin generators built from gan4j's standard layers;"
                        + " a conditional generator gets a second input, 'condition' [batch, classes] (one-hot rows)."})
public final class ExportCommand implements Callable<Integer> {

    /** The export formats. */
    enum Format { onnx, npz }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run directory (e.g. runs/quickstart) or its generator.zip.")
    Path run;

    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "onnx or npz.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write it (default: generator.onnx or generator.npz beside generator.zip).")
    Path output;

    @Override
    public Integer call() {
        Gan4j gan = Gan4j.withPlugins(common.pluginDirectories(Optional.empty()).toArray(Path[]::new));
        TrainedGenerator generator = gan.load(run);
        Path directory = Files.isRegularFile(run) ? run.toAbsolutePath().getParent() : run;
        Path target = output != null ? output : directory.resolve("generator." + format.name());
        String what = "The generator of " + run;
        try {
            if (format == Format.onnx) {
                OnnxExport.write(generator.network(), what, target);
            } else {
                NpzExport.write(generator.network(), what, target);
            }
        } catch (java.io.UncheckedIOException e) {
            throw Gan4jException.badInput("Could not write " + target + ": " + e.getCause().getMessage()
                    + ". Pass --output a file in a folder you can write to (and check the disk has space).", e);
        }
        if (!common.quiet()) {
            spec.commandLine().getOut().println("Wrote " + target + " (" + format.name().toUpperCase(Locale.ROOT)
                    + (format == Format.onnx ? ", opset " + OnnxExport.OPSET + ", input '" + OnnxExport.INPUT + "' "
                    + shape(generator.latentShape()) + conditionInput(generator) + ", output '" + OnnxExport.OUTPUT + "' " + shape(generator.sampleShape())
                    : ", PyTorch state_dict names") + ").");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** The second input of a conditional generator's model, as the message lists it; empty for an unconditional one. */
    private static String conditionInput(TrainedGenerator generator) {
        int width = generator.condition().size();
        return width == 0 ? "" : ", input '" + OnnxExport.CONDITION + "' " + shape(new long[] {width}) + " ("
                + generator.condition().describe() + (generator.condition().isClasses() ? ", one-hot" : "") + ")";
    }

    private static String shape(long[] dims) {
        StringBuilder s = new StringBuilder("[batch");
        for (long d : dims) {
            s.append(", ").append(d);
        }
        return s.append(']').toString();
    }
}

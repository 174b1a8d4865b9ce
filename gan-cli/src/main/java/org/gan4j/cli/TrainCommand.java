package org.gan4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.cli.common.CommonOptions;
import org.gan4j.cli.common.ThreadSettings;
import org.gan4j.core.Locations;
import org.gan4j.core.config.ConfigReader;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.run.TrainingRun;
import org.gan4j.core.train.Checkpoints;
import org.gan4j.core.train.TrainOptions;
import org.gan4j.core.train.output.ManifestWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gan4j train CONFIG}: trains the run a config describes. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the GAN a config describes, writing metrics, sample grids, loss curves, a manifest "
                + "and the weights to <output.dir>/<name>/.")
public final class TrainCommand implements Callable<Integer> {

    /** Exit code of a run stopped by Ctrl-C (128 + SIGINT, as shells report it). */
    static final int INTERRUPTED = 130;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "The run config, *.yaml, *.yml or *.json.")
    Path config;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR from its newest valid checkpoint, with the config saved there (no CONFIG).")
    Path resume;

    @Option(names = "--overwrite", description = "Replace the results of an existing run directory of the same name.")
    boolean overwrite;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for ND4J's native operations (default: OMP_NUM_THREADS, else all cores).")
    Integer threads;

    @Option(names = "--output", paramLabel = "DIR", description = "Parent directory of the run directory instead of the config's output.dir.")
    Path outputRoot;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "0",
            description = "Stop after at most N iterations (a smoke test of a config); 0 = as the config says.")
    long maxIterations;

    @Override
    public Integer call() {
        if ((config == null) == (resume == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    config == null ? "Give a CONFIG to train, or --resume RUN_DIR to continue a run."
                            : "Give either a CONFIG or --resume RUN_DIR, not both: a resumed run uses the config saved in its directory.");
        }
        if (maxIterations < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-iterations must be 0 (no limit) or more, got " + maxIterations);
        }
        Path configFile = resume != null ? TrainingRun.resumeConfig(resume.toAbsolutePath().normalize()) : config;
        ComponentRegistry registry = common.registry(configFile);
        RunConfig run = ConfigReader.read(configFile, registry);
        if (resume != null && !common.quiet()) {
            warnIfConfigChanged(resume.toAbsolutePath().normalize(), run, registry, spec.commandLine().getOut());
        }
        if (threads != null) {
            ThreadSettings.apply(threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper json = registry.jsonMapper();
        TrainOptions options = TrainOptions.defaults()
                .withOverwrite(overwrite)
                .withOutputRoot(outputRoot)
                .withMaxIterations(maxIterations)
                .withTerminal(!common.quiet() && System.console() != null)
                .withProgress(common.quiet() ? Streams.printStream(new PrintWriter(PrintWriter.nullWriter())) : Streams.printStream(out))
                .withConfigFile(configFile.toAbsolutePath().normalize())
                .withConfigJson(c -> toJson(json, c));
        TrainingRun.Outcome outcome = resume != null
                ? TrainingRun.resume(resume.toAbsolutePath().normalize(), run, registry.plugins(), options)
                : TrainingRun.execute(run, registry.plugins(), options);
        TrainingResult result = outcome.result();
        Path dir = Locations.shown(outcome.directory());
        if (result.status() == TrainingResult.Status.INTERRUPTED) {
            // TrainingRun has printed how to resume: on Ctrl-C the JVM may halt before anything printed here shows.
            return INTERRUPTED;
        }
        if (!common.quiet()) {
            // Start-up = JVM start to the first iteration: ND4J's native libraries, plugins, config, data, models.
            double startup = (result.start().toEpochMilli() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
            out.printf(Locale.ROOT, "Trained %d iterations (%d epochs) in %.1f s, starting %.1f s after the JVM did. Results in %s: "
                            + "samples/final.png, loss-curves.png, metrics.csv, manifest.json.%n",
                    result.iterations(), result.epochs(), (result.end().toEpochMilli() - result.start().toEpochMilli()) / 1000.0,
                    startup, dir);
            out.flush();
        }
        return 0;
    }

    /**
     * A resumed run uses the config saved in its directory; when the config file it was started from
     * (recorded in the manifest) now says something else, the user probably expects the edit to count.
     */
    static void warnIfConfigChanged(Path runDir, RunConfig saved, ComponentRegistry registry, PrintWriter out) {
        Path original;
        try {
            String recorded = registry.jsonMapper().readTree(Files.readAllBytes(runDir.resolve(ManifestWriter.FILE)))
                    .path("configFile").asText("");
            original = recorded.isEmpty() ? null : Path.of(recorded);
        } catch (IOException | RuntimeException e) {
            return; // no manifest to compare with: nothing to say
        }
        if (original == null || !Files.isRegularFile(original) || original.endsWith(Path.of(Checkpoints.DIRECTORY, Checkpoints.CONFIG))) {
            return;
        }
        ObjectMapper json = registry.jsonMapper();
        String why;
        try {
            RunConfig now = ConfigReader.read(original, registry);
            if (json.readTree(toJson(json, now)).equals(json.readTree(toJson(json, saved)))) {
                return;
            }
            why = "has changed since this run started";
        } catch (Gan4jException | IOException e) {
            why = "has changed since this run started (and no longer reads: " + e.getMessage() + ")";
        }
        Path saved0 = runDir.resolve(Checkpoints.DIRECTORY).resolve(Checkpoints.CONFIG);
        out.println("warning: the config file " + original + " " + why + "; --resume continues with the config the run started with, "
                + saved0 + ". To train with the edited config, start a new run: gan4j train " + original + " --overwrite (or with another name).");
        out.flush();
    }

    private static String toJson(ObjectMapper json, RunConfig c) {
        try {
            return json.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.gan4j.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.nn.kernel.MemoryLimits;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.core.image.ImageGrid;
import org.gan4j.core.image.PointPlot;
import org.gan4j.core.train.IoFailures;
import org.gan4j.core.train.ModelArchive;
import org.gan4j.core.train.RunLock;
import org.gan4j.core.train.Seeds;
import org.gan4j.core.train.output.ManifestWriter;
import org.gan4j.core.train.output.ModelWriter;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Draws new samples from a finished (or checkpointed) run's generator: {@code gan4j sample RUN_DIR}. */
public final class Sampler {

    private Sampler() {
    }

    /**
     * Loads {@code generator.zip} from {@code runDir}, rebuilds the generator from its spec, restores
     * its weights and writes a PNG of {@code count} samples (a grid of images, or a scatter plot of 2-D points) from noise drawn with {@code seed}
     * (generator in evaluation mode). A conditional generator draws classes uniformly from the seed.
     *
     * @param output     the PNG to write; null for {@code <runDir>/samples/sample-<seed>.png}
     * @param specReader turns the archive's spec JSON into a spec (the CLI passes the registry's mapper)
     * @return the PNG written
     */
    public static Path sample(Path runDir, int count, long seed, Path output, Function<String, GeneratorSpec> specReader) {
        return sample(runDir, count, seed, output, specReader, null);
    }

    /**
     * Like {@link #sample(Path, int, long, Path, Function)}, for a generator conditioned on classes
     * drawing the class {@code classArgument} names (its number or name; {@code count} samples of it),
     * or with {@code "all"} a grid with one row per class ({@code ceil(count / classes)} columns, each
     * column one noise vector). {@code null} draws as without it.
     *
     * @throws Gan4jException naming the value and the valid range when the class is out of range or the
     *                        generator is not conditioned on classes
     */
    public static Path sample(Path runDir, int count, long seed, Path output, Function<String, GeneratorSpec> specReader,
                              String classArgument) {
        if (count <= 0) {
            throw Gan4jException.badInput("The number of samples must be positive, got " + count + ".");
        }
        TrainingRun.headless();
        ModelArchive.Contents contents = archive(runDir);
        Generator generator = load(runDir, contents, specReader);
        Condition condition = generator.conditionSize() > 0 ? contents.condition() : Condition.NONE;
        ClassChoice choice = ClassChoice.parse(classArgument, condition, runDir);
        boolean points = PointPlot.isPointShape(generator.outputShape());
        if (!ImageGrid.isImageShape(generator.outputShape()) && !points) {
            throw Gan4jException.badInput("The generator in " + runDir + " makes samples of shape "
                    + Arrays.toString(generator.outputShape()) + ", which gan4j cannot draw (it draws images and 2-D points).");
        }
        long values = MemoryLimits.sum(MemoryLimits.product(generator.inputShape()), MemoryLimits.product(2, MemoryLimits.product(generator.outputShape())));
        try {
            MemoryLimits.requireNative(MemoryLimits.product(count, values, 4), count + " samples", count);
            MemoryLimits.requireHeap(MemoryLimits.product(count, values, 4), "The picture of " + count + " samples", count);
        } catch (Gan4jException e) {
            throw Gan4jException.badInput("--count: " + e.getMessage() + ". Ask for fewer samples.", e);
        }
        Path target = output != null ? output
                : runDir.resolve("samples").resolve(String.format(Locale.ROOT, "sample-%d%s.png", seed, choice.fileSuffix()));
        Path folder = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw Gan4jException.badInput("Could not write the samples: could not write " + target + ": " + IoFailures.reason(e)
                    + ". Pass --output a file in a folder you can write to (and check the disk has space).", e);
        }
        // one writer per picture: two commands writing the same file would mix their temporary files
        try (RunLock lock = RunLock.acquire(folder.resolve("." + target.getFileName() + ".lock"), "gan4j sample", "the file " + target)) {
            ClassChoice.Draw draw = choice.draw(generator, condition, count, seed);
            INDArray samples = generator.newPass().forward(draw.noise(), draw.condition(), false);
            ImageGrid.writePng(points ? PointPlot.render(samples, null, PointPlot.limits(samples), samples.size(0) + " samples")
                    : ImageGrid.render(samples, draw.columns()), target);
        } catch (java.io.UncheckedIOException e) {
            throw Gan4jException.badInput("Could not write the samples: " + e.getMessage().replace(String.valueOf(e.getCause().getMessage()),
                    IoFailures.reason(e.getCause())) + ". Pass --output a file in a folder you can write to (and check the disk has space).", e);
        }
        return target;
    }

    /** The trained generator of a run directory, weights and state restored. */
    public static Generator load(Path runDir, Function<String, GeneratorSpec> specReader) {
        return load(runDir, archive(runDir), specReader);
    }

    /** The labels a run's generator was trained with ({@link Condition#NONE} for an unconditional one). */
    public static Condition condition(Path runDir) {
        return archive(runDir).condition();
    }

    /** The contents of a run directory's {@code generator.zip}; a missing run or file is bad input saying why. */
    private static ModelArchive.Contents archive(Path runDir) {
        if (Files.isRegularFile(runDir)) {
            Path parent = runDir.toAbsolutePath().getParent();
            throw Gan4jException.badInput(runDir + " is a file, not a run directory. Give the directory a training wrote"
                    + (runDir.endsWith(ModelWriter.GENERATOR) && parent != null ? ", here " + parent : ", e.g. runs/<name>") + ".");
        }
        if (!Files.isDirectory(runDir)) {
            throw Gan4jException.badInput("There is no run directory " + runDir + ". Give the directory a training wrote, "
                    + "<output.dir>/<name> (e.g. runs/quickstart).");
        }
        Path weights = runDir.resolve(ModelWriter.GENERATOR);
        Path manifest = runDir.resolve(ManifestWriter.FILE);
        if (!Files.isRegularFile(weights)) {
            if (!Files.isRegularFile(manifest)) {
                throw Gan4jException.badInput(runDir + " is not a gan4j run directory: it has neither " + ModelWriter.GENERATOR
                        + " nor " + ManifestWriter.FILE + ". Pass the directory a training wrote, <output.dir>/<name>.");
            }
            throw Gan4jException.badInput("The run in " + runDir + " has no " + ModelWriter.GENERATOR + " yet (manifest status: "
                    + manifestStatus(manifest) + "); weights are saved after each sampled epoch and at the end.");
        }
        return generatorArchive(weights);
    }

    /** The generator saved in a weights file ({@code generator.zip}), weights and state restored. */
    public static Generator loadArchive(Path weights, Function<String, GeneratorSpec> specReader) {
        return build(weights, generatorArchive(weights), specReader);
    }

    /** The labels the generator in a weights file was trained with ({@link Condition#NONE} for an unconditional one). */
    public static Condition archiveCondition(Path weights) {
        return generatorArchive(weights).condition();
    }

    /** The contents of a weights file, refused unless it holds a generator. */
    private static ModelArchive.Contents generatorArchive(Path weights) {
        ModelArchive.Contents contents = ModelArchive.read(weights);
        if (!"generator".equals(contents.model().path("network").asText())) {
            throw Gan4jException.badInput("The weights file " + weights + " holds a " + contents.model().path("network").asText("?")
                    + ", not a generator. Pass a run directory or its " + ModelWriter.GENERATOR + ".");
        }
        return contents;
    }

    private static Generator load(Path runDir, ModelArchive.Contents contents, Function<String, GeneratorSpec> specReader) {
        return build(runDir.resolve(ModelWriter.GENERATOR), contents, specReader);
    }

    private static Generator build(Path weights, ModelArchive.Contents contents, Function<String, GeneratorSpec> specReader) {
        GeneratorSpec spec;
        try {
            spec = specReader.apply(contents.specJson());
        } catch (Gan4jException e) {
            // the reader knows what is wrong with the settings, this method which file they come from
            throw new Gan4jException(e.exitCode(), "The weights file " + weights + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw Gan4jException.badInput("The generator spec in " + weights + " cannot be read: " + e.getMessage()
                    + " (is the plugin that trained it installed?)", e);
        }
        Generator generator;
        try {
            generator = spec.build(contents.modelContext());
        } catch (Gan4jException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Gan4jException.badInput("The generator in " + weights + " cannot be rebuilt from its saved spec and sample shape "
                    + Arrays.toString(contents.sampleShape()) + ": " + e.getMessage() + ". The file is damaged or was written by "
                    + "another version of the plugin that made it.", e);
        }
        ModelArchive.restore(contents, generator, weights);
        return generator;
    }

    private static String manifestStatus(Path manifest) {
        try {
            JsonNode node = new ObjectMapper().readTree(manifest.toFile());
            return node.path("status").asText("unknown");
        } catch (IOException e) {
            return "unreadable";
        }
    }
}

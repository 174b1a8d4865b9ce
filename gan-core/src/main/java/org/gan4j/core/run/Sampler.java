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
import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.kernel.MemoryLimits;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.spi.ModelContext;
import org.gan4j.core.image.ImageGrid;
import org.gan4j.core.image.PointPlot;
import org.gan4j.core.train.IoFailures;
import org.gan4j.core.train.ModelArchive;
import org.gan4j.core.train.RunLock;
import org.gan4j.core.train.Seeds;
import org.gan4j.core.train.output.ManifestWriter;
import org.gan4j.core.train.output.ModelWriter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Draws new samples from a finished (or checkpointed) run's generator: {@code gan4j sample RUN_DIR}. */
public final class Sampler {

    private Sampler() {
    }

    /**
     * Loads {@code generator.zip} from {@code runDir}, rebuilds the generator from its spec, restores
     * its weights and writes a PNG of {@code count} samples (a grid of images, or a scatter plot of 2-D points) from noise drawn with {@code seed}
     * (generator in evaluation mode).
     *
     * @param output     the PNG to write; null for {@code <runDir>/samples/sample-<seed>.png}
     * @param specReader turns the archive's spec JSON into a spec (the CLI passes the registry's mapper)
     * @return the PNG written
     */
    public static Path sample(Path runDir, int count, long seed, Path output, Function<String, GeneratorSpec> specReader) {
        if (count <= 0) {
            throw Gan4jException.badInput("The number of samples must be positive, got " + count + ".");
        }
        TrainingRun.headless();
        Generator generator = load(runDir, specReader);
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
                : runDir.resolve("samples").resolve(String.format(Locale.ROOT, "sample-%d.png", seed));
        Path folder = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw Gan4jException.badInput("Could not write the samples: could not write " + target + ": " + IoFailures.reason(e)
                    + ". Pass --output a file in a folder you can write to (and check the disk has space).", e);
        }
        // one writer per picture: two commands writing the same file would mix their temporary files
        try (RunLock lock = RunLock.acquire(folder.resolve("." + target.getFileName() + ".lock"), "gan4j sample", "the file " + target)) {
            Random rng = Seeds.random(seed);
            INDArray z = Nd4j.create(generator.parameters().values().dataType(), Shapes.withBatch(count, generator.inputShape()));
            generator.noise().sample(z, rng);
            INDArray samples = generator.newPass().forward(z, false);
            ImageGrid.writePng(points ? PointPlot.render(samples, null, PointPlot.limits(samples), count + " samples")
                    : ImageGrid.render(samples), target);
        } catch (java.io.UncheckedIOException e) {
            throw Gan4jException.badInput("Could not write the samples: " + e.getMessage().replace(String.valueOf(e.getCause().getMessage()),
                    IoFailures.reason(e.getCause())) + ". Pass --output a file in a folder you can write to (and check the disk has space).", e);
        }
        return target;
    }

    /** The trained generator of a run directory, weights and state restored. */
    public static Generator load(Path runDir, Function<String, GeneratorSpec> specReader) {
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
        return loadArchive(weights, specReader);
    }

    /** The generator saved in a weights file ({@code generator.zip}), weights and state restored. */
    public static Generator loadArchive(Path weights, Function<String, GeneratorSpec> specReader) {
        ModelArchive.Contents contents = ModelArchive.read(weights);
        if (!"generator".equals(contents.model().path("network").asText())) {
            throw Gan4jException.badInput("The weights file " + weights + " holds a " + contents.model().path("network").asText("?")
                    + ", not a generator. Pass a run directory or its " + ModelWriter.GENERATOR + ".");
        }
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
            generator = spec.build(new ModelContext(contents.sampleShape(), contents.dataType(), contents.modelSeed()));
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

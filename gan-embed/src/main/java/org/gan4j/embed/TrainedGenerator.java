package org.gan4j.embed;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.Pass;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.core.image.ImageGrid;
import org.gan4j.core.train.ConditionalSamples;
import org.gan4j.core.train.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A trained generator, ready to draw samples: from a seed ({@link #sample}, {@link #sampleFloats},
 * {@link #sampleImages}, {@link #sampleGrid}) or from latents you choose ({@link #latents},
 * {@link #interpolate}, {@link #generate}). Always in evaluation mode (no dropout, batch norm on its
 * saved running statistics), so a sample depends only on its latent.
 *
 * <p><b>Thread-safe.</b> Any number of threads may sample from one instance (or several) at once:
 * the weights are only read, each call takes its own workspace (a {@link Pass}, kept in a pool and
 * reused, so concurrent callers never share buffers) and its own random generator, and every array
 * returned is a fresh copy the caller owns. Concurrent calls give exactly what the same calls give one after
 * another (tested).
 *
 * <p><b>Conditional generators</b> ({@link #condition()} not {@link Condition#NONE}) read a label row
 * beside each latent: {@link SampleRequest#withLabel} draws one class, a request without a class
 * draws classes uniformly from the seed (as {@code gan4j sample} does), and
 * {@link #generate(INDArray, INDArray, int)} takes the rows you give ({@link #labels} makes one-hot ones).
 */
public final class TrainedGenerator {

    private final Generator generator;
    private final Path source;
    private final long[] latentShape;
    private final long[] sampleShape;
    private final DataType dataType;
    private final Condition condition;
    /** Idle workspaces; a call takes one (or makes one) and gives it back. */
    private final ConcurrentLinkedDeque<Pass> idle = new ConcurrentLinkedDeque<>();

    TrainedGenerator(Generator generator, Path source) {
        this(generator, source, Condition.NONE);
    }

    /** @param condition the labels the generator was trained with; {@link Condition#NONE} for an unconditional one */
    TrainedGenerator(Generator generator, Path source, Condition condition) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.condition = generator.conditionSize() > 0 ? Objects.requireNonNull(condition, "condition") : Condition.NONE;
        if (this.condition.size() != generator.conditionSize()) {
            throw new IllegalArgumentException("the generator reads conditions of width " + generator.conditionSize() + " but "
                    + this.condition.describe() + " was given");
        }
        this.source = source;
        this.latentShape = generator.inputShape();
        this.sampleShape = generator.outputShape();
        this.dataType = generator.parameters().values().dataType();
    }

    /** The run directory or weights file it was loaded from. */
    public Path source() {
        return source;
    }

    /** The network itself (gan4j's SPI): for exporting it, or reading its parameters. Do not train or modify it. */
    public Generator network() {
        return generator;
    }

    /** Shape of one latent, without the batch dimension: {@code [100]} for the MLP, {@code [100, 1, 1]} for DCGAN. */
    public long[] latentShape() {
        return latentShape.clone();
    }

    /** Number of values in one latent. */
    public int latentSize() {
        return (int) size(latentShape);
    }

    /** Shape of one sample, without the batch dimension, e.g. {@code [1, 28, 28]}. */
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    /** The distribution latents are drawn from. */
    public LatentNoise noise() {
        return generator.noise();
    }

    /** Whether samples are images ({@code [h, w]}, {@code [1, h, w]} or {@code [3, h, w]}) that {@link #sampleImages} can draw. */
    public boolean makesImages() {
        return ImageGrid.isImageShape(sampleShape);
    }

    /**
     * The number of classes a generator conditioned on classes draws from; empty for an unconditional
     * one (or one conditioned on attributes). A request with a class is refused by those.
     */
    public OptionalInt classCount() {
        return condition.isClasses() ? OptionalInt.of(condition.size()) : OptionalInt.empty();
    }

    /** The labels it was trained with (classes with their names, or attributes); {@link Condition#NONE} when unconditional. */
    public Condition condition() {
        return condition;
    }

    /** One-hot label rows {@code [classes.length, classCount]} for {@link #generate(INDArray, INDArray, int)}. */
    public INDArray labels(int... classes) {
        for (int c : classes) {
            checkLabel(OptionalInt.of(c));
        }
        return condition.oneHot(classes, dataType);
    }

    /** {@code count} latents drawn from {@link #noise()} with {@code seed}: {@code [count, latentShape...]}. */
    public INDArray latents(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        INDArray z = Nd4j.create(dataType, Shapes.withBatch(count, latentShape));
        Random rng = Seeds.random(seed);
        generator.noise().sample(z, rng);
        return z;
    }

    /** Samples for the request: {@code [count, sampleShape...]}. */
    public INDArray sample(SampleRequest request) {
        checkLabel(request.label());
        INDArray z = latents(request.count(), request.seed());
        if (condition.isNone()) {
            return generate(z, request.batchSize());
        }
        INDArray labels;
        if (request.label().isPresent()) {
            labels = ConditionalSamples.oneClass(condition, request.label().getAsInt(), request.count(), dataType);
        } else {
            long labelSeed = Seeds.derive(request.seed(), "labels"); // as gan4j sample draws them
            labels = condition.isClasses() ? ConditionalSamples.uniformClasses(condition, request.count(), labelSeed, dataType)
                    : ConditionalSamples.uniformAttributes(condition, request.count(), labelSeed, dataType);
        }
        return generate(z, labels, request.batchSize());
    }

    /** {@code count} samples from {@code seed}, as {@code gan4j sample RUN -n count --seed seed} draws them. */
    public INDArray sample(int count, long seed) {
        return sample(SampleRequest.of(count).withSeed(seed));
    }

    /** Samples for the request, flat: sample {@code i} is {@code [i * size, (i + 1) * size)}, size the product of {@link #sampleShape()}. */
    public float[] sampleFloats(SampleRequest request) {
        return sample(request).castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /**
     * Samples for the request as images, one per sample, at their own size (grey for one channel,
     * RGB for three), values in [-1, 1] mapped to 0-255.
     *
     * @throws Gan4jException when the generator does not make images
     */
    public List<BufferedImage> sampleImages(SampleRequest request) {
        requireImages();
        return images(sample(request));
    }

    /** Samples for the request in one grid picture, as {@code gan4j sample} writes it. */
    public BufferedImage sampleGrid(SampleRequest request) {
        requireImages();
        return ImageGrid.render(sample(request));
    }

    /**
     * Runs the generator on latents you give, {@code [n, latentShape...]}, {@value SampleRequest#DEFAULT_BATCH_SIZE} at a time.
     *
     * @return the samples, {@code [n, sampleShape...]}, a new array
     */
    public INDArray generate(INDArray latents) {
        return generate(latents, SampleRequest.DEFAULT_BATCH_SIZE);
    }

    /** Like {@link #generate(INDArray)}, {@code batchSize} at a time. */
    public INDArray generate(INDArray latents, int batchSize) {
        if (!condition.isNone()) {
            throw Gan4jException.badInput("The generator from " + source + " is conditional (" + condition.describe()
                    + "): give each latent its label row, generate(latents, labels(...), batchSize).");
        }
        return generate(latents, null, batchSize);
    }

    /**
     * Runs a conditional generator on latents {@code [n, latentShape...]} with their label rows
     * {@code labels [n, condition().size()]} (one-hot classes from {@link #labels}, or 0/1 attributes),
     * {@code batchSize} at a time; {@code labels} null for an unconditional generator.
     *
     * @return the samples, {@code [n, sampleShape...]}, a new array
     */
    public INDArray generate(INDArray latents, INDArray labels, int batchSize) {
        long[] shape = latents.shape();
        if ((labels == null) != condition.isNone()) {
            throw Gan4jException.badInput(condition.isNone()
                    ? "The generator from " + source + " is unconditional: it reads no labels; pass null."
                    : "The generator from " + source + " is conditional (" + condition.describe() + "): give each latent its label row.");
        }
        if (labels != null && (labels.rank() != 2 || labels.size(0) != shape[0] || labels.size(1) != condition.size())) {
            throw Gan4jException.badInput("Labels must have shape [" + shape[0] + ", " + condition.size() + "] for "
                    + shape[0] + " latents of this generator (" + condition.describe() + "), got " + Arrays.toString(labels.shape()) + ".");
        }
        if (shape.length != latentShape.length + 1 || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), latentShape)) {
            throw Gan4jException.badInput("Latents must have shape [n, " + join(latentShape) + "] for this generator, got "
                    + Arrays.toString(shape) + ".");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        INDArray z = latents.dataType() == dataType ? latents : latents.castTo(dataType);
        INDArray c = labels == null || labels.dataType() == dataType ? labels : labels.castTo(dataType);
        long n = shape[0];
        INDArray out = Nd4j.create(dataType, Shapes.withBatch(n, sampleShape));
        Pass pass = idle.pollFirst();
        if (pass == null) {
            pass = generator.newPass();
        }
        try {
            for (long from = 0; from < n; from += batchSize) {
                long to = Math.min(n, from + batchSize);
                INDArray batch = n == to - from ? z : z.get(NDArrayIndex.interval(from, to)).dup('c');
                INDArray batchLabels = c == null || n == to - from ? c : c.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
                INDArray y = pass.forward(batch, batchLabels, false);
                if (n == to - from) {
                    out.assign(y);
                } else {
                    out.get(NDArrayIndex.interval(from, to)).assign(y);
                }
            }
        } finally {
            idle.push(pass);
        }
        return out;
    }

    /**
     * {@code steps} latents from {@code from} to {@code to} (both included), shaped
     * {@code [steps, latentShape...]}; pass them to {@link #generate(INDArray)} to see the samples morph.
     *
     * @param from a latent, {@code [latentShape...]} or {@code [1, latentShape...]}
     * @param to   another
     * @param steps at least 2
     */
    public INDArray interpolate(INDArray from, INDArray to, int steps, Interpolation how) {
        if (steps < 2) {
            throw new IllegalArgumentException("steps must be at least 2, got " + steps);
        }
        double[] a = flatLatent(from, "from");
        double[] b = flatLatent(to, "to");
        INDArray out = Nd4j.create(dataType, Shapes.withBatch(steps, latentShape));
        for (int i = 0; i < steps; i++) {
            double[] p = how.at(a, b, (double) i / (steps - 1));
            out.get(NDArrayIndex.point(i)).assign(Nd4j.createFromArray(p).castTo(dataType).reshape(latentShape));
        }
        return out;
    }

    private double[] flatLatent(INDArray latent, String name) {
        if (latent.length() != size(latentShape)) {
            throw Gan4jException.badInput("The latent '" + name + "' has " + latent.length() + " values; this generator's latents have "
                    + size(latentShape) + " (shape [" + join(latentShape) + "]).");
        }
        return latent.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private void checkLabel(OptionalInt label) {
        if (label.isEmpty()) {
            return;
        }
        int value = label.getAsInt();
        if (condition.isNone()) {
            throw Gan4jException.badInput("The generator from " + source + " is unconditional: it draws no class, so a class ("
                    + value + ") cannot be chosen. Leave out withLabel(...).");
        }
        if (!condition.isClasses()) {
            throw Gan4jException.badInput("The generator from " + source + " is conditioned on " + condition.describe()
                    + ", not on classes, so a class (" + value + ") cannot be chosen. Use generate(latents, labels, batchSize).");
        }
        if (value < 0 || value >= condition.size()) {
            throw Gan4jException.badInput("Class " + value + " is out of range: the classes of the generator from " + source + " are "
                    + condition.classRange() + ".");
        }
    }

    private void requireImages() {
        if (!makesImages()) {
            throw Gan4jException.badInput("The generator from " + source + " makes samples of shape [" + join(sampleShape)
                    + "], not images; use sample(...) or sampleFloats(...).");
        }
    }

    /** One picture per sample, unscaled. */
    static List<BufferedImage> images(INDArray samples) {
        long[] shape = samples.shape();
        int channels = shape.length == 3 ? 1 : (int) shape[1];
        int h = (int) shape[shape.length - 2];
        int w = (int) shape[shape.length - 1];
        float[] data = samples.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int plane = h * w;
        List<BufferedImage> images = new ArrayList<>((int) shape[0]);
        for (int i = 0; i < shape[0]; i++) {
            int base = i * channels * plane;
            BufferedImage image = new BufferedImage(w, h, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
            WritableRaster raster = image.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int at = base + y * w + x;
                    if (channels == 1) {
                        raster.setSample(x, y, 0, ImageGrid.toByte(data[at])); // the raster: no colour-space conversion
                    } else {
                        image.setRGB(x, y, (ImageGrid.toByte(data[at]) << 16) | (ImageGrid.toByte(data[at + plane]) << 8)
                                | ImageGrid.toByte(data[at + 2 * plane]));
                    }
                }
            }
            images.add(image);
        }
        return images;
    }


    private static long size(long[] shape) {
        return Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    }

    private static String join(long[] shape) {
        return String.join(", ", Arrays.stream(shape).mapToObj(Long::toString).toList());
    }

    @Override
    public String toString() {
        return "TrainedGenerator[" + source + ", latent [" + join(latentShape) + "] -> [" + join(sampleShape) + "]]";
    }
}

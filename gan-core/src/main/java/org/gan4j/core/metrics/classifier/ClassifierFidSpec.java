package org.gan4j.core.metrics.classifier;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.gan4j.api.Checks;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.MetricContext;
import org.gan4j.api.spi.MetricSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * FID with a classifier of our own instead of Inception: a small CNN (see {@link Classifier}) is
 * trained on the dataset's labels once, cached (see {@link ClassifierCache}), and the generated
 * images are compared with the real ones in its 128-dimensional feature space and through its
 * predictions. Values: {@code fid} (Fréchet distance between the feature Gaussians of
 * {@code samples} real and as many generated images; lower is better), {@code score} (classifier
 * score, the Inception-score analogue, 1 to the class count), {@code classes} (classes predicted for
 * at least {@code minClassShare} of the generated images), {@code class-kl} (KL of the predicted-class
 * histogram from uniform; 0 = balanced, log 10 = one class: lower is better) and
 * {@code classifier-accuracy} (the classifier's held-out test accuracy, %, the same at every
 * evaluation). The real features are computed once per dataset and kept in memory.
 */
@JsonClassDescription("FID, classifier score and class coverage in the features of a CNN gan4j trains on the data's labels (MNIST, Fashion-MNIST)")
public record ClassifierFidSpec(
        @JsonProperty("every") @JsonPropertyDescription("evaluate every N epochs; 0 = only at the end") int every,
        @JsonProperty("samples") @JsonPropertyDescription("real and generated images per evaluation (at most the dataset's size)") int samples,
        @JsonProperty("classifierEpochs") @JsonPropertyDescription("epochs the classifier is trained for (part of the cache key)") int classifierEpochs,
        @JsonProperty("minClassShare") @JsonPropertyDescription("share of the generated images a class needs to count as present") double minClassShare,
        @JsonProperty("cache") @JsonPropertyDescription("directory for the trained classifier; default: .gan4j-cache beside the data files, else ~/.cache/gan4j") String cache)
        implements MetricSpec {

    /** The value names, in order. */
    public static final String FID = "fid";
    public static final String SCORE = "score";
    public static final String CLASSES = "classes";
    public static final String TOTAL_CLASSES = "total-classes";
    public static final String CLASS_KL = "class-kl";
    public static final String ACCURACY = "classifier-accuracy";

    /** Default training epochs: 98.6-98.9% on MNIST's held-out images, about a minute on one core. */
    public static final int DEFAULT_EPOCHS = 12;
    /** Seed of the classifier's initialisation, data split and training order (fixed: one classifier per dataset). */
    static final long SEED = 20241;

    /** Per opened dataset: the classifier and the real images' statistics per cache/sample setting. */
    private static final Map<Dataset, Map<ClassifierFidSpec, Prepared>> PREPARED = new WeakHashMap<>();

    private record Prepared(ClassifierCache.Entry entry, FrechetDistance.Gaussian real) {
    }

    public ClassifierFidSpec {
        Checks.nonNegative("every", every);
        Checks.positive("samples", samples);
        Checks.positive("classifierEpochs", classifierEpochs);
        Checks.inHalfOpenRange("minClassShare", minClassShare, 0, 1);
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be at least 2 for a covariance, got " + samples);
        }
    }

    @JsonCreator
    public ClassifierFidSpec(@JsonProperty("every") Integer every, @JsonProperty("samples") Integer samples,
                             @JsonProperty("classifierEpochs") Integer classifierEpochs,
                             @JsonProperty("minClassShare") Double minClassShare, @JsonProperty("cache") String cache) {
        this(every == null ? 1 : every, samples == null ? 10_000 : samples, classifierEpochs == null ? DEFAULT_EPOCHS : classifierEpochs,
                minClassShare == null ? 0.01 : minClassShare, cache);
    }

    @Override
    public boolean higherIsBetter(String name) {
        return !FID.equals(name) && !CLASS_KL.equals(name);
    }

    @Override
    public Map<String, Double> evaluate(MetricContext context) {
        Dataset data = context.dataset();
        checkFits(data);
        int n = Math.min(samples, data.size());
        Prepared prepared = prepare(data, n, System.out);
        INDArray generated = new MetricContext(context.generator(), data, n, context.seed()).generate();
        long sampleLength = Arrays.stream(data.sampleShape()).reduce(1, (a, b) -> a * b);
        if (generated.length() != n * sampleLength) {
            throw Gan4jException.badInput("metrics: classifier-fid compares generated images with the data's, but the generator makes "
                    + Arrays.toString(context.generator().outputShape()) + " and the data is " + Arrays.toString(data.sampleShape())
                    + ". Make the generator's output match the data.");
        }
        INDArray images = generated.reshape(prepared.entry().classifier().shapeOf(n)).castTo(DataType.FLOAT);
        Classifier.Output out = prepared.entry().classifier().evaluate(n,
                (from, count, x) -> x.assign(images.get(NDArrayIndex.interval(from, from + count))));
        return values(out, prepared.real(), prepared.entry().accuracy(), minClassShare);
    }

    /** The values from the generated images' classifier output and the real images' Gaussian. */
    static Map<String, Double> values(Classifier.Output generated, FrechetDistance.Gaussian real, double accuracy, double minClassShare) {
        Map<String, Double> values = new LinkedHashMap<>();
        boolean finite = Arrays.stream(generated.features()).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite);
        if (finite) {
            ClassStatistics stats = ClassStatistics.of(generated.probabilities(), minClassShare);
            values.put(FID, FrechetDistance.distance(FrechetDistance.fit(generated.features()), real));
            values.put(SCORE, stats.score());
            values.put(CLASSES, (double) stats.classes());
            values.put(TOTAL_CLASSES, (double) generated.probabilities()[0].length);
            values.put(CLASS_KL, stats.classKl());
        } else {
            // a diverged generator's NaN images have no features
            values.put(FID, Double.NaN);
            values.put(SCORE, Double.NaN);
            values.put(CLASSES, Double.NaN);
            values.put(TOTAL_CLASSES, generated.probabilities().length > 0 ? generated.probabilities()[0].length : Double.NaN);
            values.put(CLASS_KL, Double.NaN);
        }
        values.put(ACCURACY, 100 * accuracy);
        return values;
    }

    /** The classifier for {@code data} (read or trained) and the statistics of its first-n real images in a fixed order. */
    private Prepared prepare(Dataset data, int n, PrintStream log) {
        synchronized (PREPARED) {
            Prepared known = PREPARED.getOrDefault(data, Map.of()).get(this);
            if (known != null) {
                return known;
            }
        }
        ClassifierCache cacheStore = new ClassifierCache(cache == null ? null : Path.of(cache), classifierEpochs, SEED, log);
        ClassifierCache.Entry entry = cacheStore.shared(data);
        int[] indices = realIndices(data.size(), n);
        Classifier.Output real = entry.classifier().evaluate(n, (from, count, x) -> data.fill(indices, from, count, x));
        Prepared prepared = new Prepared(entry, FrechetDistance.fit(real.features()));
        synchronized (PREPARED) {
            PREPARED.computeIfAbsent(data, d -> new java.util.HashMap<>()).put(this, prepared);
        }
        return prepared;
    }

    /** n of the dataset's indices: all of them in order when n is the size, else a seeded choice. */
    static int[] realIndices(int size, int n) {
        int[] order = n == size ? null : ClassifierTraining.permutation(size, new java.util.Random(SEED + 7));
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = order == null ? i : order[i];
        }
        return indices;
    }

    @Override
    public java.util.List<String> valueNames() {
        return java.util.List.of(FID, SCORE, CLASSES, TOTAL_CLASSES, CLASS_KL, ACCURACY);
    }

    @Override
    public void checkFits(Dataset data) {
        if (data.classCount() < 2) {
            throw Gan4jException.badInput("metrics: classifier-fid trains a classifier on the data's labels, but the data has none: "
                    + data.description() + ". Use it with labelled data (mnist, fashion-mnist) or remove it.");
        }
        if (data.sampleShape().length != 3 || data.sampleShape()[1] < 8 || data.sampleShape()[2] < 8) {
            throw Gan4jException.badInput("metrics: classifier-fid needs images [channels, height, width] of at least 8x8, but the data's samples are "
                    + Arrays.toString(data.sampleShape()) + ". Remove the metric for this data.");
        }
    }
}

package org.gan4j.core.metrics.classifier;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.api.Checks;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.MetricContext;
import org.gan4j.api.spi.MetricSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * How well a conditional generator draws the class it is asked for: {@code samples / classes}
 * samples of each class, each classified by the cached classifier of {@code classifier-fid} (same
 * cache, same training: see {@link ClassifierCache}). Values, in percent: {@code overall} (the share
 * of all samples assigned to the class they were drawn for), {@code worst} (the lowest class's),
 * then {@code class-0}, {@code class-1}, ... per class; and {@code classifier-accuracy}, the
 * classifier's own held-out accuracy, the ceiling these can be read against.
 */
@JsonClassDescription("share of a conditional generator's samples that classifier-fid's classifier assigns to the class they were drawn for, per class and overall (%)")
public record ClassAccuracySpec(
        @JsonProperty("every") @JsonPropertyDescription("evaluate every N epochs; 0 = only at the end") int every,
        @JsonProperty("samples") @JsonPropertyDescription("generated images per evaluation, split evenly over the classes") int samples,
        @JsonProperty("classifierEpochs") @JsonPropertyDescription("epochs the classifier is trained for (the cache key, as in classifier-fid)") int classifierEpochs,
        @JsonProperty("cache") @JsonPropertyDescription("directory for the trained classifier; default as classifier-fid's") String cache)
        implements MetricSpec {

    public static final String OVERALL = "overall";
    public static final String WORST = "worst";
    /** Prefix of the per-class values: {@code class-0}, {@code class-1}, ... */
    public static final String CLASS_PREFIX = "class-";

    public ClassAccuracySpec {
        Checks.nonNegative("every", every);
        Checks.positive("samples", samples);
        Checks.positive("classifierEpochs", classifierEpochs);
    }

    @JsonCreator
    public ClassAccuracySpec(@JsonProperty("every") Integer every, @JsonProperty("samples") Integer samples,
                             @JsonProperty("classifierEpochs") Integer classifierEpochs, @JsonProperty("cache") String cache) {
        this(every == null ? 1 : every, samples == null ? 2560 : samples,
                classifierEpochs == null ? ClassifierFidSpec.DEFAULT_EPOCHS : classifierEpochs, cache);
    }

    @Override
    public Map<String, Double> evaluate(MetricContext context) {
        Dataset data = context.dataset();
        Condition condition = check(context);
        int classes = condition.size();
        int perClass = Math.max(1, samples / classes);
        int n = perClass * classes;
        ClassifierCache.Entry entry = new ClassifierCache(cache == null ? null : Path.of(cache), classifierEpochs,
                ClassifierFidSpec.SEED, System.out).shared(data);
        int[] requested = new int[n];
        for (int i = 0; i < n; i++) {
            requested[i] = i / perClass;
        }
        DataType type = context.generator().parameters().values().dataType();
        INDArray generated = new MetricContext(context.generator(), data, n, context.seed()).generate(condition.oneHot(requested, type));
        INDArray images = generated.reshape(entry.classifier().shapeOf(n)).castTo(DataType.FLOAT);
        Classifier.Output out = entry.classifier().evaluate(n,
                (from, count, x) -> x.assign(images.get(NDArrayIndex.interval(from, from + count))));
        return values(out, requested, classes, entry.accuracy());
    }

    /** The values from the classifier's output on samples drawn for {@code requested} classes. */
    static Map<String, Double> values(Classifier.Output out, int[] requested, int classes, double classifierAccuracy) {
        int[] hits = new int[classes];
        int[] totals = new int[classes];
        int all = 0;
        for (int i = 0; i < requested.length; i++) {
            totals[requested[i]]++;
            if (out.predicted(i) == requested[i]) {
                hits[requested[i]]++;
                all++;
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(OVERALL, 100.0 * all / requested.length);
        double worst = Double.POSITIVE_INFINITY;
        Map<String, Double> perClass = new LinkedHashMap<>();
        for (int k = 0; k < classes; k++) {
            double share = totals[k] == 0 ? Double.NaN : 100.0 * hits[k] / totals[k];
            perClass.put(CLASS_PREFIX + k, share);
            worst = Math.min(worst, share);
        }
        values.put(WORST, worst);
        values.putAll(perClass);
        values.put(ClassifierFidSpec.ACCURACY, 100 * classifierAccuracy);
        return values;
    }

    /** The generator's classes, refusing what the metric cannot measure (exit code 2, saying why). */
    private static Condition check(MetricContext context) {
        Dataset data = context.dataset();
        Condition condition = data.condition();
        if (context.generator().conditionSize() == 0) {
            throw Gan4jException.badInput("metrics: class-accuracy measures whether a conditional generator draws the class it is asked for, "
                    + "but this generator is not conditional. Use it with a conditional generator (e.g. generator.condition: concat) "
                    + "or remove it.");
        }
        if (!condition.isClasses() || data.classCount() < 2) {
            throw Gan4jException.badInput("metrics: class-accuracy needs data labelled with classes (mnist, fashion-mnist), but the data has "
                    + condition.describe() + ": " + data.description() + ". Remove the metric for this data.");
        }
        if (data.sampleShape().length != 3 || data.sampleShape()[1] < 8 || data.sampleShape()[2] < 8) {
            throw Gan4jException.badInput("metrics: class-accuracy classifies images [channels, height, width] of at least 8x8, but the data's "
                    + "samples are " + java.util.Arrays.toString(data.sampleShape()) + ". Remove the metric for this data.");
        }
        return condition;
    }
}

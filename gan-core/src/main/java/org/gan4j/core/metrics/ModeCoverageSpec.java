package org.gan4j.core.metrics;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.api.Checks;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.data.MixtureDataset;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.MetricContext;
import org.gan4j.api.spi.MetricSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mode coverage of a Gaussian mixture (the VEEGAN / PacGAN protocol): each generated sample is
 * assigned to its nearest mode and is "high quality" when within {@code threshold} standard
 * deviations of it. Reports {@code modes} (modes with at least one high-quality sample; PacGAN
 * counts a mode only with enough of them, see {@code minSamples}), {@code high-quality} (% of
 * samples) and {@code kl}: the KL divergence of the histogram of high-quality samples over modes
 * from the uniform distribution (0 when all modes are equally hit; log(modes) when one mode gets all).
 */
@JsonClassDescription("modes covered, % high-quality samples and KL from uniform, for Gaussian-mixture data (ring, grid)")
public record ModeCoverageSpec(
        @JsonProperty("every") @JsonPropertyDescription("evaluate every N epochs; 0 = only at the end") int every,
        @JsonProperty("samples") @JsonPropertyDescription("generated samples per evaluation") int samples,
        @JsonProperty("threshold") @JsonPropertyDescription("a sample is high quality within this many standard deviations of its mode") double threshold,
        @JsonProperty("minSamples") @JsonPropertyDescription("high-quality samples a mode needs to count as covered") int minSamples)
        implements MetricSpec {

    /** The value names, in order. */
    public static final String MODES = "modes";
    public static final String TOTAL = "total-modes";
    public static final String HIGH_QUALITY = "high-quality";
    public static final String KL = "kl";

    public ModeCoverageSpec {
        Checks.nonNegative("every", every);
        Checks.positive("samples", samples);
        Checks.positive("threshold", threshold);
        Checks.positive("minSamples", minSamples);
    }

    @JsonCreator
    public ModeCoverageSpec(@JsonProperty("every") Integer every, @JsonProperty("samples") Integer samples,
                            @JsonProperty("threshold") Double threshold, @JsonProperty("minSamples") Integer minSamples) {
        this(every == null ? 1 : every, samples == null ? 2500 : samples, threshold == null ? 3.0 : threshold,
                minSamples == null ? 1 : minSamples);
    }

    @Override
    public void checkFits(Dataset data) {
        if (!(data instanceof MixtureDataset)) {
            throw Gan4jException.badInput("metrics: mode-coverage needs data drawn from a Gaussian mixture with known modes"
                    + " (data.type ring or grid), but the data is: " + data.description()
                    + ". Remove the metric or use a mixture dataset.");
        }
    }

    @Override
    public java.util.List<String> valueNames() {
        return java.util.List.of(MODES, TOTAL, HIGH_QUALITY, KL);
    }

    @Override
    public Map<String, Double> evaluate(MetricContext context) {
        checkFits(context.dataset());
        MixtureDataset mixture = (MixtureDataset) context.dataset();
        INDArray x = context.generate().castTo(DataType.DOUBLE);
        return evaluate(x.reshape(x.size(0), -1).toDoubleMatrix(), mixture.modes(), mixture.stddev());
    }

    @Override
    public boolean higherIsBetter(String name) {
        return !KL.equals(name);
    }

    /** The metric on given points {@code [n][d]}. */
    public Map<String, Double> evaluate(double[][] points, double[][] modes, double stddev) {
        int[] counts = new int[modes.length];
        int good = 0;
        double limit = threshold * stddev;
        for (double[] p : points) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int m = 0; m < modes.length; m++) {
                double d = 0;
                for (int k = 0; k < p.length; k++) {
                    double diff = p[k] - modes[m][k];
                    d += diff * diff;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = m;
                }
            }
            // NaN samples have no nearest mode and are never high quality.
            if (best >= 0 && Math.sqrt(bestDistance) <= limit) {
                counts[best]++;
                good++;
            }
        }
        int covered = 0;
        for (int c : counts) {
            if (c >= minSamples) {
                covered++;
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(MODES, (double) covered);
        values.put(TOTAL, (double) modes.length);
        values.put(HIGH_QUALITY, points.length == 0 ? Double.NaN : 100.0 * good / points.length);
        values.put(KL, klFromUniform(counts));
        return values;
    }

    /** KL(p || uniform) of the normalised histogram, natural log; NaN for an empty histogram. */
    static double klFromUniform(int[] counts) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double kl = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                kl += p * Math.log(p * counts.length);
            }
        }
        return kl;
    }
}

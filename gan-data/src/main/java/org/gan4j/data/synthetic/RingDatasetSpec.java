package org.gan4j.data.synthetic;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Locale;
import org.gan4j.api.Checks;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.DatasetSpec;

/**
 * The VEEGAN "2D ring": {@code modes} Gaussians with centres evenly spaced on a circle of radius
 * {@code radius}, angles {@code 2πk/modes} for k = 0..modes-1 (not {@code linspace(0, 2π, modes)},
 * whose first and last angle coincide and leave modes-1 distinct modes).
 */
@JsonClassDescription("2-D ring of Gaussians (VEEGAN: 8 modes, radius 2, stddev 0.02)")
public record RingDatasetSpec(
        @JsonProperty("modes") @JsonPropertyDescription("number of Gaussians on the ring") int modes,
        @JsonProperty("radius") @JsonPropertyDescription("radius of the ring") double radius,
        @JsonProperty("stddev") @JsonPropertyDescription("standard deviation of each Gaussian") double stddev,
        @JsonProperty("size") @JsonPropertyDescription("number of points drawn (one epoch)") int size,
        @JsonProperty("seed") @JsonPropertyDescription("seed the points are drawn with") long seed)
        implements DatasetSpec {

    public RingDatasetSpec {
        Checks.positive("modes", modes);
        Checks.positive("radius", radius);
        Checks.positive("stddev", stddev);
        Checks.positive("size", size);
    }

    @JsonCreator
    public RingDatasetSpec(@JsonProperty("modes") Integer modes, @JsonProperty("radius") Double radius,
                           @JsonProperty("stddev") Double stddev, @JsonProperty("size") Integer size,
                           @JsonProperty("seed") Long seed) {
        this(modes == null ? 8 : modes, radius == null ? 2.0 : radius, stddev == null ? 0.02 : stddev,
                size == null ? 10_000 : size, seed == null ? 0 : seed);
    }

    /** The mode centres. */
    public double[][] centres() {
        double[][] c = new double[modes][];
        for (int k = 0; k < modes; k++) {
            double angle = 2 * Math.PI * k / modes;
            c[k] = new double[] {radius * Math.cos(angle), radius * Math.sin(angle)};
        }
        return c;
    }

    @Override
    public Dataset open(DataContext context) {
        GaussianMixture.requireFits(modes, modes, size, 2);
        return new GaussianMixture(centres(), stddev, size, seed, String.format(Locale.ROOT,
                "ring of %d Gaussians (radius %s, stddev %s), %d points", modes, radius, stddev, size));
    }
}

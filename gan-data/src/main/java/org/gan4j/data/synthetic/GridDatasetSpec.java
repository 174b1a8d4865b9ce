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
 * The VEEGAN "2D grid": {@code side × side} Gaussians on a square grid centred at the origin with
 * {@code spacing} between neighbours (defaults: 5 × 5 at -4, -2, 0, 2, 4).
 */
@JsonClassDescription("2-D grid of Gaussians (VEEGAN: 5x5 modes, spacing 2 in [-4, 4], stddev 0.02)")
public record GridDatasetSpec(
        @JsonProperty("side") @JsonPropertyDescription("Gaussians per row and column") int side,
        @JsonProperty("spacing") @JsonPropertyDescription("distance between neighbouring centres") double spacing,
        @JsonProperty("stddev") @JsonPropertyDescription("standard deviation of each Gaussian") double stddev,
        @JsonProperty("size") @JsonPropertyDescription("number of points drawn (one epoch)") int size,
        @JsonProperty("seed") @JsonPropertyDescription("seed the points are drawn with") long seed)
        implements DatasetSpec {

    public GridDatasetSpec {
        Checks.positive("side", side);
        Checks.positive("spacing", spacing);
        Checks.positive("stddev", stddev);
        Checks.positive("size", size);
    }

    @JsonCreator
    public GridDatasetSpec(@JsonProperty("side") Integer side, @JsonProperty("spacing") Double spacing,
                           @JsonProperty("stddev") Double stddev, @JsonProperty("size") Integer size,
                           @JsonProperty("seed") Long seed) {
        this(side == null ? 5 : side, spacing == null ? 2.0 : spacing, stddev == null ? 0.02 : stddev,
                size == null ? 10_000 : size, seed == null ? 0 : seed);
    }

    /** The mode centres, row by row. */
    public double[][] centres() {
        double[][] c = new double[side * side][];
        double offset = (side - 1) / 2.0;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                c[i * side + j] = new double[] {(i - offset) * spacing, (j - offset) * spacing};
            }
        }
        return c;
    }

    @Override
    public Dataset open(DataContext context) {
        GaussianMixture.requireFits((long) side * side, side, size, 2);
        return new GaussianMixture(centres(), stddev, size, seed, String.format(Locale.ROOT,
                "grid of %dx%d Gaussians (spacing %s, stddev %s), %d points", side, side, spacing, stddev, size));
    }
}

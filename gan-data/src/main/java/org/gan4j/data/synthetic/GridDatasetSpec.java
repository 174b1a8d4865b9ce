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
 * The "2D grid" of the mode-collapse papers: {@code side × side} Gaussians on a square grid centred at
 * the origin with {@code spacing} between neighbours (defaults: 5 × 5 at -4, -2, 0, 2, 4, σ 0.05). The
 * σ is the one the published grid figures were measured with: PacGAN's code (variance 0.05², Lin et
 * al. 2018) and the WGAN-GP toy code (Gulrajani et al. 2017) both draw σ 0.05, not the ring's 0.02.
 */
@JsonClassDescription("2-D grid of Gaussians (PacGAN / WGAN-GP toy: 5x5 modes, spacing 2 in [-4, 4], stddev 0.05)")
public record GridDatasetSpec(
        @JsonProperty("side") @JsonPropertyDescription("Gaussians per row and column") int side,
        @JsonProperty("spacing") @JsonPropertyDescription("distance between neighbouring centres") double spacing,
        @JsonProperty("stddev") @JsonPropertyDescription("standard deviation of each Gaussian") double stddev,
        @JsonProperty("size") @JsonPropertyDescription("number of points drawn (one epoch)") int size,
        @JsonProperty("seed") @JsonPropertyDescription("seed the points are drawn with") long seed)
        implements DatasetSpec {

    /** σ of each Gaussian when the config sets none: the published grid protocol's. */
    public static final double DEFAULT_STDDEV = 0.05;

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
        this(side == null ? 5 : side, spacing == null ? 2.0 : spacing, stddev == null ? DEFAULT_STDDEV : stddev,
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

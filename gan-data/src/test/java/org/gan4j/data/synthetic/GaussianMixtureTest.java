package org.gan4j.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.gan4j.core.metrics.ModeCoverageSpec;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {

    private static final ModeCoverageSpec METRIC = new ModeCoverageSpec(null, null, null, null);

    private static int distinct(double[][] centres) {
        Set<String> keys = new HashSet<>();
        for (double[] c : centres) {
            keys.add(Math.round(c[0] * 1e6) + "," + Math.round(c[1] * 1e6));
        }
        return keys.size();
    }

    @Test
    void ringHasEightDistinctModesOnTheCircle() {
        double[][] c = new RingDatasetSpec(null, null, null, null, null).centres();
        assertThat(c).hasNumberOfRows(8);
        assertThat(distinct(c)).isEqualTo(8);
        for (double[] m : c) {
            assertThat(Math.hypot(m[0], m[1])).isCloseTo(2.0, within(1e-12));
        }
        // neighbouring centres are 2 r sin(pi/8) apart
        assertThat(Math.hypot(c[1][0] - c[0][0], c[1][1] - c[0][1])).isCloseTo(4 * Math.sin(Math.PI / 8), within(1e-12));
    }

    @Test
    void gridHasTwentyFiveDistinctModesFromMinusFourToFour() {
        double[][] c = new GridDatasetSpec(null, null, null, null, null).centres();
        assertThat(c).hasNumberOfRows(25);
        assertThat(distinct(c)).isEqualTo(25);
        assertThat(Arrays.stream(c).mapToDouble(m -> m[0]).min().orElseThrow()).isEqualTo(-4.0);
        assertThat(Arrays.stream(c).mapToDouble(m -> m[1]).max().orElseThrow()).isEqualTo(4.0);
    }

    @Test
    void pointsHaveTheConfiguredSpread() {
        GaussianMixture data = (GaussianMixture) new RingDatasetSpec(8, 2.0, 0.02, 8000, 3L).open(null);
        double[][] p = data.points();
        double[][] c = data.modes();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double[] m = c[data.label(i)];
            sum += (p[i][0] - m[0]) * (p[i][0] - m[0]) + (p[i][1] - m[1]) * (p[i][1] - m[1]);
        }
        // E|x - mu|^2 = 2 sigma^2 in two dimensions
        assertThat(Math.sqrt(sum / (2 * p.length))).isCloseTo(0.02, within(0.001));
        assertThat(data.sampleShape()).containsExactly(2);
        int[] perMode = new int[8];
        for (int i = 0; i < p.length; i++) {
            perMode[data.label(i)]++;
        }
        assertThat(perMode).containsOnly(1000);
        // every 20th point (as the trainer's scatter plot picks them) still hits all 8 modes
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < p.length; i += 20) {
            seen.add(data.label(i));
        }
        assertThat(seen).hasSize(8);
    }

    @Test
    void samplesFromTheMixtureCoverEveryModeUniformly() {
        GaussianMixture data = (GaussianMixture) new RingDatasetSpec(null, null, null, 2500, 1L).open(null);
        Map<String, Double> v = METRIC.evaluate(data.points(), data.modes(), data.stddev());
        assertThat(v.get(ModeCoverageSpec.MODES)).isEqualTo(8.0);
        assertThat(v.get(ModeCoverageSpec.HIGH_QUALITY)).isGreaterThan(98.0); // 3 sigma in 2-D keeps 98.9%
        assertThat(v.get(ModeCoverageSpec.KL)).isCloseTo(0.0, within(0.01));

        GaussianMixture grid = (GaussianMixture) new GridDatasetSpec(null, null, null, 2500, 1L).open(null);
        assertThat(METRIC.evaluate(grid.points(), grid.modes(), grid.stddev()).get(ModeCoverageSpec.MODES)).isEqualTo(25.0);
        // the published grid protocol (PacGAN, WGAN-GP toy code): sigma 0.05, unlike the ring's 0.02
        assertThat(grid.stddev()).isEqualTo(0.05);
    }

    @Test
    void aGeneratorOfOneModeCoversOneOfEight() {
        double[][] modes = new RingDatasetSpec(null, null, null, null, null).centres();
        double[][] points = new double[2500][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new double[] {modes[3][0] + 0.01 * Math.sin(i), modes[3][1]};
        }
        Map<String, Double> v = METRIC.evaluate(points, modes, 0.02);
        assertThat(v.get(ModeCoverageSpec.MODES)).isEqualTo(1.0);
        assertThat(v.get(ModeCoverageSpec.HIGH_QUALITY)).isEqualTo(100.0);
        assertThat(v.get(ModeCoverageSpec.KL)).isCloseTo(Math.log(8), within(1e-12));
    }

    @Test
    void anExactlyUniformMixHasZeroKlAndFarPointsAreNotHighQuality() {
        double[][] modes = new GridDatasetSpec(null, null, null, null, null).centres();
        double[][] points = new double[2500][];
        for (int i = 0; i < points.length; i++) {
            points[i] = i < 2000 ? modes[i % 25].clone() : new double[] {1.0, 1.0}; // (1,1): 1.41 from every neighbour
        }
        Map<String, Double> v = METRIC.evaluate(points, modes, 0.02);
        assertThat(v.get(ModeCoverageSpec.MODES)).isEqualTo(25.0);
        assertThat(v.get(ModeCoverageSpec.HIGH_QUALITY)).isCloseTo(80.0, within(1e-9));
        assertThat(v.get(ModeCoverageSpec.KL)).isCloseTo(0.0, within(1e-12));
    }
}

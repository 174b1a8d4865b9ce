package org.gan4j.core.metrics.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Classifier score, classes present and class KL on predictions with known answers. */
class ClassStatisticsTest {

    @Test
    void aConfidentUniformMixScoresTheClassCountWithZeroKl() {
        ClassStatistics s = ClassStatistics.of(confident(1000, 10, i -> i % 10, 1.0), 0.01);
        assertThat(s.score()).isCloseTo(10, within(1e-9));
        assertThat(s.classes()).isEqualTo(10);
        assertThat(s.classKl()).isCloseTo(0, within(1e-12));
    }

    @Test
    void oneClassScoresOneWithKlLogK() {
        ClassStatistics s = ClassStatistics.of(confident(500, 10, i -> 3, 0.9), 0.01);
        assertThat(s.score()).isCloseTo(1, within(1e-12));
        assertThat(s.classes()).isEqualTo(1);
        assertThat(s.classKl()).isCloseTo(Math.log(10), within(1e-12));
    }

    @Test
    void uncertainPredictionsScoreOne() {
        double[][] p = new double[100][4];
        for (double[] row : p) {
            java.util.Arrays.fill(row, 0.25);
        }
        assertThat(ClassStatistics.of(p, 0.01).score()).isCloseTo(1, within(1e-12));
    }

    @Test
    void partlyConfidentPredictionsGiveTheClosedFormScore() {
        // two classes, half the images p = (q, 1-q), half (1-q, q): marginal uniform,
        // KL(p(y|x) || p(y)) = q log 2q + (1-q) log 2(1-q) for every image
        double q = 0.8;
        double[][] p = new double[10][];
        for (int i = 0; i < 10; i++) {
            p[i] = i % 2 == 0 ? new double[] {q, 1 - q} : new double[] {1 - q, q};
        }
        ClassStatistics s = ClassStatistics.of(p, 0.01);
        assertThat(s.score()).isCloseTo(Math.exp(q * Math.log(2 * q) + (1 - q) * Math.log(2 * (1 - q))), within(1e-12));
        assertThat(s.classes()).isEqualTo(2);
        assertThat(s.classKl()).isCloseTo(0, within(1e-12));
    }

    @Test
    void aClassBelowTheMinimumShareIsNotPresent() {
        // 995 images of class 0, 5 (0.5%) of class 1
        ClassStatistics s = ClassStatistics.of(confident(1000, 10, i -> i < 995 ? 0 : 1, 1.0), 0.01);
        assertThat(s.classes()).isEqualTo(1);
        double expectedKl = 0.995 * Math.log(9.95) + 0.005 * Math.log(0.05);
        assertThat(s.classKl()).isCloseTo(expectedKl, within(1e-12));
    }

    /** n predictions over k classes putting {@code confidence} on {@code label(i)} and the rest evenly. */
    private static double[][] confident(int n, int k, java.util.function.IntUnaryOperator label, double confidence) {
        double[][] p = new double[n][k];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(p[i], (1 - confidence) / (k - 1));
            p[i][label.applyAsInt(i)] = confidence;
        }
        return p;
    }
}

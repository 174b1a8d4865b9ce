package org.gan4j.core.metrics.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Softmax cross-entropy against its closed form and central finite differences. */
class SoftmaxCrossEntropyTest {

    @Test
    void equalLogitsGiveLogKAndTheClosedFormGradient() {
        int n = 3;
        int k = 5;
        double[] z = new double[n * k];
        int[] y = {0, 4, 2};
        double[] g = new double[n * k];
        assertThat(SoftmaxCrossEntropy.lossAndGradient(z, y, n, k, g)).isCloseTo(Math.log(5), within(1e-15));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                assertThat(g[i * k + j]).isCloseTo((0.2 - (j == y[i] ? 1 : 0)) / n, within(1e-15));
            }
        }
    }

    @Test
    void theGradientMatchesFiniteDifferences() {
        Random r = new Random(11);
        int n = 4;
        int k = 10;
        double[] z = new double[n * k];
        for (int i = 0; i < z.length; i++) {
            z[i] = 3 * r.nextGaussian();
        }
        int[] y = {3, 9, 0, 3};
        double[] g = new double[n * k];
        SoftmaxCrossEntropy.lossAndGradient(z, y, n, k, g);
        double h = 1e-6;
        for (int i = 0; i < z.length; i++) {
            double keep = z[i];
            z[i] = keep + h;
            double plus = SoftmaxCrossEntropy.lossAndGradient(z, y, n, k, null);
            z[i] = keep - h;
            double minus = SoftmaxCrossEntropy.lossAndGradient(z, y, n, k, null);
            z[i] = keep;
            assertThat(g[i]).as("dL/dz[%d]", i).isCloseTo((plus - minus) / (2 * h), within(1e-8));
        }
    }

    @Test
    void hugeLogitsStayFinite() {
        double[] z = {1000, -1000, 0, 2000, 1990, 0};
        double[] g = new double[6];
        double loss = SoftmaxCrossEntropy.lossAndGradient(z, new int[] {1, 1}, 2, 3, g);
        // row 1: -log softmax = 2000; row 2: log(1 + e^-10 + e^-2000) + 10
        assertThat(loss).isCloseTo((2000 + Math.log1p(Math.exp(-10)) + 10) / 2, within(1e-9));
        for (double v : g) {
            assertThat(v).isFinite();
        }
    }
}

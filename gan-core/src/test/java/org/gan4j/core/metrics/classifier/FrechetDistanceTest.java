package org.gan4j.core.metrics.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** The Fréchet distance against closed forms and an independent computation. */
class FrechetDistanceTest {

    @Test
    void identicalGaussiansAreAtDistanceZero() {
        Random r = new Random(1);
        FrechetDistance.Gaussian g = new FrechetDistance.Gaussian(randomVector(r, 20), randomCovariance(r, 20, 30));
        assertThat(FrechetDistance.distance(g, g)).isCloseTo(0, within(1e-9));
    }

    @Test
    void diagonalCovariancesGiveTheClosedForm() {
        double[] mu1 = {1, -2, 0.5, 3};
        double[] mu2 = {0, 1, 0.5, -1};
        double[] a = {1, 4, 0.25, 9};
        double[] b = {2, 1, 0.01, 9};
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            expected += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]) + Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        double d = FrechetDistance.distance(new FrechetDistance.Gaussian(mu1, diagonal(a)), new FrechetDistance.Gaussian(mu2, diagonal(b)));
        assertThat(d).isCloseTo(expected, within(1e-10));
        assertThat(expected).isCloseTo(1 + 9 + 0 + 16 + Math.pow(1 - Math.sqrt(2), 2) + 1 + 0.16 + 0, within(1e-12));
    }

    @Test
    void aRandomPairAgreesWithTheEigenvaluesOfTheUnsymmetricProduct() {
        Random r = new Random(7);
        int d = 12;
        FrechetDistance.Gaussian a = new FrechetDistance.Gaussian(randomVector(r, d), randomCovariance(r, d, 40));
        FrechetDistance.Gaussian b = new FrechetDistance.Gaussian(randomVector(r, d), randomCovariance(r, d, 15));
        // independently: S1 S2 has real non-negative eigenvalues; Tr((S1 S2)^½) is the sum of their square roots
        RealMatrix product = new Array2DRowRealMatrix(a.covariance()).multiply(new Array2DRowRealMatrix(b.covariance()));
        double traceSqrt = 0;
        for (double lambda : new EigenDecomposition(product).getRealEigenvalues()) {
            traceSqrt += Math.sqrt(lambda);
        }
        double expected = 0;
        for (int i = 0; i < d; i++) {
            expected += Math.pow(a.mean()[i] - b.mean()[i], 2) + a.covariance()[i][i] + b.covariance()[i][i];
        }
        expected -= 2 * traceSqrt;
        assertThat(FrechetDistance.distance(a, b)).isCloseTo(expected, within(1e-8 * Math.abs(expected)));
        assertThat(FrechetDistance.distance(b, a)).isCloseTo(expected, within(1e-8 * Math.abs(expected)));
    }

    @Test
    void aRankDeficientCovarianceDoesNotProduceNaN() {
        // 5 samples in 10 dimensions: covariance of rank 4, eigenvalues round off slightly negative
        Random r = new Random(3);
        double[][] x = new double[5][10];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextGaussian();
            }
        }
        FrechetDistance.Gaussian g = FrechetDistance.fit(x);
        assertThat(FrechetDistance.distance(g, g)).isCloseTo(0, within(1e-6));
    }

    @Test
    void theFeaturesOfAnUntrainedGeneratorDoNotStopTheEigensolver() {
        // most features constant (zero variance), the rest tiny, against a broad covariance: like the
        // features of an untrained MLP generator's images on MNIST (96 of 128 constant), on which
        // Commons Math's EigenDecomposition failed to converge
        Random r = new Random(5);
        int d = 128;
        double[][] x = new double[400][d];
        for (double[] row : x) {
            for (int j = 96; j < d; j++) {
                row[j] = 0.01 * Math.abs(r.nextGaussian());
            }
        }
        FrechetDistance.Gaussian generated = FrechetDistance.fit(x);
        FrechetDistance.Gaussian real = new FrechetDistance.Gaussian(randomVector(r, d), randomCovariance(r, d, 300));
        double expectedMeans = 0;
        for (int j = 0; j < d; j++) {
            expectedMeans += Math.pow(generated.mean()[j] - real.mean()[j], 2);
        }
        double fid = FrechetDistance.distance(generated, real);
        assertThat(fid).isFinite().isGreaterThan(expectedMeans);
    }

    @Test
    void theSquareRootSquaresBack() {
        Random r = new Random(9);
        double[][] s = randomCovariance(r, 16, 8); // rank 8
        org.nd4j.linalg.api.ndarray.INDArray root = FrechetDistance.sqrtPsd(org.nd4j.linalg.factory.Nd4j.createFromArray(s));
        double[][] squared = root.mmul(root).toDoubleMatrix();
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                assertThat(squared[i][j]).isCloseTo(s[i][j], within(1e-9));
            }
        }
    }

    @Test
    void fitGivesTheSampleMeanAndUnbiasedCovariance() {
        double[][] x = {{1, 2}, {3, 0}, {5, 4}};
        FrechetDistance.Gaussian g = FrechetDistance.fit(x);
        assertThat(g.mean()).containsExactly(3, 2);
        // deviations (-2,0), (0,-2), (2,2): var x = 8/2, var y = 8/2, cov = 4/2
        assertThat(g.covariance()[0]).containsExactly(4, 2);
        assertThat(g.covariance()[1]).containsExactly(2, 4);
    }

    @Test
    void oneDimensionalGaussiansGiveTheSquaredDifferencesOfMeanAndStd() {
        FrechetDistance.Gaussian a = new FrechetDistance.Gaussian(new double[] {2}, new double[][] {{9}});
        FrechetDistance.Gaussian b = new FrechetDistance.Gaussian(new double[] {-1}, new double[][] {{1}});
        assertThat(FrechetDistance.distance(a, b)).isCloseTo(9 + 4, within(1e-12));
    }

    private static double[][] diagonal(double[] v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            m[i][i] = v[i];
        }
        return m;
    }

    private static double[] randomVector(Random r, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    /** {@code A Aᵀ / m} for a random {@code d x m} A: symmetric positive (semi-)definite. */
    private static double[][] randomCovariance(Random r, int d, int m) {
        double[][] a = new double[d][m];
        for (double[] row : a) {
            for (int j = 0; j < m; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < m; k++) {
                    s[i][j] += a[i][k] * a[j][k] / m;
                }
            }
        }
        return s;
    }
}

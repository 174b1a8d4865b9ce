package org.gan4j.api.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm's heap loops split over threads by channel give exactly the bits of the sequential
 * loops they replaced (copied below as the reference), at every thread count, in double and float.
 */
class HeapCopySplitTest {

    // A batch large enough to be split (more than HeapCopy.MIN_CHUNK_VALUES values per chunk) and
    // an odd channel count, so chunks are uneven; spatial 1 is batch norm after a dense layer.
    private static final int[][] SHAPES = {{64, 37, 196}, {64, 512, 1}, {3, 5, 7}};

    private static INDArray random(DataType type, long seed, int size) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = r.nextGaussian() * 3 + 0.5;
        }
        return Nd4j.createFromArray(v).castTo(type);
    }

    @Test
    void doubleLoopsEqualTheSequentialOnesAtEveryThreadCount() {
        for (int[] s : SHAPES) {
            int n = s[0];
            int c = s[1];
            int spatial = s[2];
            int size = n * c * spatial;
            INDArray xa = random(DataType.DOUBLE, 1, size);
            INDArray dya = random(DataType.DOUBLE, 2, size);
            double[] x = xa.toDoubleVector();
            double[] dy = dya.toDoubleVector();
            double[] a = random(DataType.DOUBLE, 3, c).toDoubleVector();
            double[] p = random(DataType.DOUBLE, 4, c).toDoubleVector();
            double[] q = random(DataType.DOUBLE, 5, c).toDoubleVector();

            double[] refMean = new double[c];
            double[] refVar = new double[c];
            oldMoments(x, n, c, spatial, refMean, refVar);
            double[] refSumDy = new double[c];
            double[] refSumDyX = new double[c];
            oldSums(dy, x, n, c, spatial, refSumDy, refSumDyX);
            double[] refAffine = new double[size];
            oldAffine(refAffine, dy, x, n, c, spatial, a, p, q);
            double[] refAffineNoX = new double[size];
            oldAffine(refAffineNoX, dy, null, n, c, spatial, a, p, q);

            int[] split = new int[1];
            Parallel.withThreads(4, () -> split[0] = Parallel.chunks(c, HeapCopy.minChannels(n, spatial)));
            assertThat(split[0] > 1).as("split at 4 threads").isEqualTo(s != SHAPES[2]);
            for (int threads = 1; threads <= 4; threads++) {
                Parallel.withThreads(threads, () -> {
                    HeapCopy hx = HeapCopy.ensure(null, DataType.DOUBLE, size);
                    HeapCopy hdy = HeapCopy.ensure(null, DataType.DOUBLE, size);
                    hx.load(xa);
                    hdy.load(dya);
                    double[] mean = new double[c];
                    double[] variance = new double[c];
                    hx.moments(n, c, spatial, mean, variance);
                    assertThat(java.util.Arrays.equals(mean, refMean)).isTrue();
                    assertThat(java.util.Arrays.equals(variance, refVar)).isTrue();
                    double[] sumDy = new double[c];
                    double[] sumDyX = new double[c];
                    hdy.sums(hx, n, c, spatial, sumDy, sumDyX);
                    assertThat(java.util.Arrays.equals(sumDy, refSumDy)).isTrue();
                    assertThat(java.util.Arrays.equals(sumDyX, refSumDyX)).isTrue();
                    HeapCopy out = HeapCopy.ensure(null, DataType.DOUBLE, size);
                    out.affine(hdy, hx, n, c, spatial, a, p, q);
                    INDArray stored = Nd4j.create(DataType.DOUBLE, size);
                    out.store(stored);
                    assertThat(java.util.Arrays.equals(stored.toDoubleVector(), refAffine)).isTrue();
                    hdy.affine(hdy, null, n, c, spatial, a, null, q); // in place, as the backward does
                    hdy.store(stored);
                    assertThat(java.util.Arrays.equals(stored.toDoubleVector(), refAffineNoX)).isTrue();
                });
            }
        }
    }

    @Test
    void floatLoopsGiveTheSameBitsAtEveryThreadCount() {
        int n = 64;
        int c = 33;
        int spatial = 49;
        int size = n * c * spatial;
        INDArray xa = random(DataType.FLOAT, 6, size);
        INDArray dya = random(DataType.FLOAT, 7, size);
        double[] a = random(DataType.DOUBLE, 8, c).toDoubleVector();
        double[] p = random(DataType.DOUBLE, 9, c).toDoubleVector();
        double[] q = random(DataType.DOUBLE, 10, c).toDoubleVector();
        double[][] first = null;
        for (int threads = 1; threads <= 4; threads++) {
            double[][] result = new double[5][];
            Parallel.withThreads(threads, () -> {
                HeapCopy hx = HeapCopy.ensure(null, DataType.FLOAT, size);
                HeapCopy hdy = HeapCopy.ensure(null, DataType.FLOAT, size);
                hx.load(xa);
                hdy.load(dya);
                result[0] = new double[c];
                result[1] = new double[c];
                hx.moments(n, c, spatial, result[0], result[1]);
                result[2] = new double[c];
                result[3] = new double[c];
                hdy.sums(hx, n, c, spatial, result[2], result[3]);
                hdy.affine(hdy, hx, n, c, spatial, a, p, q);
                INDArray stored = Nd4j.create(DataType.FLOAT, size);
                hdy.store(stored);
                result[4] = stored.toDoubleVector();
            });
            if (first == null) {
                first = result;
                double[] mean = new double[c];
                double[] variance = new double[c];
                oldMoments(xa.toDoubleVector(), n, c, spatial, mean, variance);
                for (int k = 0; k < c; k++) {
                    assertThat(result[0][k]).isCloseTo(mean[k], org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(result[1][k]).isCloseTo(variance[k], org.assertj.core.data.Offset.offset(1e-6 * variance[k]));
                }
            } else {
                for (int i = 0; i < result.length; i++) {
                    assertThat(java.util.Arrays.equals(result[i], first[i])).as("threads %d, output %d", threads, i).isTrue();
                }
            }
        }
    }

    // The loops of HeapCopy.Doubles before the split, verbatim.

    private static void oldMoments(double[] v, int n, int c, int spatial, double[] mean, double[] variance) {
        double[] s1 = new double[c];
        double[] s2 = new double[c];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                int base = (i * c + k) * spatial;
                for (int j = base; j < base + spatial; j++) {
                    s1[k] += v[j];
                    s2[k] += v[j] * v[j];
                }
            }
        }
        double m = (double) n * spatial;
        for (int k = 0; k < c; k++) {
            mean[k] = s1[k] / m;
            variance[k] = Math.max(0, s2[k] / m - mean[k] * mean[k]);
        }
    }

    private static void oldSums(double[] v, double[] x, int n, int c, int spatial, double[] sumDy, double[] sumDyX) {
        java.util.Arrays.fill(sumDy, 0);
        java.util.Arrays.fill(sumDyX, 0);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                int base = (i * c + k) * spatial;
                for (int j = base; j < base + spatial; j++) {
                    sumDy[k] += v[j];
                    sumDyX[k] += v[j] * x[j];
                }
            }
        }
    }

    private static void oldAffine(double[] v, double[] src, double[] x, int n, int c, int spatial, double[] a, double[] p, double[] q) {
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                int base = (i * c + k) * spatial;
                for (int j = base; j < base + spatial; j++) {
                    v[j] = src[j] * a[k] + (x == null ? 0 : x[j] * p[k]) + q[k];
                }
            }
        }
    }
}

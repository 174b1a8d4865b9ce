package org.gan4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.nn.kernel.Parallel;
import org.gan4j.api.spi.Optimizer;
import org.gan4j.api.spi.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam and RMSProp split over threads by index range give exactly the bits of the sequential loop
 * they replaced (Adam's, copied below as the reference, in double) at every thread count.
 */
class HeapOptimizerSplitTest {

    // large enough to be split into 4 ranges (at least 2^15 values each), and not a multiple of 4
    private static final int SIZE = 4 * (1 << 15) + 13;

    private static double[] gaussian(long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            v[i] = r.nextGaussian() * scale;
        }
        return v;
    }

    /** Three steps of {@code spec} from fixed values and gradients, at {@code threads}; the final values. */
    private static double[] run(OptimizerSpec spec, DataType type, int threads) {
        double[][] out = new double[1][];
        Parallel.withThreads(threads, () -> {
            Parameters.Builder b = Parameters.builder();
            b.add("w", SIZE);
            Parameters p = b.build(type);
            p.values().assign(Nd4j.createFromArray(gaussian(1, 1)).castTo(type));
            Optimizer opt = spec.create(p);
            for (int step = 0; step < 3; step++) {
                p.gradients().assign(Nd4j.createFromArray(gaussian(10 + step, 0.1)).castTo(type));
                opt.step();
            }
            out[0] = p.values().toDoubleVector();
        });
        return out[0];
    }

    @Test
    void adamInDoubleEqualsTheSequentialLoopAtEveryThreadCount() {
        double lr = 2e-4;
        double beta1 = 0.5;
        double beta2 = 0.999;
        double eps = 1e-8;
        double[] p = gaussian(1, 1);
        double[] m = new double[SIZE];
        double[] v = new double[SIZE];
        for (int t = 1; t <= 3; t++) {
            double[] g = gaussian(10 + t - 1, 0.1);
            // AdamOptimizer.update(double[], double[], long) before the split, verbatim
            double stepSize = lr * 1.0 / (1 - Math.pow(beta1, t));
            double invSqrtBc2 = 1 / Math.sqrt(1 - Math.pow(beta2, t));
            for (int i = 0; i < p.length; i++) {
                double gi = g[i];
                double mi = beta1 * m[i] + (1 - beta1) * gi;
                double vi = beta2 * v[i] + (1 - beta2) * gi * gi;
                m[i] = mi;
                v[i] = vi;
                p[i] -= stepSize * mi / (Math.sqrt(vi) * invSqrtBc2 + eps);
            }
        }
        AdamSpec spec = new AdamSpec(lr, beta1, beta2, eps);
        for (int threads = 1; threads <= 4; threads++) {
            assertThat(java.util.Arrays.equals(run(spec, DataType.DOUBLE, threads), p)).as("threads %d", threads).isTrue();
        }
    }

    @Test
    void floatAdamAndRmsPropGiveTheSameBitsAtEveryThreadCount() {
        for (OptimizerSpec spec : new OptimizerSpec[] {new AdamSpec(5e-4, 0.5, 0.999, 1e-8), new RmsPropSpec(1e-3, 0.9, 1e-8)}) {
            double[] one = run(spec, DataType.FLOAT, 1);
            assertThat(one).isNotEqualTo(Nd4j.createFromArray(gaussian(1, 1)).castTo(DataType.FLOAT).toDoubleVector());
            for (int threads = 2; threads <= 4; threads++) {
                assertThat(java.util.Arrays.equals(run(spec, DataType.FLOAT, threads), one)).as("%s, threads %d", spec, threads).isTrue();
            }
        }
    }
}

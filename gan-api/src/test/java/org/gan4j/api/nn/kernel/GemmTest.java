package org.gan4j.api.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.gan4j.api.nn.Parameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Both GEMM paths against ND4J's own, on views inside a flat parameter array as layers use them. */
class GemmTest {

    @ParameterizedTest
    @CsvSource({
            "FLOAT, false, false, 5, 7, 3, 0.0", "FLOAT, true, false, 5, 7, 3, 1.0", "FLOAT, false, true, 5, 7, 3, 0.0",
            "DOUBLE, false, false, 5, 7, 3, 1.0", "DOUBLE, true, false, 4, 6, 9, 1.0", "DOUBLE, false, true, 4, 6, 9, 0.0",
            // above the direct-call size: NN and NT go through Mmul, TN stays direct
            "FLOAT, false, false, 64, 300, 256, 0.0", "FLOAT, true, false, 300, 256, 64, 1.0", "FLOAT, false, true, 64, 300, 256, 0.0"})
    void matchesNd4j(DataType type, boolean ta, boolean tb, int m, int n, int k, double beta) {
        Nd4j.getRandom().setSeed(1);
        Parameters.Builder builder = Parameters.builder();
        builder.add("pad", 3);
        Parameters.Slot sb = builder.add("b", tb ? n : k, tb ? k : n);
        Parameters.Slot sc = builder.add("c", m, n);
        Parameters p = builder.build(type);
        p.values().assign(Nd4j.rand(type, p.size()));
        INDArray a = Nd4j.rand(type, ta ? k : m, ta ? m : k);
        INDArray expected = sc.value().dup();
        Nd4j.gemm(a, sb.value(), expected, ta, tb, 1.0, beta);

        Gemm gemm = new Gemm(ta, tb, beta);
        gemm.exec(a, sb.value(), sc.value());
        double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-4;
        assertThat(sc.value().sub(expected).amaxNumber().doubleValue()).isLessThan(tolerance);
        boolean small = (long) m * n * k <= (1L << 22);
        assertThat(gemm.lastWasDirect()).isEqualTo(Gemm.directAvailable() && (ta || small));
    }

    @org.junit.jupiter.api.Test
    void directCallsAreAvailableOnTheCpuBackend() {
        // Otherwise the cases above only exercised the Mmul path.
        assertThat(Gemm.directAvailable()).isEqualTo(Nd4j.getEnvironment().isCPU());
    }
}

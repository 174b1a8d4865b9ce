package org.gan4j.api.nn.kernel;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.gan4j.api.array.Layouts;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Euclidean norm of a whole array, for the trainer's gradient and parameter norms.
 *
 * <p>Why not {@code norm2Number()}: in ND4J 1.0.0-M2.1 it costs ~165 us on the 110 k gradients of
 * a small MLP (a reduction op plus its result array), and sums in float. A direct OpenBLAS
 * {@code dsdot} over a dense FLOAT array takes ~15-25 us and accumulates in double, so it is also
 * closer to the exact value; DOUBLE arrays use {@code dnrm2}. Other types, arrays with gaps, or no
 * OpenBLAS (see {@link Gemm}) fall back to {@code norm2Number()}.
 */
public final class Norms {

    private Norms() {
    }

    /** {@code sqrt(sum of x²)} over every element of {@code x}; NaN or infinite when an element is. */
    public static double euclidean(INDArray x) {
        long n = x.length();
        if (n == 0) {
            return 0;
        }
        DataType type = x.dataType();
        if (!Gemm.directAvailable() || n >= Integer.MAX_VALUE || !Layouts.isDense(x) || (type != DataType.FLOAT && type != DataType.DOUBLE)) {
            return x.norm2Number().doubleValue();
        }
        long offset = x.offset() - x.data().offset();
        if (type == DataType.FLOAT) {
            FloatPointer p = new FloatPointer(x.data().addressPointer()).position(offset);
            return Math.sqrt(openblas.cblas_dsdot((int) n, p, 1, p, 1));
        }
        DoublePointer p = new DoublePointer(x.data().addressPointer()).position(offset);
        return openblas.cblas_dnrm2((int) n, p, 1);
    }
}

package org.gan4j.api.array;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Memory-layout checks shared by the code that reads or writes ND4J buffers directly. */
public final class Layouts {

    private Layouts() {
    }

    /**
     * Whether {@code a} is row-major with no gaps from its offset, so element {@code i} (in row-major
     * order) is at buffer position {@code offset + i}. Size-1 dimensions may have any stride.
     */
    public static boolean isDense(INDArray a) {
        if (a.rank() == 0) {
            return true;
        }
        if (a.ordering() != 'c' && a.rank() > 1) {
            return false;
        }
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) != 1 && a.stride(d) != expected) {
                return false;
            }
            expected *= a.size(d);
        }
        return true;
    }
}

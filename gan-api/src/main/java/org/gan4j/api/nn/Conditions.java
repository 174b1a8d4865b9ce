package org.gan4j.api.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks of the condition arrays conditional layers are given. */
final class Conditions {

    private Conditions() {
    }

    /** {@code condition} must be {@code [batch, size]} of the input's data type (it takes part in GEMMs with the parameters). */
    static void check(String layer, INDArray condition, INDArray input, int size) {
        long batch = input.size(0);
        if (condition == null) {
            throw new IllegalArgumentException(layer + " reads a condition of " + size + " values per sample, but none was given");
        }
        if (condition.rank() != 2 || condition.size(0) != batch || condition.size(1) != size) {
            throw new IllegalArgumentException(layer + " expects a condition [" + batch + ", " + size + "] (one row per sample of the batch), got "
                    + Arrays.toString(condition.shape()));
        }
        if (condition.dataType() != input.dataType()) {
            throw new IllegalArgumentException(layer + " expects a condition of the input's type " + input.dataType() + ", got "
                    + condition.dataType());
        }
    }
}

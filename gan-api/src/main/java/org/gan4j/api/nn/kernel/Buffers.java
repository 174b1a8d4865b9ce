package org.gan4j.api.nn.kernel;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reusable per-pass arrays: reallocated only when the shape (in practice the batch size) or type changes. */
public final class Buffers {

    private Buffers() {
    }

    /** {@code current} if it already has this type and shape, else a new uninitialised array. */
    public static INDArray ensure(INDArray current, DataType dataType, long... shape) {
        if (current != null && current.dataType() == dataType && Arrays.equals(current.shape(), shape)) {
            return current;
        }
        return Nd4j.createUninitialized(dataType, shape);
    }

    /** {@code [batch, sampleShape...]}. */
    /** Checks that {@code input} is {@code [batch, expected...]}; returns the batch size. */
    public static long checkInput(String layer, INDArray input, long[] expected) {
        long[] shape = input.shape();
        boolean ok = shape.length == expected.length + 1;
        for (int i = 0; ok && i < expected.length; i++) {
            ok = shape[i + 1] == expected[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(layer + " expects input [batch, " + join(expected) + "], got " + Arrays.toString(shape));
        }
        return shape[0];
    }

    private static String join(long[] shape) {
        String s = Arrays.toString(shape);
        return s.substring(1, s.length() - 1);
    }
}

package org.gan4j.api.data;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Helpers for datasets that build a batch on the Java heap and copy it into an ND4J array. */
public final class Batches {

    private Batches() {
    }

    /**
     * Copies {@code values[0 .. count * sampleLength)} into rows {@code 0 .. count} of {@code out}
     * (shape {@code [>= count, ...]}, each row {@code sampleLength} elements), in C order.
     *
     * <p>When {@code out} is a plain float or double array in C order (what {@link BatchStream}
     * allocates) the values are written straight into its off-heap buffer in one bulk copy;
     * anything else (a view, another data type, F order) goes through a temporary array and
     * {@code assign}, which is correct but slower.
     */
    public static void putRows(INDArray out, float[] values, int count, long sampleLength) {
        long n = count * sampleLength;
        if (out.rank() < 1 || out.size(0) < count || out.length() / Math.max(1, out.size(0)) != sampleLength) {
            throw new IllegalArgumentException("cannot write " + count + " samples of " + sampleLength
                    + " values into an array of shape " + java.util.Arrays.toString(out.shape()));
        }
        if (values.length < n) {
            throw new IllegalArgumentException("need " + n + " values, got " + values.length);
        }
        if (n == 0) {
            return;
        }
        if (isPlainC(out)) {
            if (out.dataType() == DataType.FLOAT) {
                FloatBuffer fb = out.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
                fb.put(values, 0, (int) n);
                return;
            }
            if (out.dataType() == DataType.DOUBLE) {
                DoubleBuffer db = out.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    db.put(i, values[i]);
                }
                return;
            }
        }
        long[] shape = out.shape().clone();
        shape[0] = count;
        INDArray source = Nd4j.createFromArray(values.length == n ? values : java.util.Arrays.copyOf(values, (int) n))
                .reshape('c', shape).castTo(out.dataType());
        INDArrayIndex[] rows = new INDArrayIndex[out.rank()];
        rows[0] = NDArrayIndex.interval(0, count);
        for (int d = 1; d < rows.length; d++) {
            rows[d] = NDArrayIndex.all();
        }
        out.get(rows).assign(source);
    }

    /** Whether {@code out} owns its buffer from element 0 in C order with default strides. */
    static boolean isPlainC(INDArray out) {
        return !out.isView() && out.ordering() == 'c' && out.offset() == 0 && out.data().offset() == 0
                && hasCStrides(out) && out.length() <= Integer.MAX_VALUE;
    }

    // Shape.hasDefaultStridesForShape says false for shapes with a dimension of size 1 (e.g. [64, 1, 28, 28]).
    private static boolean hasCStrides(INDArray out) {
        long[] shape = out.shape();
        long[] stride = out.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }
}

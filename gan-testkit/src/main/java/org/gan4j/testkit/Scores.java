package org.gan4j.testkit;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Score arrays shaped as a discriminator returns them: {@code [batch, 1]}. */
public final class Scores {

    private Scores() {
    }

    /** A {@code [n, 1]} array of the given type holding {@code values}. */
    public static INDArray of(DataType type, double... values) {
        return Nd4j.create(values, new long[] {values.length, 1}, DataType.DOUBLE).castTo(type);
    }

    /** A {@code [n, 1]} double array holding {@code values}. */
    public static INDArray of(double... values) {
        return of(DataType.DOUBLE, values);
    }

    /** {@code n} copies of {@code value}, as a {@code [n, 1]} double array. */
    public static INDArray constant(int n, double value) {
        double[] values = new double[n];
        java.util.Arrays.fill(values, value);
        return of(values);
    }

    /** {@code values} followed by {@code values} again: the same batch, twice as large. */
    public static double[] twice(double[] values) {
        double[] out = new double[2 * values.length];
        System.arraycopy(values, 0, out, 0, values.length);
        System.arraycopy(values, 0, out, values.length, values.length);
        return out;
    }
}

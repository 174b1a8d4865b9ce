package org.gan4j.losses;

import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small helpers for the loss tests: score arrays, the closed forms computed naively, finite differences. */
final class LossTestSupport {

    private LossTestSupport() {
    }

    /** A {@code [n, 1]} array of scores. */
    static INDArray scores(DataType type, double... values) {
        return Nd4j.create(values, new long[] {values.length, 1}, DataType.DOUBLE).castTo(type);
    }

    static INDArray scores(double... values) {
        return scores(DataType.DOUBLE, values);
    }

    static double sigmoid(double s) {
        return 1 / (1 + Math.exp(-s));
    }

    /** Binary cross-entropy of a moderate logit, straight from the definition (unstable for large |s|). */
    static double naiveBce(double s, double target) {
        double p = sigmoid(s);
        return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
    }

    /** Central finite differences of {@code f} with respect to each element of {@code x} (double precision). */
    static double[] numericalGradient(ToDoubleFunction<INDArray> f, INDArray x, double h) {
        double[] grad = new double[(int) x.length()];
        for (int i = 0; i < grad.length; i++) {
            INDArray plus = x.dup();
            plus.putScalar(i, x.getDouble(i) + h);
            INDArray minus = x.dup();
            minus.putScalar(i, x.getDouble(i) - h);
            grad[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
        }
        return grad;
    }
}

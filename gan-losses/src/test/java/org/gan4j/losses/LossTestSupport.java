package org.gan4j.losses;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small helpers for the loss tests: score arrays, the closed forms computed naively (finite differences: gan-testkit's {@code FiniteDifferences}). */
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
}

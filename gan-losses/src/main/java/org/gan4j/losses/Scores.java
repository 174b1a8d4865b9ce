package org.gan4j.losses;

import org.gan4j.api.array.Layouts;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores to Java arrays and gradients back, so the built-in losses compute on a batch of scores with
 * plain loops.
 *
 * <p>Why: a loss sees {@code [batch, 1]} arrays of a few dozen values; each ND4J op on them costs
 * 10-50 us of dispatch and allocation (a sigmoid and a mean: ~50 us), while reading 64 scores and
 * looping over them takes well under a microsecond. What remains is one allocation per gradient
 * array returned (~10 us).
 */
final class Scores {

    private Scores() {
    }

    /** The scores in row-major order, as doubles; refuses an empty batch (its mean would be NaN). */
    static double[] read(INDArray scores) {
        int n = Math.toIntExact(BinaryCrossEntropy.batchSize(scores));
        INDArray dense = Layouts.isDense(scores) ? scores : scores.dup('c');
        DataBuffer data = dense.data();
        long offset = dense.offset();
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = data.getDouble(offset + i);
        }
        return values;
    }

    /** A new array shaped and typed like {@code like}, holding {@code values} in row-major order. */
    static INDArray like(INDArray like, double[] values) {
        INDArray out = Nd4j.createUninitialized(like.dataType(), like.shape(), 'c');
        DataBuffer data = out.data();
        long offset = out.offset();
        for (int i = 0; i < values.length; i++) {
            data.put(offset + i, values[i]);
        }
        return out;
    }

    /** A new array shaped and typed like {@code like}, every value {@code value}. */
    static INDArray filled(INDArray like, double value) {
        double[] values = new double[Math.toIntExact(like.length())];
        java.util.Arrays.fill(values, value);
        return like(like, values);
    }

    static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }

    static double mean(double[] values) {
        return sum(values) / values.length;
    }

    /** The mean of {@code sigmoid(s)}: the mean probability "real" a logit discriminator gives. */
    static double meanSigmoid(double[] logits) {
        double sum = 0;
        for (double s : logits) {
            sum += sigmoid(s);
        }
        return sum / logits.length;
    }

    /** {@code 1 / (1 + exp(-s))}, without overflow for large negative {@code s}. */
    static double sigmoid(double s) {
        if (s >= 0) {
            return 1 / (1 + Math.exp(-s));
        }
        double e = Math.exp(s);
        return e / (1 + e);
    }
}

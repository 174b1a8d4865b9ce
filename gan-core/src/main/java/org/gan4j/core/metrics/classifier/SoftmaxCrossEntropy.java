package org.gan4j.core.metrics.classifier;

/**
 * Softmax with cross-entropy, the classifier's training loss: for logits {@code z [n][k]} and labels
 * {@code y}, {@code L = -(1/n) Σ_i log softmax(z_i)[y_i]} and {@code dL/dz_i = (softmax(z_i) - onehot(y_i)) / n}.
 * Computed in double with the max subtracted, so large logits do not overflow.
 */
public final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {
    }

    /** Softmax of one row of logits, into {@code out}. */
    public static void softmax(double[] logits, int from, int k, double[] out, int outFrom) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, logits[from + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double e = Math.exp(logits[from + j] - max);
            out[outFrom + j] = e;
            sum += e;
        }
        for (int j = 0; j < k; j++) {
            out[outFrom + j] /= sum;
        }
    }

    /**
     * The mean loss over the batch and, when {@code gradient} is not null, its gradient with respect
     * to the logits.
     *
     * @param logits   {@code n * k} values, row-major
     * @param labels   n class indices in {@code [0, k)}
     * @param gradient {@code n * k} values written, or null
     */
    public static double lossAndGradient(double[] logits, int[] labels, int n, int k, double[] gradient) {
        double[] p = new double[k];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            if (y < 0 || y >= k) {
                throw new IllegalArgumentException("label " + y + " outside [0, " + k + ")");
            }
            softmax(logits, i * k, k, p, 0);
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits[i * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logits[i * k + j] - max);
            }
            // -log softmax[y] = log Σ exp(z - max) + max - z_y, exact even where softmax[y] underflows
            loss += Math.log(sum) + max - logits[i * k + y];
            if (gradient != null) {
                for (int j = 0; j < k; j++) {
                    gradient[i * k + j] = (p[j] - (j == y ? 1 : 0)) / n;
                }
            }
        }
        return loss / n;
    }
}

package org.gan4j.core.optim;

import org.gan4j.api.nn.Parameters;

/**
 * Adam as PyTorch computes it: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g²},
 * {@code p -= lr / (1 - b1^t) * m / (sqrt(v / (1 - b2^t)) + eps)}. State: {@code [m | v]}.
 */
final class AdamOptimizer extends HeapOptimizer {

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;

    AdamOptimizer(AdamSpec spec, Parameters parameters) {
        super(parameters, 2);
        this.lr = spec.lr();
        this.beta1 = spec.beta1();
        this.beta2 = spec.beta2();
        this.eps = spec.eps();
    }

    @Override
    void update(float[] g, float[] p, int from, int to, long t) {
        float[] m = stateF[0];
        float[] v = stateF[1];
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float stepSize = (float) (lr * learningRateScale / (1 - Math.pow(beta1, t)));
        float invSqrtBc2 = (float) (1 / Math.sqrt(1 - Math.pow(beta2, t)));
        float e = (float) eps;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBc2 + e);
        }
    }

    @Override
    void update(double[] g, double[] p, int from, int to, long t) {
        double[] m = stateD[0];
        double[] v = stateD[1];
        double stepSize = lr * learningRateScale / (1 - Math.pow(beta1, t));
        double invSqrtBc2 = 1 / Math.sqrt(1 - Math.pow(beta2, t));
        for (int i = from; i < to; i++) {
            double gi = g[i];
            double mi = beta1 * m[i] + (1 - beta1) * gi;
            double vi = beta2 * v[i] + (1 - beta2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= stepSize * mi / (Math.sqrt(vi) * invSqrtBc2 + eps);
        }
    }
}

package org.gan4j.core.optim;

import org.gan4j.api.nn.Parameters;

/**
 * RMSProp: {@code v = d v + (1-d) g²}, {@code p -= lr g / sqrt(v + eps)}, starting from
 * {@code v = 0} as PyTorch does. State: {@code [v]}.
 */
final class RmsPropOptimizer extends HeapOptimizer {

    private final double lr;
    private final double decay;
    private final double eps;

    RmsPropOptimizer(RmsPropSpec spec, Parameters parameters) {
        super(parameters, 1);
        this.lr = spec.lr();
        this.decay = spec.decay();
        this.eps = spec.eps();
    }

    @Override
    void update(float[] g, float[] p, int from, int to, long t) {
        float[] v = stateF[0];
        float d = (float) decay;
        float c = (float) (1 - decay);
        float l = (float) (lr * learningRateScale);
        float e = (float) eps;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float vi = d * v[i] + c * gi * gi;
            v[i] = vi;
            p[i] -= l * gi / (float) Math.sqrt(vi + e);
        }
    }

    @Override
    void update(double[] g, double[] p, int from, int to, long t) {
        double[] v = stateD[0];
        for (int i = from; i < to; i++) {
            double gi = g[i];
            double vi = decay * v[i] + (1 - decay) * gi * gi;
            v[i] = vi;
            p[i] -= lr * learningRateScale * gi / Math.sqrt(vi + eps);
        }
    }
}

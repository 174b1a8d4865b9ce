package org.gan4j.api.spi;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient penalties of the literature, as functions of each sample's input-gradient norm
 * {@code n_i = ‖g_i‖}: a penalty {@code mean_i φ(n_i)} has the gradient
 * {@code φ'(n_i) g_i / (n_i batch)} (taken as 0 where {@code g_i = 0}).
 */
public final class GradientPenalties {

    private GradientPenalties() {
    }

    /**
     * WGAN-GP (Gulrajani et al. 2017): {@code λ mean (‖g‖ - 1)²} at random interpolates of real and
     * generated samples.
     */
    public static GradientPenalty wganGp(double lambda) {
        return new NormPenalty("gp", GradientPenalty.Samples.INTERPOLATES, lambda, 1, true);
    }

    /** R1 (Mescheder et al. 2018): {@code γ/2 mean ‖g‖²} at real samples, every {@code interval}-th step. */
    public static GradientPenalty r1(double gamma, int interval) {
        return new NormPenalty("r1", GradientPenalty.Samples.REAL, gamma, interval, false);
    }

    /** R2: {@code γ/2 mean ‖g‖²} at generated samples, every {@code interval}-th step. */
    public static GradientPenalty r2(double gamma, int interval) {
        return new NormPenalty("r2", GradientPenalty.Samples.FAKE, gamma, interval, false);
    }

    /**
     * {@code λ mean (n - 1)²} when {@code unitNorm}, else {@code λ/2 mean n²}; both from the squared
     * norms, summed in double.
     */
    private record NormPenalty(String name, GradientPenalty.Samples samples, double weight, int interval, boolean unitNorm)
            implements GradientPenalty {

        NormPenalty {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException(name + " weight must be a finite value >= 0, got " + weight);
            }
            if (interval < 1) {
                throw new IllegalArgumentException(name + " interval must be at least 1, got " + interval);
            }
        }

        @Override
        public Result evaluate(INDArray inputGradients) {
            int batch = (int) inputGradients.size(0);
            INDArray rows = inputGradients.reshape('c', batch, inputGradients.length() / batch);
            double[] squared = rows.castTo(DataType.DOUBLE).mul(rows.castTo(DataType.DOUBLE)).sum(1).toDoubleVector();
            double value = 0;
            double[] factor = new double[batch];
            for (int i = 0; i < batch; i++) {
                double n = Math.sqrt(squared[i]);
                if (unitNorm) {
                    value += weight * (n - 1) * (n - 1);
                    factor[i] = n > 0 ? 2 * weight * (n - 1) / (n * batch) : 0;
                } else {
                    value += weight / 2 * squared[i];
                    factor[i] = weight / batch;
                }
            }
            INDArray column = org.nd4j.linalg.factory.Nd4j.createFromArray(factor).reshape(batch, 1).castTo(inputGradients.dataType());
            INDArray gradient = rows.mulColumnVector(column).reshape(inputGradients.shape());
            return new Result(value / batch, gradient);
        }

        @Override
        public String toString() {
            return name + (unitNorm ? " (λ " : " (γ ") + weight + (interval > 1 ? ", every " + interval + " steps)" : ")");
        }
    }
}

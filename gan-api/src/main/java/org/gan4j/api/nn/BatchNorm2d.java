package org.gan4j.api.nn;

import org.gan4j.api.nn.kernel.Buffers;
import org.gan4j.api.nn.kernel.HeapCopy;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * Per-channel batch normalisation of NCHW input {@code [C, H, W]}, as PyTorch's {@code BatchNorm2d}:
 * {@code y = gamma (x - mean) / sqrt(var + eps) + beta}. In training the mean and (biased) variance
 * are the batch's, over batch, height and width, and the running estimates move by
 * {@code running = (1 - momentum) running + momentum batch} with the unbiased batch variance; out of
 * training the running estimates are used. {@code gamma} and {@code beta} are trainable slots
 * ({@code [C]}, initialised 1 and 0), {@code runningMean} and {@code runningVar} state slots
 * (initialised 0 and 1). Backward in training differentiates through the batch mean and variance.
 */
public final class BatchNorm2d implements Layer {

    /** PyTorch's defaults. */
    public static final double DEFAULT_EPSILON = 1e-5;
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final long[] shape;
    private final long channels;
    private final double epsilon;
    private final double momentum;
    private Parameters.Slot gamma;
    private Parameters.Slot beta;
    private Parameters.Slot runningMean;
    private Parameters.Slot runningVar;

    /** With PyTorch's epsilon 1e-5 and momentum 0.1. */
    public BatchNorm2d(long[] inputShape) {
        this(inputShape, DEFAULT_EPSILON, DEFAULT_MOMENTUM);
    }

    public BatchNorm2d(long[] inputShape, double epsilon, double momentum) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("BatchNorm2d needs an input [channels, height, width], got rank " + inputShape.length);
        }
        if (!(epsilon > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm2d needs epsilon > 0 and momentum in [0, 1], got " + epsilon + ", " + momentum);
        }
        this.shape = inputShape.clone();
        this.channels = inputShape[0];
        this.epsilon = epsilon;
        this.momentum = momentum;
    }

    @Override
    public long[] inputShape() {
        return shape.clone();
    }

    @Override
    public long[] outputShape() {
        return shape.clone();
    }

    public double epsilon() {
        return epsilon;
    }

    public double momentum() {
        return momentum;
    }

    /** Scale, {@code [C]}. */
    public Parameters.Slot gamma() {
        return gamma;
    }

    /** Shift, {@code [C]}. */
    public Parameters.Slot beta() {
        return beta;
    }

    /** Running mean (state), {@code [C]}. */
    public Parameters.Slot runningMean() {
        return runningMean;
    }

    /** Running variance (state, unbiased estimates), {@code [C]}. */
    public Parameters.Slot runningVar() {
        return runningVar;
    }

    @Override
    public void declareParameters(Parameters.Builder builder, String prefix) {
        gamma = builder.add(prefix + "gamma", channels);
        beta = builder.add(prefix + "beta", channels);
        runningMean = builder.addState(prefix + "runningMean", channels);
        runningVar = builder.addState(prefix + "runningVar", channels);
    }

    @Override
    public void initialise(Random random) {
        gamma.value().assign(1);
        beta.value().assign(0);
        runningMean.value().assign(0);
        runningVar.value().assign(1);
    }

    /**
     * Refused: in training, batch statistics make each sample's output depend on every other sample
     * of the batch, so the input gradient of one sample's score is not that sample's alone, and a
     * per-sample gradient penalty (WGAN-GP, R1) would penalise something else (Gulrajani et al.
     * 2017 drop batch norm from the critic for this reason).
     */
    @Override
    public Optional<String> doubleBackwardRefusal() {
        return Optional.of("batch normalisation mixes the samples of a batch, so a per-sample gradient penalty is not "
                + "defined through it; use layer normalisation or none in a critic with a gradient penalty");
    }

    @Override
    public LayerPass newPass(Random random) {
        if (gamma == null) {
            throw new IllegalStateException("BatchNorm2d used before its parameters were declared");
        }
        return new BatchNormPass();
    }

    /**
     * Forward and backward as Java loops over heap copies of the batch: libnd4j 1.0.0-M2.1's
     * {@code moments}, {@code batchnorm} and {@code batchnorm_bp} (oneDNN's reference NCHW kernel,
     * plus libnd4j's own corrections for the batch statistics) took 5 ns per value forward and
     * 9-10 ns backward on one thread; bulk copies and per-channel loops take about 1 and 2 (measured
     * on dcgan-mnist32's layers). Statistics are summed in double. The input's heap copy is kept for
     * the backward pass.
     */
    private final class BatchNormPass implements LayerPass {
        private final int c = (int) channels;
        private final int spatial = (int) (shape[1] * shape[2]);
        private final double[] mean = new double[c];
        private final double[] inverseStd = new double[c];
        private final double[] a = new double[c];
        private final double[] b = new double[c];
        private INDArray input;
        private INDArray output;
        private INDArray gradInput;
        private HeapCopy x;
        private HeapCopy work;
        private boolean trained;
        private int batch;

        @Override
        public INDArray forward(INDArray in, boolean training) {
            long n = Buffers.checkInput("BatchNorm2d", in, shape);
            if (n * c * spatial > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("BatchNorm2d batch of more than 2^31 values");
            }
            batch = (int) n;
            output = Buffers.ensure(output, in.dataType(), in.shape());
            x = HeapCopy.ensure(x, in.dataType(), batch * c * spatial);
            work = HeapCopy.ensure(work, in.dataType(), batch * c * spatial);
            x.load(in);
            if (training) {
                x.moments(batch, c, spatial, mean, inverseStd);
                long count = (long) batch * spatial;
                double unbiased = count > 1 ? (double) count / (count - 1) : 1.0;
                double[] rm = HeapCopy.read(runningMean.value());
                double[] rv = HeapCopy.read(runningVar.value());
                for (int k = 0; k < c; k++) {
                    double variance = inverseStd[k]; // moments leaves the biased variance here
                    rm[k] = (1 - momentum) * rm[k] + momentum * mean[k];
                    rv[k] = (1 - momentum) * rv[k] + momentum * unbiased * variance;
                    inverseStd[k] = 1 / Math.sqrt(variance + epsilon);
                }
                HeapCopy.write(runningMean.value(), rm);
                HeapCopy.write(runningVar.value(), rv);
            } else {
                double[] rm = HeapCopy.read(runningMean.value());
                double[] rv = HeapCopy.read(runningVar.value());
                for (int k = 0; k < c; k++) {
                    mean[k] = rm[k];
                    inverseStd[k] = 1 / Math.sqrt(rv[k] + epsilon);
                }
            }
            double[] g = HeapCopy.read(gamma.value());
            double[] be = HeapCopy.read(beta.value());
            for (int k = 0; k < c; k++) {
                a[k] = g[k] * inverseStd[k];
                b[k] = be[k] - mean[k] * a[k];
            }
            work.affine(x, null, batch, c, spatial, a, null, b);
            work.store(output);
            input = in;
            trained = training;
            return output;
        }

        /**
         * With {@code k = gamma / sigma}: {@code dgamma = sum(dy (x - mean)) / sigma}, {@code dbeta = sum(dy)},
         * and in training (statistics depending on x) {@code dx = k (dy - dbeta / M - xhat dgamma / M)},
         * out of training {@code dx = k dy}; both as {@code dx = k dy + p x + q} per channel.
         */
        @Override
        public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
            if (input == null) {
                throw new IllegalStateException("backward before forward");
            }
            if (!parameterGradients && !inputGradient) {
                return null;
            }
            work.load(gradOutput);
            double[] sumDy = new double[c];
            double[] sumDyX = new double[c];
            work.sums(x, batch, c, spatial, sumDy, sumDyX);
            double[] dGamma = new double[c];
            for (int k = 0; k < c; k++) {
                dGamma[k] = (sumDyX[k] - mean[k] * sumDy[k]) * inverseStd[k];
            }
            if (parameterGradients) {
                double[] dg = HeapCopy.read(gamma.gradient());
                double[] db = HeapCopy.read(beta.gradient());
                for (int k = 0; k < c; k++) {
                    dg[k] += dGamma[k];
                    db[k] += sumDy[k];
                }
                HeapCopy.write(gamma.gradient(), dg);
                HeapCopy.write(beta.gradient(), db);
            }
            if (!inputGradient) {
                return null;
            }
            double[] g = HeapCopy.read(gamma.value());
            double m = (double) batch * spatial;
            double[] p = new double[c];
            double[] q = new double[c];
            for (int k = 0; k < c; k++) {
                a[k] = g[k] * inverseStd[k];
                if (trained) {
                    p[k] = -a[k] * inverseStd[k] * dGamma[k] / m;
                    q[k] = -a[k] * sumDy[k] / m - p[k] * mean[k];
                }
            }
            work.affine(work, trained ? x : null, batch, c, spatial, a, p, q);
            gradInput = Buffers.ensure(gradInput, gradOutput.dataType(), input.shape());
            work.store(gradInput);
            return gradInput;
        }
    }
}

package org.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Per-channel batch normalisation of NCHW input {@code [C, H, W]}, as PyTorch's {@code BatchNorm2d}:
 * {@code y = gamma (x - mean) / sqrt(var + eps) + beta}. In training the mean and (biased) variance
 * are the batch's, over batch, height and width, and the running estimates move by
 * {@code running = (1 - momentum) running + momentum batch} with the unbiased batch variance; out of
 * training the running estimates are used. {@code gamma} and {@code beta} are trainable slots
 * ({@code [C]}, initialised 1 and 0), {@code runningMean} and {@code runningVar} state slots
 * (initialised 0 and 1). Forward runs libnd4j's {@code batchnorm}; backward in training its
 * {@code batchnorm_bp}, which differentiates through the batch mean and variance.
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

    @Override
    public LayerPass newPass(Random random) {
        if (gamma == null) {
            throw new IllegalStateException("BatchNorm2d used before its parameters were declared");
        }
        return new BatchNormPass();
    }

    private final class BatchNormPass implements LayerPass {
        private final CachedOp moments = new CachedOp();
        private final CachedOp forward = new CachedOp();
        private final CachedOp backward = new CachedOp();
        private final CachedOp addGamma = new CachedOp();
        private final CachedOp addBeta = new CachedOp();
        private INDArray input;
        private INDArray output;
        private INDArray batchMean;
        private INDArray batchVar;
        private INDArray gradInput;
        private INDArray gradMean;
        private INDArray gradVar;
        private INDArray gradGamma;
        private INDArray gradBeta;
        private boolean trained;

        @Override
        public INDArray forward(INDArray x, boolean training) {
            long batch = Buffers.checkInput("BatchNorm2d", x, shape);
            output = Buffers.ensure(output, x.dataType(), x.shape());
            INDArray m;
            INDArray v;
            if (training) {
                batchMean = Buffers.ensure(batchMean, x.dataType(), channels);
                batchVar = Buffers.ensure(batchVar, x.dataType(), channels);
                INDArray bm = batchMean;
                INDArray bv = batchVar;
                // One moments op: ~1.4 ms on a 64x128x8x8 batch against ~5.5 ms for Mean plus Variance.
                moments.exec(() -> DynamicCustomOp.builder("moments").addInputs(x).addOutputs(bm, bv)
                        .addIntegerArguments(0, 2, 3).build(), x, bm, bv);
                long n = batch * shape[1] * shape[2];
                double unbiased = n > 1 ? (double) n / (n - 1) : 1.0;
                // Small [C] vectors: plain in-place ops.
                runningMean.value().muli(1 - momentum).addi(bm.mul(momentum));
                runningVar.value().muli(1 - momentum).addi(bv.mul(momentum * unbiased));
                m = bm;
                v = bv;
            } else {
                m = runningMean.value();
                v = runningVar.value();
            }
            INDArray y = output;
            INDArray g = gamma.value();
            INDArray b = beta.value();
            forward.exec(() -> DynamicCustomOp.builder("batchnorm")
                    .addInputs(x, m, v, g, b)
                    .addOutputs(y)
                    .addIntegerArguments(1, 1, 1)
                    .addFloatingPointArguments(epsilon)
                    .build(), x, m, v, y);
            input = x;
            trained = training;
            return output;
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
            if (input == null) {
                throw new IllegalStateException("backward before forward");
            }
            if (!parameterGradients && !inputGradient) {
                return null;
            }
            INDArray x = input;
            INDArray dy = gradOutput;
            if (!trained) {
                return backwardWithRunningStatistics(dy, parameterGradients, inputGradient);
            }
            INDArray m = batchMean;
            INDArray v = batchVar;
            INDArray g = gamma.value();
            INDArray b = beta.value();
            gradInput = Buffers.ensure(gradInput, dy.dataType(), x.shape());
            gradMean = Buffers.ensure(gradMean, dy.dataType(), channels);
            gradVar = Buffers.ensure(gradVar, dy.dataType(), channels);
            gradGamma = Buffers.ensure(gradGamma, dy.dataType(), channels);
            gradBeta = Buffers.ensure(gradBeta, dy.dataType(), channels);
            INDArray gi = gradInput;
            INDArray gm = gradMean;
            INDArray gv = gradVar;
            INDArray gg = gradGamma;
            INDArray gb = gradBeta;
            backward.exec(() -> DynamicCustomOp.builder("batchnorm_bp")
                    .addInputs(x, m, v, g, b, dy)
                    .addOutputs(gi, gm, gv, gg, gb)
                    .addIntegerArguments(1, 1, 1)
                    .addFloatingPointArguments(epsilon)
                    .build(), x, m, v, dy, gi);
            if (parameterGradients) {
                INDArray dg = gamma.gradient();
                INDArray db = beta.gradient();
                addGamma.exec(() -> new AddOp(dg, gg, dg), dg, gg);
                addBeta.exec(() -> new AddOp(db, gb, db), db, gb);
            }
            return inputGradient ? gradInput : null;
        }

        /**
         * Out of training the running statistics are constants: {@code dx = dy gamma / sqrt(var + eps)}.
         * libnd4j's {@code batchnorm_bp} always differentiates through batch statistics (checked
         * numerically), so this rarely used path is written out with plain ND4J ops.
         */
        private INDArray backwardWithRunningStatistics(INDArray dy, boolean parameterGradients, boolean inputGradient) {
            INDArray inverseStd = Transforms.pow(runningVar.value().add(epsilon), -0.5, false);
            if (parameterGradients) {
                INDArray normalised = Nd4j.createUninitialized(input.dataType(), input.shape());
                Broadcast.sub(input, runningMean.value(), normalised, 1);
                Broadcast.mul(normalised, inverseStd, normalised, 1);
                gamma.gradient().addi(normalised.muli(dy).sum(0, 2, 3));
                beta.gradient().addi(dy.sum(0, 2, 3));
            }
            if (!inputGradient) {
                return null;
            }
            gradInput = Buffers.ensure(gradInput, dy.dataType(), dy.shape());
            Broadcast.mul(dy, inverseStd.muli(gamma.value()), gradInput, 1);
            return gradInput;
        }
    }
}

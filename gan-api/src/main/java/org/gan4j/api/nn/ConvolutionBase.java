package org.gan4j.api.nn;

import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.kernel.Buffers;
import org.gan4j.api.nn.kernel.CachedOp;
import org.gan4j.api.nn.kernel.ColumnConvolution;
import org.gan4j.api.nn.kernel.DenseConvolution;
import org.gan4j.api.nn.kernel.PatchWeightGradient;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shared machinery of {@link Conv2d} and {@link ConvTranspose2d}: square kernel, stride and padding,
 * NCHW activations, an optional bias, forward and backward as one libnd4j custom op each
 * ({@code conv2d}/{@code conv2d_bp} or {@code deconv2d}/{@code deconv2d_bp}), except where the image
 * side has fewer than 16 channels (a first or last layer): there {@link ColumnConvolution}'s
 * im2col/col2im + GEMM runs the forward, a first layer's weight-only and input-only gradients, and a
 * transposed convolution's backward; and except for layers that are dense layers in disguise
 * ({@link DenseConvolution}: a kernel covering the whole input, or a transposed convolution of a
 * 1x1 input), which run as GEMMs.
 *
 * <p>The bp ops write the weight gradient rather than add to it, so it goes to a per-pass buffer
 * that is then added into the parameter gradients (real and generated batches accumulate).
 */
abstract class ConvolutionBase implements Layer {

    final long inChannels;
    final long outChannels;
    final int kernel;
    final int stride;
    final int padding;
    final boolean hasBias;
    private final long[] inputShape;
    private final long[] outputShape;
    Parameters.Slot weight;
    Parameters.Slot bias;

    ConvolutionBase(String name, long[] inputShape, long outChannels, int kernel, int stride, int padding, boolean bias) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(name + " needs an input [channels, height, width], got rank " + inputShape.length);
        }
        if (outChannels <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException(name + " needs positive channels, kernel and stride and a non-negative padding, got out="
                    + outChannels + " kernel=" + kernel + " stride=" + stride + " padding=" + padding);
        }
        this.inChannels = inputShape[0];
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.hasBias = bias;
        this.inputShape = inputShape.clone();
        long h = outputSize(inputShape[1]);
        long w = outputSize(inputShape[2]);
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException(name + " with kernel " + kernel + ", stride " + stride + ", padding " + padding
                    + " leaves no output for an input of " + inputShape[1] + "x" + inputShape[2]);
        }
        this.outputShape = new long[] {outChannels, h, w};
    }

    /** Output side for an input side. */
    abstract long outputSize(long inputSize);

    /** The weight slot's shape, libnd4j's layout for the op. */
    abstract long[] weightShape();

    /** PyTorch's fan-in for its default initialisation. */
    abstract long fanIn();

    abstract String forwardOp();

    abstract String backwardOp();

    /**
     * The op that maps an output gradient to the input gradient with this layer's own weight array
     * (a convolution's input gradient is a transposed convolution and vice versa, and libnd4j's two
     * weight layouts are each other's), used when no weight gradient is wanted: the bp ops always
     * compute both, and the weight gradient is about half their work.
     */
    abstract String inputGradientOp();

    /** Whether {@link #inputGradientOp} gives back exactly the input's size (no rows dropped by the stride). */
    abstract boolean inputGradientOpFits();

    /** Whether this is a transposed convolution (its forward maps to {@link ColumnConvolution#transposed}). */
    abstract boolean isTransposed();

    @Override
    public final long[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public final long[] outputShape() {
        return outputShape.clone();
    }

    /** The weight slot. */
    public final Parameters.Slot weight() {
        return weight;
    }

    /** The bias slot {@code [outChannels]}, or {@code null} without bias. */
    public final Parameters.Slot bias() {
        return bias;
    }

    public final int kernel() {
        return kernel;
    }

    public final int stride() {
        return stride;
    }

    public final int padding() {
        return padding;
    }

    @Override
    public final void declareParameters(Parameters.Builder builder, String prefix) {
        weight = builder.add(prefix + "weight", weightShape());
        bias = hasBias ? builder.add(prefix + "bias", outChannels) : null;
    }

    /** PyTorch's default: weights and bias uniform on {@code [-1/sqrt(fanIn), 1/sqrt(fanIn)]}. */
    @Override
    public final void initialise(Random random) {
        double bound = 1.0 / Math.sqrt(fanIn());
        Nd4j.getExecutioner().exec(new UniformDistribution(weight.value(), -bound, bound), random);
        if (bias != null) {
            Nd4j.getExecutioner().exec(new UniformDistribution(bias.value(), -bound, bound), random);
        }
    }

    private int[] intArgs() {
        // kH, kW, sH, sW, pH, pW, dH, dW, sameMode 0, dataFormat 0 = NCHW, weight format 0
        return new int[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 0, 0};
    }

    /** Supported: see {@code ConvPass.tangentForward}. */
    @Override
    public final Optional<String> doubleBackwardRefusal() {
        return Optional.empty();
    }

    @Override
    public final LayerPass newPass(Random random) {
        if (weight == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " used before its parameters were declared");
        }
        return new ConvPass();
    }

    /**
     * One call site's kernels for the forward computation, with their cached ops and buffers: a
     * pass has one set for its forward and backward, and a second for double back-propagation,
     * so neither rebinds the other's.
     */
    private final class Kernels {
        private final CachedOp forward = new CachedOp();
        private final CachedOp addBias = new CachedOp();
        private final CachedOp backward = new CachedOp();
        private final ColumnConvolution columns = new ColumnConvolution(kernel, stride, padding);
        private final DenseConvolution dense = DenseConvolution.forLayer(isTransposed(), inputShape, kernel, padding);
        private PatchWeightGradient patchWeightGradient;
        private INDArray scratchInput;
        private INDArray scratchWeight;
        /** The input of the last {@link #convolve} when it left that input's im2col in {@link #columns}. */
        private INDArray columnsFor;

        /** {@code y = conv(x, w) (+ b)}, overwriting {@code y}; {@code b} may be null. */
        void convolve(INDArray x, INDArray w, INDArray b, INDArray y) {
            columnsFor = null;
            if (dense != null && DenseConvolution.applies(x, w, y)) {
                dense.forward(x, w, y);
                if (b != null) {
                    addBias.exec(() -> new BroadcastAddOp(y, b, y, 1), y, b);
                }
                return;
            }
            boolean column = isTransposed() ? ColumnConvolution.applies(outChannels, x, w, y)
                    : ColumnConvolution.applies(inChannels, x, w, y);
            if (column) {
                if (isTransposed()) {
                    columns.transposed(x, w, y);
                } else {
                    columns.convolution(x, w, y);
                    columnsFor = x;
                }
                if (b != null) {
                    addBias.exec(() -> new BroadcastAddOp(y, b, y, 1), y, b);
                }
                return;
            }
            forward.exec(() -> {
                DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder(forwardOp());
                op.addInputs(b == null ? new INDArray[] {x, w} : new INDArray[] {x, w, b});
                return op.addOutputs(y).addIntegerArguments(intArgs()).build();
            }, x, y);
        }

        private PatchWeightGradient patchWeightGradient() {
            if (patchWeightGradient == null) {
                patchWeightGradient = new PatchWeightGradient(kernel, stride, padding);
            }
            return patchWeightGradient;
        }

        /**
         * Adds the weight gradient of input {@code x} and output gradient {@code g} into
         * {@code gradWeight}: as GEMMs where possible, which skips the input gradient the bp op
         * would also compute ({@link DenseConvolution}; a FLOAT convolution as one GEMM over the
         * batch's patches, {@link PatchWeightGradient}, unless the last {@link #convolve} left this
         * {@code x}'s im2col; otherwise im2col and {@link ColumnConvolution}'s per-sample GEMMs
         * whatever the channel count), else the bp op into scratch buffers. The im2col of the last
         * {@link #convolve} is reused when it was of this {@code x}, and recomputed otherwise (an
         * array may keep its identity with new values).
         */
        void addWeightGradient(INDArray x, INDArray g, INDArray gradWeight) {
            INDArray w = weight.value();
            if (dense != null && DenseConvolution.applies(x, w, g)) {
                dense.backward(x, w, g, gradWeight, null);
                return;
            }
            if (!isTransposed() && x != columnsFor && PatchWeightGradient.applies(x, g, gradWeight)) {
                patchWeightGradient().add(x, g, gradWeight);
                return;
            }
            if (ColumnConvolution.possible(x, w, g)) {
                if (x != columnsFor) {
                    columns.forgetColumns();
                }
                columnsFor = null;
                if (isTransposed()) {
                    columns.transposedBackward(x, w, g, gradWeight, null);
                } else {
                    columns.addConvolutionWeightGradient(x, g, gradWeight);
                }
                return;
            }
            scratchInput = Buffers.ensure(scratchInput, x.dataType(), x.shape());
            scratchWeight = Buffers.ensure(scratchWeight, w.dataType(), w.shape());
            INDArray gi = scratchInput;
            INDArray gw = scratchWeight;
            backward.exec(() -> DynamicCustomOp.builder(backwardOp()).addInputs(x, w, g).addOutputs(gi, gw)
                    .addIntegerArguments(intArgs()).build(), x, g, gi, gw);
            gradWeight.addi(gw);
        }
    }

    private final class ConvPass implements LayerPass {
        private final String name = ConvolutionBase.this.getClass().getSimpleName();
        private final Kernels kernels = new Kernels();
        private final CachedOp backward = new CachedOp();
        private final CachedOp inputOnly = new CachedOp();
        private final CachedOp addWeightGrad = new CachedOp();
        private final CachedOp addBiasGrad = new CachedOp();
        private final ColumnConvolution columns = kernels.columns;
        private final DenseConvolution dense = kernels.dense;
        private Kernels tangentKernels;
        private INDArray input;
        private INDArray output;
        private INDArray gradInput;
        private INDArray gradWeight;
        private INDArray gradBias;
        /** The last backward's gradOutput, which double back-propagation pairs with the input tangent. */
        private INDArray gradOutput;
        private INDArray tangent;

        @Override
        public INDArray forward(INDArray x, boolean training) {
            long batch = Buffers.checkInput(name, x, inputShape);
            output = Buffers.ensure(output, x.dataType(), Shapes.withBatch(batch, outputShape));
            input = x;
            gradOutput = null;
            kernels.convolve(x, weight.value(), bias == null ? null : bias.value(), output);
            return output;
        }

        /**
         * A convolution is linear in its input: {@code R{y} = conv(t, W)} without the bias, and
         * {@code R{dW}} is the weight gradient of input {@code t} and output gradient {@code δ}.
         * Its backward has no term in the input, so the default {@link #tangentBackward} (the
         * ordinary backward) is exact.
         */
        @Override
        public INDArray tangentForward(INDArray inputTangent, boolean parameterGradients, boolean outputTangent) {
            if (gradOutput == null) {
                throw new IllegalStateException("tangentForward before forward and backward");
            }
            if (tangentKernels == null) {
                tangentKernels = new Kernels();
            }
            if (outputTangent) {
                tangent = Buffers.ensure(tangent, inputTangent.dataType(), Shapes.withBatch(inputTangent.size(0), outputShape));
                tangentKernels.convolve(inputTangent, weight.value(), null, tangent);
            }
            if (parameterGradients) {
                tangentKernels.addWeightGradient(inputTangent, gradOutput, weight.gradient());
            }
            return outputTangent ? tangent : null;
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
            if (input == null) {
                throw new IllegalStateException("backward before forward");
            }
            this.gradOutput = gradOutput;
            if (!parameterGradients && !inputGradient) {
                return null;
            }
            INDArray x = input;
            INDArray g = gradOutput;
            INDArray w = weight.value();
            INDArray b = bias == null ? null : bias.value();
            if (dense != null && DenseConvolution.applies(x, w, g)) {
                gradInput = inputGradient ? Buffers.ensure(gradInput, g.dataType(), x.shape()) : gradInput;
                dense.backward(x, w, g, parameterGradients ? weight.gradient() : null, inputGradient ? gradInput : null);
                if (parameterGradients && b != null) {
                    bias.gradient().addi(g.sum(0, 2, 3));
                }
                return inputGradient ? gradInput : null;
            }
            if (!isTransposed() && parameterGradients && !inputGradient && ColumnConvolution.applies(inChannels, x, g)) {
                // A first layer: the weight gradient alone, without the bp op's input gradient.
                columns.addConvolutionWeightGradient(x, g, weight.gradient());
                if (b != null) {
                    bias.gradient().addi(g.sum(0, 2, 3));
                }
                return null;
            }
            if (isTransposed() && ColumnConvolution.applies(outChannels, x, w, g)) {
                // A last generator layer: both gradients from one im2col of the output gradient.
                gradInput = inputGradient ? Buffers.ensure(gradInput, g.dataType(), x.shape()) : gradInput;
                columns.transposedBackward(x, w, g, parameterGradients ? weight.gradient() : null, inputGradient ? gradInput : null);
                if (parameterGradients && b != null) {
                    bias.gradient().addi(g.sum(0, 2, 3));
                }
                return inputGradient ? gradInput : null;
            }
            gradInput = Buffers.ensure(gradInput, g.dataType(), x.shape());
            if (!parameterGradients && !isTransposed() && ColumnConvolution.applies(inChannels, g, w, gradInput)) {
                columns.transposed(g, w, gradInput);
                return gradInput;
            }
            if (!parameterGradients && inputGradientOpFits()) {
                INDArray gi = gradInput;
                inputOnly.exec(() -> DynamicCustomOp.builder(inputGradientOp()).addInputs(g, w).addOutputs(gi)
                        .addIntegerArguments(intArgs()).build(), g, gi);
                return gradInput;
            }
            // The bp ops always compute all gradients; unwanted ones go to scratch buffers.
            gradWeight = Buffers.ensure(gradWeight, w.dataType(), w.shape());
            INDArray gi = gradInput;
            INDArray gw = gradWeight;
            if (b != null) {
                gradBias = Buffers.ensure(gradBias, b.dataType(), b.shape());
            }
            INDArray gb = gradBias;
            backward.exec(() -> {
                DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder(backwardOp());
                if (b == null) {
                    op.addInputs(x, w, g).addOutputs(gi, gw);
                } else {
                    op.addInputs(x, w, b, g).addOutputs(gi, gw, gb);
                }
                return op.addIntegerArguments(intArgs()).build();
            }, x, g, gi, gw);
            if (parameterGradients) {
                INDArray dw = weight.gradient();
                addWeightGrad.exec(() -> new AddOp(dw, gw, dw), dw, gw);
                if (b != null) {
                    INDArray db = bias.gradient();
                    addBiasGrad.exec(() -> new AddOp(db, gb, db), db, gb);
                }
            }
            return inputGradient ? gradInput : null;
        }
    }
}

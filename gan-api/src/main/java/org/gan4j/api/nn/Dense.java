package org.gan4j.api.nn;

import org.gan4j.api.nn.kernel.Buffers;
import org.gan4j.api.nn.kernel.CachedOp;
import org.gan4j.api.nn.kernel.Gemm;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fully connected layer {@code y = x W + b} with {@code W [in, out]} and {@code b [out]}, initialised
 * like PyTorch's {@code nn.Linear}: both uniform on {@code [-1/sqrt(in), 1/sqrt(in)]}.
 *
 * <p>Backward adds into the gradients ({@code dW += x^T dY}, {@code db += 1^T dY}, GEMMs with
 * beta 1) so a discriminator step can back-propagate the real and the generated batch in turn into
 * the same gradients.
 */
public final class Dense implements Layer {

    private final long in;
    private final long out;
    private Parameters.Slot weight;
    private Parameters.Slot bias;

    /**
     * @param inputShape {@code [in]}: one flat input vector per sample
     * @param units      number of outputs, positive
     */
    public Dense(long[] inputShape, long units) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("Dense needs a flat input [features], got rank " + inputShape.length
                    + "; add a Reshape first");
        }
        if (inputShape[0] <= 0 || units <= 0) {
            throw new IllegalArgumentException("Dense sizes must be positive, got in=" + inputShape[0] + " out=" + units);
        }
        this.in = inputShape[0];
        this.out = units;
    }

    @Override
    public long[] inputShape() {
        return new long[] {in};
    }

    @Override
    public long[] outputShape() {
        return new long[] {out};
    }

    @Override
    public void declareParameters(Parameters.Builder builder, String prefix) {
        weight = builder.add(prefix + "weight", in, out);
        bias = builder.add(prefix + "bias", out);
    }

    /** The weight slot, {@code [in, out]}. */
    public Parameters.Slot weight() {
        return weight;
    }

    /** The bias slot, {@code [out]}. */
    public Parameters.Slot bias() {
        return bias;
    }

    @Override
    public void initialise(Random random) {
        double bound = 1.0 / Math.sqrt(in);
        Nd4j.getExecutioner().exec(new UniformDistribution(weight.value(), -bound, bound), random);
        Nd4j.getExecutioner().exec(new UniformDistribution(bias.value(), -bound, bound), random);
    }

    /** Supported: see {@link DensePass#tangentForward}. */
    @Override
    public Optional<String> doubleBackwardRefusal() {
        return Optional.empty();
    }

    @Override
    public LayerPass newPass(Random random) {
        if (weight == null) {
            throw new IllegalStateException("Dense layer used before its parameters were declared");
        }
        return new DensePass();
    }

    private final class DensePass implements LayerPass {
        private final Gemm forwardGemm = new Gemm(false, false, 0.0);
        private final CachedOp biasAdd = new CachedOp();
        private final Gemm weightGradGemm = new Gemm(true, false, 1.0);
        private final Gemm biasGradGemm = new Gemm(true, false, 1.0);
        private final Gemm inputGradGemm = new Gemm(false, true, 0.0);
        private final Gemm tangentGemm = new Gemm(false, false, 0.0);
        private final Gemm tangentWeightGradGemm = new Gemm(true, false, 1.0);
        private INDArray input;
        /** The last backward's gradOutput, which double back-propagation pairs with the input tangent. */
        private INDArray gradOutput;
        private INDArray tangent;
        private INDArray output;
        private INDArray gradInput;
        private INDArray ones;
        private INDArray biasGrad2d;

        @Override
        public INDArray forward(INDArray x, boolean training) {
            long batch = Buffers.checkInput("Dense", x, new long[] {in});
            output = Buffers.ensure(output, x.dataType(), batch, out);
            INDArray y = output;
            INDArray w = weight.value();
            INDArray b = bias.value();
            forwardGemm.exec(x, w, y);
            INDArray o = ones(batch, y.dataType());
            if (!Gemm.addToRows(y, b, o)) {
                biasAdd.exec(() -> new BroadcastAddOp(y, b, y, 1), y, b);
            }
            input = x;
            gradOutput = null;
            return output;
        }

        /** A {@code [batch, 1]} array of ones, kept while the batch size and type stay. */
        private INDArray ones(long batch, org.nd4j.linalg.api.buffer.DataType type) {
            if (ones == null || ones.size(0) != batch || ones.dataType() != type) {
                ones = Nd4j.ones(type, batch, 1);
            }
            return ones;
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
            if (input == null) {
                throw new IllegalStateException("backward before forward");
            }
            long batch = input.size(0);
            INDArray x = input;
            this.gradOutput = gradOutput;
            if (parameterGradients) {
                INDArray dw = weight.gradient();
                weightGradGemm.exec(x, gradOutput, dw);
                ones(batch, gradOutput.dataType());
                if (biasGrad2d == null) {
                    biasGrad2d = bias.gradient().reshape(1, out);
                }
                // Column sums as a GEMM with a ones vector: one native call, accumulating (beta 1).
                INDArray o = ones;
                INDArray db = biasGrad2d;
                biasGradGemm.exec(o, gradOutput, db);
            }
            if (!inputGradient) {
                return null;
            }
            gradInput = Buffers.ensure(gradInput, gradOutput.dataType(), batch, in);
            INDArray dx = gradInput;
            INDArray w = weight.value();
            inputGradGemm.exec(gradOutput, w, dx);
            return gradInput;
        }

        /**
         * {@code y = x W + b} is linear in {@code x}, so {@code R{y} = t W} and {@code R{dW} = tᵀ δ};
         * the bias gradient {@code 1ᵀ δ} does not depend on {@code x}. Its backward has no term in
         * {@code x}, so the default {@link #tangentBackward} (the ordinary backward) is exact.
         */
        @Override
        public INDArray tangentForward(INDArray inputTangent, boolean parameterGradients, boolean outputTangent) {
            if (gradOutput == null) {
                throw new IllegalStateException("tangentForward before forward and backward");
            }
            if (parameterGradients) {
                tangentWeightGradGemm.exec(inputTangent, gradOutput, weight.gradient());
            }
            if (!outputTangent) {
                return null;
            }
            tangent = Buffers.ensure(tangent, inputTangent.dataType(), inputTangent.size(0), out);
            tangentGemm.exec(inputTangent, weight.value(), tangent);
            return tangent;
        }
    }
}

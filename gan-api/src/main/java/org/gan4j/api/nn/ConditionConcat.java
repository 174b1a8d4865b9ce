package org.gan4j.api.nn;

import java.util.Arrays;
import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.kernel.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A label embedding joined to the input along its first per-sample dimension, the conditional GAN's
 * way in for labels (Mirza and Osindero 2014): the condition row {@code c} ({@code [conditionSize]},
 * one-hot or 0/1 attributes) is embedded as {@code e = c E} with a trainable
 * {@code E [conditionSize, embedding size]} (for a one-hot row, a row of {@code E}, as PyTorch's
 * {@code nn.Embedding}), reshaped to {@code embeddingShape} and concatenated after the input:
 * <ul>
 * <li>a vector {@code [n]} with an embedding {@code [m]} gives {@code [n + m]} (z and the label
 *     embedding in a generator, flattened pixels and the embedding in an MLP discriminator);</li>
 * <li>maps {@code [c, h, w]} with an embedding {@code [k, h, w]} give {@code [c + k, h, w]} (label
 *     maps as extra image channels in a convolutional discriminator).</li>
 * </ul>
 * In C order both are a concatenation of each sample's flat input and flat embedding. No gradient
 * flows to the condition. {@code E} starts N(0, 1), as {@code nn.Embedding}'s weights do.
 */
public final class ConditionConcat implements ConditionalLayer {

    private final long[] in;
    private final long[] embeddingShape;
    private final long[] out;
    private final int conditionSize;
    private final long inputLength;
    private final long embeddingLength;
    private Parameters.Slot embedding;

    /**
     * @param inputShape     the input's per-sample shape
     * @param conditionSize  the condition's width (classes or attributes)
     * @param embeddingShape the embedding's per-sample shape: same rank as the input, equal to it in
     *                       every dimension but the first
     */
    public ConditionConcat(long[] inputShape, int conditionSize, long... embeddingShape) {
        if (conditionSize <= 0) {
            throw new IllegalArgumentException("conditionSize must be positive, got " + conditionSize);
        }
        if (embeddingShape.length != inputShape.length || inputShape.length == 0) {
            throw new IllegalArgumentException("the embedding " + Arrays.toString(embeddingShape)
                    + " must have the input's rank, " + Arrays.toString(inputShape));
        }
        for (int i = 0; i < inputShape.length; i++) {
            if (embeddingShape[i] <= 0 || (i > 0 && embeddingShape[i] != inputShape[i])) {
                throw new IllegalArgumentException("the embedding " + Arrays.toString(embeddingShape) + " cannot be joined to the input "
                        + Arrays.toString(inputShape) + ": all dimensions but the first must match, and be positive");
            }
        }
        this.in = inputShape.clone();
        this.embeddingShape = embeddingShape.clone();
        this.out = inputShape.clone();
        this.out[0] += embeddingShape[0];
        this.conditionSize = conditionSize;
        this.inputLength = Shapes.size(inputShape);
        this.embeddingLength = Shapes.size(embeddingShape);
    }

    @Override
    public int conditionSize() {
        return conditionSize;
    }

    @Override
    public long[] inputShape() {
        return in.clone();
    }

    @Override
    public long[] outputShape() {
        return out.clone();
    }

    /** The per-sample shape of the embedding. */
    public long[] embeddingShape() {
        return embeddingShape.clone();
    }

    @Override
    public void declareParameters(Parameters.Builder builder, String prefix) {
        embedding = builder.add(prefix + "embedding", conditionSize, embeddingLength);
    }

    /** The embedding matrix slot, {@code [conditionSize, embedding length]}. */
    public Parameters.Slot embedding() {
        return embedding;
    }

    @Override
    public void initialise(Random random) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(embedding.value(), 0.0, 1.0), random);
    }

    /**
     * Supported: the output is {@code [x, c E]}, linear in {@code x} with a Jacobian free of the
     * parameters, so {@code J t = [t, 0]}, the first backward's parameter gradient does not move
     * with {@code x}, and the second sweep is the ordinary backward.
     */
    @Override
    public java.util.Optional<String> doubleBackwardRefusal() {
        return java.util.Optional.empty();
    }

    @Override
    public LayerPass newPass(Random random) {
        if (embedding == null) {
            throw new IllegalStateException("ConditionConcat used before its parameters were declared");
        }
        return new ConcatPass();
    }

    private final class ConcatPass implements LayerPass {
        private final INDArrayIndex[] inputColumns = {NDArrayIndex.all(), NDArrayIndex.interval(0, inputLength)};
        private final INDArrayIndex[] embeddingColumns = {NDArrayIndex.all(), NDArrayIndex.interval(inputLength, inputLength + embeddingLength)};
        private INDArray condition;
        private INDArray output;
        /** {@code output} as {@code [batch, outputShape...]}: one view per buffer, so the next layer's cached ops stay valid. */
        private INDArray outputView;
        private INDArray embedded;
        private INDArray embeddingGrad;
        private INDArray gradInput;
        private INDArray gradInputView;
        private INDArray tangent;
        private INDArray tangentView;

        @Override
        public INDArray forward(INDArray x, boolean training) {
            throw new IllegalStateException("ConditionConcat reads a condition: call forward(input, condition, training)");
        }

        @Override
        public INDArray forward(INDArray x, INDArray c, boolean training) {
            long batch = Buffers.checkInput("ConditionConcat", x, in);
            Conditions.check("ConditionConcat", c, x, conditionSize);
            embedded = Buffers.ensure(embedded, x.dataType(), batch, embeddingLength);
            Nd4j.gemm(c, embedding.value(), embedded, false, false, 1.0, 0.0);
            INDArray previous = output;
            output = Buffers.ensure(output, x.dataType(), batch, inputLength + embeddingLength);
            if (output != previous) {
                outputView = output.reshape('c', Shapes.withBatch(batch, out));
            }
            output.get(inputColumns).assign(x.reshape('c', batch, inputLength));
            output.get(embeddingColumns).assign(embedded);
            condition = c;
            return outputView;
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
            if (condition == null) {
                throw new IllegalStateException("backward before forward");
            }
            long batch = gradOutput.size(0);
            INDArray g = gradOutput.reshape('c', batch, inputLength + embeddingLength);
            if (parameterGradients) {
                embeddingGrad = Buffers.ensure(embeddingGrad, g.dataType(), batch, embeddingLength);
                embeddingGrad.assign(g.get(embeddingColumns));
                Nd4j.gemm(condition, embeddingGrad, embedding.gradient(), true, false, 1.0, 1.0);
            }
            if (!inputGradient) {
                return null;
            }
            INDArray previous = gradInput;
            gradInput = Buffers.ensure(gradInput, g.dataType(), batch, inputLength);
            if (gradInput != previous) {
                gradInputView = gradInput.reshape('c', Shapes.withBatch(batch, in));
            }
            gradInput.assign(g.get(inputColumns));
            return gradInputView;
        }

        @Override
        public INDArray tangentForward(INDArray t, boolean parameterGradients, boolean outputTangent) {
            if (condition == null) {
                throw new IllegalStateException("tangentForward before forward and backward");
            }
            if (!outputTangent) {
                return null;
            }
            long batch = t.size(0);
            INDArray previous = tangent;
            tangent = Buffers.ensure(tangent, t.dataType(), batch, inputLength + embeddingLength);
            if (tangent != previous) {
                tangentView = tangent.reshape('c', Shapes.withBatch(batch, out));
            }
            tangent.get(inputColumns).assign(t.reshape('c', batch, inputLength));
            tangent.get(embeddingColumns).assign(0);
            return tangentView;
        }
    }
}

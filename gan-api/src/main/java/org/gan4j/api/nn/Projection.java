package org.gan4j.api.nn;

import org.gan4j.api.nn.kernel.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The output layer of a projection discriminator (Miyato and Koyama 2018): from features
 * {@code h [n]} and the condition row {@code c [conditionSize]}, the score
 * {@code h·w + b + (c V)·h}: a linear score plus the inner product of the features with the
 * label's embedding ({@code V [conditionSize, n]}; for a one-hot {@code c}, the label's row of
 * {@code V}). Output {@code [1]}.
 *
 * <p>Gradients, with {@code g} the output gradient: {@code dh = g (w + c V)}, {@code dw = h g},
 * {@code db = g}, {@code dV = cᵀ (g h)}; none for the condition. {@code w}, {@code b} and
 * {@code V} start uniform in ±1/√n, as a {@link Dense} layer's weights do.
 *
 * <p>Double back-propagation (gradient penalties on a projection discriminator): the score is linear
 * in {@code h}, so {@code J t = t·(w + c V)} per sample, the first backward's parameter gradients
 * move along {@code h + εt} by {@code dw += tᵀ g} and {@code dV += cᵀ (g t)}, and {@code dh} does
 * not depend on {@code h}: the second sweep is the ordinary backward.
 */
public final class Projection implements ConditionalLayer {

    private final long features;
    private final int conditionSize;
    private Parameters.Slot weight;
    private Parameters.Slot bias;
    private Parameters.Slot embedding;

    /**
     * @param inputShape    the features' shape, {@code [n]} (flatten maps first)
     * @param conditionSize the condition's width (classes or attributes)
     */
    public Projection(long[] inputShape, int conditionSize) {
        if (inputShape.length != 1 || inputShape[0] <= 0) {
            throw new IllegalArgumentException("Projection reads flat features [n], got " + java.util.Arrays.toString(inputShape)
                    + "; flatten first");
        }
        if (conditionSize <= 0) {
            throw new IllegalArgumentException("conditionSize must be positive, got " + conditionSize);
        }
        this.features = inputShape[0];
        this.conditionSize = conditionSize;
    }

    @Override
    public int conditionSize() {
        return conditionSize;
    }

    @Override
    public long[] inputShape() {
        return new long[] {features};
    }

    @Override
    public long[] outputShape() {
        return new long[] {1};
    }

    @Override
    public void declareParameters(Parameters.Builder builder, String prefix) {
        weight = builder.add(prefix + "weight", features, 1);
        bias = builder.add(prefix + "bias", 1);
        embedding = builder.add(prefix + "embedding", conditionSize, features);
    }

    /** The linear score's weight slot, {@code [n, 1]}. */
    public Parameters.Slot weight() {
        return weight;
    }

    /** The linear score's bias slot, {@code [1]}. */
    public Parameters.Slot bias() {
        return bias;
    }

    /** The label embedding slot, {@code [conditionSize, n]}. */
    public Parameters.Slot embedding() {
        return embedding;
    }

    @Override
    public void initialise(Random random) {
        double bound = 1.0 / Math.sqrt(features);
        for (Parameters.Slot slot : new Parameters.Slot[] {weight, bias, embedding}) {
            Nd4j.getExecutioner().exec(new UniformDistribution(slot.value(), -bound, bound), random);
        }
    }

    /** Supported: see the class comment. */
    @Override
    public java.util.Optional<String> doubleBackwardRefusal() {
        return java.util.Optional.empty();
    }

    @Override
    public LayerPass newPass(Random random) {
        if (weight == null) {
            throw new IllegalStateException("Projection used before its parameters were declared");
        }
        return new ProjectionPass();
    }

    private final class ProjectionPass implements LayerPass {
        private INDArray input;
        private INDArray condition;
        /** {@code c V}, {@code [batch, n]}: each sample's label embedding. */
        private INDArray embedded;
        private INDArray output;
        private INDArray scaled;
        private INDArray gradInput;
        /** The last backward's gradOutput, which double back-propagation pairs with the input tangent. */
        private INDArray gradOutput;
        private INDArray tangent;
        private INDArray tangentScaled;

        @Override
        public INDArray forward(INDArray x, boolean training) {
            throw new IllegalStateException("Projection reads a condition: call forward(input, condition, training)");
        }

        @Override
        public INDArray forward(INDArray x, INDArray c, boolean training) {
            long batch = Buffers.checkInput("Projection", x, new long[] {features});
            Conditions.check("Projection", c, x, conditionSize);
            embedded = Buffers.ensure(embedded, x.dataType(), batch, features);
            Nd4j.gemm(c, embedding.value(), embedded, false, false, 1.0, 0.0);
            output = Buffers.ensure(output, x.dataType(), batch, 1);
            Nd4j.gemm(x, weight.value(), output, false, false, 1.0, 0.0);
            output.addi(x.mul(embedded).sum(true, 1)).addi(bias.value().getDouble(0));
            input = x;
            condition = c;
            return output;
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
            if (input == null) {
                throw new IllegalStateException("backward before forward");
            }
            long batch = input.size(0);
            this.gradOutput = gradOutput;
            if (parameterGradients) {
                Nd4j.gemm(input, gradOutput, weight.gradient(), true, false, 1.0, 1.0);
                bias.gradient().addi(gradOutput.sumNumber().doubleValue());
                scaled = Buffers.ensure(scaled, input.dataType(), batch, features);
                scaled.assign(input).muliColumnVector(gradOutput);
                Nd4j.gemm(condition, scaled, embedding.gradient(), true, false, 1.0, 1.0);
            }
            if (!inputGradient) {
                return null;
            }
            gradInput = Buffers.ensure(gradInput, input.dataType(), batch, features);
            // dh = g (w + c V): the embedded rows plus the weight, each row scaled by its sample's g
            gradInput.assign(embedded).addiRowVector(weight.value().reshape(1, features)).muliColumnVector(gradOutput);
            return gradInput;
        }

        @Override
        public INDArray tangentForward(INDArray t, boolean parameterGradients, boolean outputTangent) {
            if (gradOutput == null) {
                throw new IllegalStateException("tangentForward before forward and backward");
            }
            long batch = t.size(0);
            if (parameterGradients) {
                Nd4j.gemm(t, gradOutput, weight.gradient(), true, false, 1.0, 1.0);
                tangentScaled = Buffers.ensure(tangentScaled, t.dataType(), batch, features);
                tangentScaled.assign(t).muliColumnVector(gradOutput);
                Nd4j.gemm(condition, tangentScaled, embedding.gradient(), true, false, 1.0, 1.0);
            }
            if (!outputTangent) {
                return null;
            }
            tangent = Buffers.ensure(tangent, t.dataType(), batch, 1);
            Nd4j.gemm(t, weight.value(), tangent, false, false, 1.0, 0.0);
            return tangent.addi(t.mul(embedded).sum(true, 1));
        }
    }
}

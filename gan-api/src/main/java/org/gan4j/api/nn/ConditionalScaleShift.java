package org.gan4j.api.nn;

import java.util.Arrays;
import java.util.Optional;
import org.gan4j.api.nn.kernel.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A per-channel scale and shift chosen by the condition: after a {@link BatchNorm2d}, conditional
 * batch normalisation (de Vries et al. 2017; Miyato and Koyama 2018's and BigGAN's generators), the
 * way a label steers every layer of a generator rather than only its input. For maps
 * {@code x [C, H, W]} and a condition row {@code c} ({@code [conditionSize]}, one-hot or 0/1
 * attributes):
 * <pre>
 *   y = x ⊙ (1 + c Γ) + c Β      per channel, Γ and Β trainable [conditionSize, C]
 * </pre>
 * so after a batch norm with scale {@code γ} and shift {@code β} a class {@code k} gets scale
 * {@code γ (1 + Γ_k)} and shift {@code β (1 + Γ_k) + Β_k}. {@code Γ} and {@code Β} start at 0: the
 * network starts as the unconditional one. No gradient flows to the condition.
 */
public final class ConditionalScaleShift implements ConditionalLayer {

    private final long[] shape;
    private final int conditionSize;
    private Parameters.Slot scale;
    private Parameters.Slot shift;

    /**
     * @param inputShape    maps {@code [C, H, W]}
     * @param conditionSize the condition's width (classes or attributes)
     */
    public ConditionalScaleShift(long[] inputShape, int conditionSize) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("ConditionalScaleShift needs an input [channels, height, width], got "
                    + Arrays.toString(inputShape));
        }
        if (conditionSize <= 0) {
            throw new IllegalArgumentException("conditionSize must be positive, got " + conditionSize);
        }
        this.shape = inputShape.clone();
        this.conditionSize = conditionSize;
    }

    @Override
    public int conditionSize() {
        return conditionSize;
    }

    @Override
    public long[] inputShape() {
        return shape.clone();
    }

    @Override
    public long[] outputShape() {
        return shape.clone();
    }

    @Override
    public void declareParameters(Parameters.Builder builder, String prefix) {
        scale = builder.add(prefix + "scale", conditionSize, shape[0]);
        shift = builder.add(prefix + "shift", conditionSize, shape[0]);
    }

    /** {@code Γ}, {@code [conditionSize, C]}: the condition's relative change of each channel's scale. */
    public Parameters.Slot scale() {
        return scale;
    }

    /** {@code Β}, {@code [conditionSize, C]}: the condition's shift of each channel. */
    public Parameters.Slot shift() {
        return shift;
    }

    @Override
    public void initialise(Random random) {
        scale.value().assign(0);
        shift.value().assign(0);
    }

    /**
     * Supported: {@code y} is linear in {@code x} with Jacobian {@code diag(1 + c Γ)}, which does not
     * depend on {@code x}; so {@code J t = t ⊙ s}, the first backward's {@code Γ} gradient
     * {@code cᵀ Σ δ ⊙ x} moves by {@code cᵀ Σ δ ⊙ t}, and the second sweep is the ordinary backward.
     */
    @Override
    public Optional<String> doubleBackwardRefusal() {
        return Optional.empty();
    }

    @Override
    public LayerPass newPass(Random random) {
        if (scale == null) {
            throw new IllegalStateException("ConditionalScaleShift used before its parameters were declared");
        }
        return new ScaleShiftPass();
    }

    private final class ScaleShiftPass implements LayerPass {
        private final long channels = shape[0];
        private final long spatial = shape[1] * shape[2];
        private INDArray input;
        private INDArray condition;
        /** {@code 1 + c Γ}, {@code [batch, C]}. */
        private INDArray factor;
        private INDArray offset;
        private INDArray output;
        private INDArray gradInput;
        private INDArray lastGradOutput;
        private INDArray tangent;

        @Override
        public INDArray forward(INDArray x, boolean training) {
            throw new IllegalStateException("ConditionalScaleShift reads a condition: call forward(input, condition, training)");
        }

        @Override
        public INDArray forward(INDArray x, INDArray c, boolean training) {
            long batch = Buffers.checkInput("ConditionalScaleShift", x, shape);
            Conditions.check("ConditionalScaleShift", c, x, conditionSize);
            factor = Buffers.ensure(factor, x.dataType(), batch, channels);
            Nd4j.gemm(c, scale.value(), factor, false, false, 1.0, 0.0);
            factor.addi(1.0);
            offset = Buffers.ensure(offset, x.dataType(), batch, channels);
            Nd4j.gemm(c, shift.value(), offset, false, false, 1.0, 0.0);
            output = Buffers.ensure(output, x.dataType(), x.shape());
            Nd4j.getExecutioner().exec(new BroadcastMulOp(x, factor, output, 0, 1));
            Nd4j.getExecutioner().exec(new BroadcastAddOp(output, offset, output, 0, 1));
            input = x;
            condition = c;
            return output;
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
            if (input == null) {
                throw new IllegalStateException("backward before forward");
            }
            lastGradOutput = gradOutput;
            if (parameterGradients) {
                // dΓ += cᵀ (Σ_hw δ ⊙ x), dΒ += cᵀ (Σ_hw δ)
                addParameterGradients(gradOutput, input, true);
            }
            if (!inputGradient) {
                return null;
            }
            gradInput = Buffers.ensure(gradInput, gradOutput.dataType(), gradOutput.shape());
            Nd4j.getExecutioner().exec(new BroadcastMulOp(gradOutput, factor, gradInput, 0, 1));
            return gradInput;
        }

        /** {@code Γ += cᵀ Σ_hw (δ ⊙ x)}, and when {@code withShift} {@code Β += cᵀ Σ_hw δ}. */
        private void addParameterGradients(INDArray delta, INDArray x, boolean withShift) {
            long batch = delta.size(0);
            INDArray perChannel = delta.mul(x).reshape('c', batch, channels, spatial).sum(2);
            Nd4j.gemm(condition, perChannel, scale.gradient(), true, false, 1.0, 1.0);
            if (withShift) {
                INDArray sums = delta.reshape('c', batch, channels, spatial).sum(2);
                Nd4j.gemm(condition, sums, shift.gradient(), true, false, 1.0, 1.0);
            }
        }

        @Override
        public INDArray tangentForward(INDArray t, boolean parameterGradients, boolean outputTangent) {
            if (lastGradOutput == null) {
                throw new IllegalStateException("tangentForward before forward and backward");
            }
            if (parameterGradients) {
                addParameterGradients(lastGradOutput, t, false);
            }
            if (!outputTangent) {
                return null;
            }
            tangent = Buffers.ensure(tangent, t.dataType(), t.shape());
            Nd4j.getExecutioner().exec(new BroadcastMulOp(t, factor, tangent, 0, 1));
            return tangent;
        }
    }
}

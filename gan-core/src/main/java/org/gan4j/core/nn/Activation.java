package org.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.rng.Random;

/** Base of the element-wise, shape-preserving, parameter-free layers. */
abstract class Activation implements Layer {

    private final long[] shape;

    Activation(long[] shape) {
        this.shape = shape.clone();
    }

    @Override
    public final long[] inputShape() {
        return shape.clone();
    }

    @Override
    public final long[] outputShape() {
        return shape.clone();
    }

    /** The op computing {@code out = f(x)} (a separate buffer: the input is kept for the backward). */
    abstract Object forwardOp(INDArray x, INDArray out);

    /**
     * The op computing the backward from the forward's input {@code x}: either the whole
     * {@code gradInput = gradOutput * f'(x)} (a fused {@code *_bp} op), or only
     * {@code gradInput = f'(x)} when {@link #multipliesAfter()}.
     */
    abstract Object backwardOp(INDArray x, INDArray gradOutput, INDArray gradInput);

    /** Whether {@link #backwardOp} leaves {@code f'(x)} to be multiplied by the gradient. */
    abstract boolean multipliesAfter();

    @Override
    public LayerPass newPass(Random random) {
        String name = getClass().getSimpleName();
        return new LayerPass() {
            private final CachedOp forward = new CachedOp();
            private final CachedOp backward = new CachedOp();
            private final CachedOp product = new CachedOp();
            private INDArray input;
            private INDArray output;
            private INDArray gradInput;

            @Override
            public INDArray forward(INDArray x, boolean training) {
                long batch = Buffers.checkInput(name, x, shape);
                output = Buffers.ensure(output, x.dataType(), Buffers.batchShape(batch, shape));
                INDArray out = output;
                forward.exec(() -> forwardOp(x, out), x, out);
                input = x;
                return output;
            }

            @Override
            public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
                if (input == null) {
                    throw new IllegalStateException("backward before forward");
                }
                if (!inputGradient) {
                    return null;
                }
                gradInput = Buffers.ensure(gradInput, gradOutput.dataType(), gradOutput.shape());
                INDArray x = input;
                INDArray gi = gradInput;
                backward.exec(() -> backwardOp(x, gradOutput, gi), x, gradOutput, gi);
                if (multipliesAfter()) {
                    product.exec(() -> new MulOp(gi, gradOutput, gi), gi, gradOutput);
                }
                return gradInput;
            }
        };
    }
}

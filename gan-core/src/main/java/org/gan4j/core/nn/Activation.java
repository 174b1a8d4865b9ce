package org.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
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

    /** {@code out = f(x)} into a separate buffer (the input is kept for the backward). */
    abstract void apply(INDArray x, INDArray out);

    /** {@code gradInput = gradOutput * f'(x)}, using the input {@code x} of the forward. */
    abstract void derivative(INDArray x, INDArray gradOutput, INDArray gradInput);

    @Override
    public LayerPass newPass(Random random) {
        String name = getClass().getSimpleName();
        return new LayerPass() {
            private INDArray input;
            private INDArray output;
            private INDArray gradInput;

            @Override
            public INDArray forward(INDArray x, boolean training) {
                long batch = Buffers.checkInput(name, x, shape);
                output = Buffers.ensure(output, x.dataType(), Buffers.batchShape(batch, shape));
                apply(x, output);
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
                derivative(input, gradOutput, gradInput);
                return gradInput;
            }
        };
    }
}

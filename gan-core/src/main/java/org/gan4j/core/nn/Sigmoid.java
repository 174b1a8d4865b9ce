package org.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@code 1 / (1 + exp(-x))}; backward is the fused {@code sigmoid_bp} op on the forward's input. */
public final class Sigmoid extends Activation {

    public Sigmoid(long[] shape) {
        super(shape);
    }

    @Override
    void apply(INDArray x, INDArray out) {
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(x, out));
    }

    @Override
    void derivative(INDArray x, INDArray gradOutput, INDArray gradInput) {
        Nd4j.getExecutioner().exec(new SigmoidDerivative(x, gradOutput, gradInput));
    }
}

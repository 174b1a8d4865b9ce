package org.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;

/** {@code 1 / (1 + exp(-x))}; backward is the fused {@code sigmoid_bp} op on the forward's input. */
public final class Sigmoid extends Activation {

    public Sigmoid(long[] shape) {
        super(shape);
    }

    @Override
    Object forwardOp(INDArray x, INDArray out) {
        return new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(x, out);
    }

    @Override
    Object backwardOp(INDArray x, INDArray gradOutput, INDArray gradInput) {
        return new SigmoidDerivative(x, gradOutput, gradInput);
    }

    @Override
    boolean multipliesAfter() {
        return false;
    }
}

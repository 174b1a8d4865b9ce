package org.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;

/** {@code tanh(x)}; backward is the fused {@code tanh_bp} op on the forward's input. */
public final class Tanh extends Activation {

    public Tanh(long[] shape) {
        super(shape);
    }

    @Override
    Object forwardOp(INDArray x, INDArray out) {
        return new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(x, out);
    }

    @Override
    Object backwardOp(INDArray x, INDArray gradOutput, INDArray gradInput) {
        return new TanhDerivative(x, gradOutput, gradInput);
    }

    @Override
    boolean multipliesAfter() {
        return false;
    }
}

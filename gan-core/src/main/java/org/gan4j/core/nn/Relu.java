package org.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUDerivative;

/** {@code max(x, 0)}; backward is the leaky-ReLU derivative with slope 0 times the gradient. */
public final class Relu extends Activation {

    public Relu(long[] shape) {
        super(shape);
    }

    @Override
    Object forwardOp(INDArray x, INDArray out) {
        return new RectifiedLinear(x, out, 0.0);
    }

    @Override
    Object backwardOp(INDArray x, INDArray gradOutput, INDArray gradInput) {
        return new LeakyReLUDerivative(x, gradInput, 0.0);
    }

    @Override
    boolean multipliesAfter() {
        return true;
    }
}

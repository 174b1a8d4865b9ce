package org.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;

/** {@code max(x, 0)}; backward is the leaky-ReLU derivative with slope 0 times the gradient. */
public final class Relu extends Activation {

    public Relu(long[] shape) {
        super(shape);
    }

    @Override
    void forward(Ops ops, INDArray x, INDArray out) {
        ops.get(0).exec(() -> new RectifiedLinear(x, out, 0.0), x, out);
    }

    @Override
    void backward(Ops ops, INDArray x, INDArray y, INDArray gradOutput, INDArray gradInput) {
        LeakyRelu.derivativeTimesGradient(ops, x, 0.0, gradOutput, gradInput);
    }
}

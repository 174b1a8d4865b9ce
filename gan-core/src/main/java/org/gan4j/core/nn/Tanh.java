package org.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@code tanh(x)}; backward is the fused {@code tanh_bp} op on the forward's input. */
public final class Tanh extends Activation {

    public Tanh(long[] shape) {
        super(shape);
    }

    @Override
    void apply(INDArray x, INDArray out) {
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(x, out));
    }

    @Override
    void derivative(INDArray x, INDArray gradOutput, INDArray gradInput) {
        Nd4j.getExecutioner().exec(new TanhDerivative(x, gradOutput, gradInput));
    }
}

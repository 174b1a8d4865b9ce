package org.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.factory.Nd4j;

/** {@code max(x, 0)}; backward is {@code leakyrelu_bp} with slope 0. */
public final class Relu extends Activation {

    public Relu(long[] shape) {
        super(shape);
    }

    @Override
    void apply(INDArray x, INDArray out) {
        Nd4j.getExecutioner().exec(new RectifiedLinear(x, out, 0.0));
    }

    @Override
    void derivative(INDArray x, INDArray gradOutput, INDArray gradInput) {
        Nd4j.getExecutioner().exec(new LeakyReLUBp(x, gradOutput, gradInput, 0.0));
    }
}

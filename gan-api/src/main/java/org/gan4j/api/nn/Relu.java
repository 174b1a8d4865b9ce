package org.gan4j.api.nn;

import org.gan4j.api.nn.kernel.HeapArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;

/** {@code max(x, 0)}; backward is the leaky-ReLU derivative with slope 0 times the gradient. */
public final class Relu extends Activation {

    public Relu(long[] shape) {
        super(shape);
    }

    @Override
    void forward(Ops ops, INDArray x, INDArray out) {
        if (HeapArrays.fit(x, out)) {
            int n = (int) x.length();
            float[] v = ops.read(0, x);
            for (int i = 0; i < n; i++) {
                v[i] = Math.max(v[i], 0f);
            }
            HeapArrays.write(v, out);
            return;
        }
        ops.get(0).exec(() -> new RectifiedLinear(x, out, 0.0), x, out);
    }

    @Override
    void backward(Ops ops, INDArray x, INDArray y, INDArray gradOutput, INDArray gradInput) {
        LeakyRelu.derivativeTimesGradient(ops, x, 0.0, gradOutput, gradInput);
    }
}

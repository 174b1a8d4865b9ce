package org.gan4j.api.nn;

import org.gan4j.api.nn.kernel.HeapArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;

/**
 * {@code 1 / (1 + exp(-x))}. Backward from the output, {@code gradOutput * y * (1 - y)}: three cheap
 * legacy ops instead of {@code sigmoid_bp}, which recomputes the (slow, ~4 ns per value) sigmoid.
 */
public final class Sigmoid extends Activation {

    public Sigmoid(long[] shape) {
        super(shape);
    }

    @Override
    void forward(Ops ops, INDArray x, INDArray out) {
        ops.get(0).exec(() -> new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(x, out), x, out);
    }

    /** {@code σ'' = y (1 - y) (1 - 2y)}. */
    @Override
    boolean secondDerivativeTerm(INDArray x, INDArray y, INDArray t, INDArray d, INDArray out) {
        out.assign(y).muli(-2).addi(1).muli(y).muli(y.rsub(1)).muli(t).muli(d);
        return true;
    }

    @Override
    void backward(Ops ops, INDArray x, INDArray y, INDArray gradOutput, INDArray gradInput) {
        if (HeapArrays.fit(y, gradOutput, gradInput)) {
            int n = (int) y.length();
            float[] v = ops.read(0, y);
            float[] g = ops.read(1, gradOutput);
            for (int i = 0; i < n; i++) {
                g[i] *= v[i] * (1 - v[i]);
            }
            HeapArrays.write(g, gradInput);
            return;
        }
        ops.get(10).exec(() -> new ScalarReverseSubtraction(y, null, gradInput, 1.0), y, gradInput);
        ops.get(11).exec(() -> new MulOp(gradInput, y, gradInput), gradInput, y);
        ops.get(12).exec(() -> new MulOp(gradInput, gradOutput, gradInput), gradInput, gradOutput);
    }
}

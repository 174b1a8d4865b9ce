package org.gan4j.api.nn;

import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.kernel.Buffers;
import org.gan4j.api.nn.kernel.CachedOp;
import org.gan4j.api.nn.kernel.HeapArrays;
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

    /** Computes {@code out = f(x)} into a separate buffer, running its native ops through {@code ops}. */
    abstract void forward(Ops ops, INDArray x, INDArray out);

    /**
     * Computes {@code gradInput = gradOutput * f'(x)} from the forward's input {@code x} or output
     * {@code y}, whichever is cheaper, running its native ops through {@code ops}.
     */
    abstract void backward(Ops ops, INDArray x, INDArray y, INDArray gradOutput, INDArray gradInput);

    /**
     * A pass's cached ops, numbered by the subclass (ops 0-9 are the forward's, 10 and up the
     * backward's), and its heap scratch arrays for the Java path on small arrays ({@link HeapArrays}).
     */
    static final class Ops {
        private final CachedOp[] ops = new CachedOp[20];
        private final float[][] scratch = new float[3][];

        CachedOp get(int i) {
            if (ops[i] == null) {
                ops[i] = new CachedOp();
            }
            return ops[i];
        }

        /** Copies {@code a} into scratch array {@code i} (0-2) and returns it. */
        float[] read(int i, INDArray a) {
            scratch[i] = HeapArrays.read(a, scratch[i]);
            return scratch[i];
        }

        /** Scratch array {@code i} (0-2), holding at least {@code n} values. */
        float[] scratch(int i, long n) {
            scratch[i] = HeapArrays.ensure(scratch[i], n);
            return scratch[i];
        }
    }

    @Override
    public LayerPass newPass(Random random) {
        String name = getClass().getSimpleName();
        return new LayerPass() {
            private final Ops ops = new Ops();
            private INDArray input;
            private INDArray output;
            private INDArray gradInput;

            @Override
            public INDArray forward(INDArray x, boolean training) {
                long batch = Buffers.checkInput(name, x, shape);
                output = Buffers.ensure(output, x.dataType(), Shapes.withBatch(batch, shape));
                Activation.this.forward(ops, x, output);
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
                Activation.this.backward(ops, input, output, gradOutput, gradInput);
                return gradInput;
            }
        };
    }
}

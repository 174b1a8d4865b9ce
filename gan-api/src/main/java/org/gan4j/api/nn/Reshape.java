package org.gan4j.api.nn;

import java.util.Arrays;
import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.kernel.Buffers;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/** Changes the per-sample shape (e.g. {@code [784]} to {@code [1, 28, 28]}) as a view: no copy for c-ordered input. */
public final class Reshape implements Layer {

    private final long[] in;
    private final long[] out;

    public Reshape(long[] inputShape, long... outputShape) {
        if (size(inputShape) != size(outputShape)) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(inputShape) + " to " + Arrays.toString(outputShape));
        }
        this.in = inputShape.clone();
        this.out = outputShape.clone();
    }

    private static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape dimensions must be positive: " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    @Override
    public long[] inputShape() {
        return in.clone();
    }

    @Override
    public long[] outputShape() {
        return out.clone();
    }

    @Override
    public Optional<String> doubleBackwardRefusal() {
        return Optional.empty();
    }

    @Override
    public LayerPass newPass(Random random) {
        return new LayerPass() {
            private INDArray lastInput;
            private INDArray lastView;

            @Override
            public INDArray forward(INDArray x, boolean training) {
                // The same contiguous input gives the same view object, so the next layer can reuse
                // its ops. Other inputs are copied by reshape; a cached copy could go stale.
                if (x != lastInput) {
                    long batch = Buffers.checkInput("Reshape", x, in);
                    INDArray view = x.reshape('c', Shapes.withBatch(batch, out));
                    if (x.ordering() != 'c' || x.elementWiseStride() != 1) {
                        lastInput = null;
                        return view;
                    }
                    lastView = view;
                    lastInput = x;
                }
                return lastView;
            }

            @Override
            public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
                return inputGradient ? gradOutput.reshape('c', Shapes.withBatch(gradOutput.size(0), in)) : null;
            }

            @Override
            public INDArray tangentForward(INDArray inputTangent, boolean parameterGradients, boolean outputTangent) {
                return outputTangent ? inputTangent.reshape('c', Shapes.withBatch(inputTangent.size(0), out)) : null;
            }
        };
    }
}

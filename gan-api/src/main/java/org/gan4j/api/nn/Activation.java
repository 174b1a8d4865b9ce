package org.gan4j.api.nn;

import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.kernel.Buffers;
import org.gan4j.api.nn.kernel.CachedOp;
import org.gan4j.api.nn.kernel.HeapArrays;
import java.util.Optional;
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
     * Writes {@code out = f''(x) * t * d}, the term by which an element-wise layer's backward
     * {@code d * f'(x)} moves when its input moves along {@code t} (double back-propagation), or
     * returns {@code false}, writing nothing, when {@code f''} is zero (piecewise-linear activations,
     * the default).
     */
    boolean secondDerivativeTerm(INDArray x, INDArray y, INDArray t, INDArray d, INDArray out) {
        return false;
    }

    /** Supported by every element-wise activation: {@code J} is diagonal, {@code J t = f'(x) t}. */
    @Override
    public final Optional<String> doubleBackwardRefusal() {
        return Optional.empty();
    }

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
            /** The second-order sweeps' own ops, so the first-order ones stay bound to their arrays. */
            private Ops tangentOps;
            private INDArray input;
            private INDArray output;
            private INDArray gradInput;
            private INDArray gradOutput;
            private INDArray tangent;
            private INDArray secondOrder;
            private boolean hasSecondOrder;

            @Override
            public INDArray forward(INDArray x, boolean training) {
                long batch = Buffers.checkInput(name, x, shape);
                output = Buffers.ensure(output, x.dataType(), Shapes.withBatch(batch, shape));
                Activation.this.forward(ops, x, output);
                input = x;
                gradOutput = null;
                return output;
            }

            @Override
            public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
                if (input == null) {
                    throw new IllegalStateException("backward before forward");
                }
                this.gradOutput = gradOutput;
                if (!inputGradient) {
                    return null;
                }
                gradInput = Buffers.ensure(gradInput, gradOutput.dataType(), gradOutput.shape());
                Activation.this.backward(ops, input, output, gradOutput, gradInput);
                return gradInput;
            }

            /** {@code J t = f'(x) t} (the backward's own product), and the term {@code f''(x) t δ} for later. */
            @Override
            public INDArray tangentForward(INDArray inputTangent, boolean parameterGradients, boolean outputTangent) {
                if (gradOutput == null) {
                    throw new IllegalStateException("tangentForward before forward and backward");
                }
                if (tangentOps == null) {
                    tangentOps = new Ops();
                }
                secondOrder = Buffers.ensure(secondOrder, inputTangent.dataType(), inputTangent.shape());
                hasSecondOrder = secondDerivativeTerm(input, output, inputTangent, gradOutput, secondOrder);
                if (!outputTangent) {
                    return null;
                }
                tangent = Buffers.ensure(tangent, inputTangent.dataType(), inputTangent.shape());
                Activation.this.backward(tangentOps, input, output, inputTangent, tangent);
                return tangent;
            }

            @Override
            public INDArray tangentBackward(INDArray gradOutputTangent, boolean parameterGradients, boolean inputGradient) {
                if (!inputGradient) {
                    return null;
                }
                if (gradOutputTangent == null) {
                    return hasSecondOrder ? secondOrder : null;
                }
                gradInput = Buffers.ensure(gradInput, gradOutputTangent.dataType(), gradOutputTangent.shape());
                Activation.this.backward(tangentOps, input, output, gradOutputTangent, gradInput);
                if (hasSecondOrder) {
                    gradInput.addi(secondOrder);
                }
                return gradInput;
            }
        };
    }
}

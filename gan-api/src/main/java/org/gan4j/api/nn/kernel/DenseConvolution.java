package org.gan4j.api.nn.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;

/**
 * Convolutions that are dense layers in disguise, run as plain GEMMs: a convolution whose kernel
 * covers the whole unpadded input (a DCGAN discriminator's last layer: {@code [N, C, 4, 4]} to one
 * score) and a transposed convolution from a 1x1 unpadded input (a DCGAN generator's first layer:
 * z to {@code [N, C, 4, 4]}). Through libnd4j these took ~1.5 and ~7 ms per batch on
 * dcgan-mnist32 (1 thread), much of it oneDNN reordering the weights and their gradient between
 * libnd4j's layout and its blocked one on every call.
 *
 * <p>A convolution's weight {@code [k, k, C, O]} is used as {@code [(C, k, k), O]} (a small copy,
 * O being 1 in DCGAN); a transposed convolution's {@code [k, k, O, I]} is used as
 * {@code [(k, k, O), I]} in place, and its output is permuted from {@code [N, k, k, O]} to NCHW.
 */
public final class DenseConvolution {

    private final boolean transposed;
    private final Gemm forward;
    private final Gemm weightGradient;
    private final Gemm inputGradient;
    private final CachedOp addGradient = new CachedOp();
    private INDArray weightMatrix;
    private INDArray product;
    private INDArray permuted;

    private DenseConvolution(boolean transposed) {
        this.transposed = transposed;
        // Convolution: y = X Wm, dWm = X^T dy, dX = dy Wm^T. Transposed: Z = X Wn^T, dWn += dZ^T X, dX = dZ Wn.
        this.forward = new Gemm(false, transposed, 0);
        this.weightGradient = new Gemm(true, false, transposed ? 1 : 0);
        this.inputGradient = new Gemm(false, !transposed, 0);
    }

    /** For a layer of this geometry, or {@code null} when it is not a dense layer in disguise. */
    public static DenseConvolution forLayer(boolean transposed, long[] inputShape, int kernel, int padding) {
        if (padding != 0) {
            return null;
        }
        boolean dense = transposed ? inputShape[1] == 1 && inputShape[2] == 1 : inputShape[1] == kernel && inputShape[2] == kernel;
        return dense ? new DenseConvolution(transposed) : null;
    }

    /** Whether the arrays allow it (FLOAT or DOUBLE, dense c order). */
    public static boolean applies(INDArray... arrays) {
        return HeapCopy.sameFloatingTypeAndContiguous(arrays);
    }

    private static INDArray matrix(INDArray a) {
        return a.reshape(a.size(0), a.length() / a.size(0));
    }

    /** {@code out} ({@code [N, O, kH, kW]}) from {@code x} ({@code [N, C, H, W]}) and the layer's weight. */
    public void forward(INDArray x, INDArray weight, INDArray out) {
        if (transposed) {
            long o = out.size(1);
            long n = x.size(0);
            permuted = Buffers.ensure(permuted, x.dataType(), n, out.size(2), out.size(3), o);
            forward.exec(matrix(x), weight.reshape(weight.length() / x.size(1), x.size(1)), matrix(permuted));
            out.assign(permuted.permute(0, 3, 1, 2));
        } else {
            bindWeightMatrix(weight);
            forward.exec(matrix(x), weightMatrix, matrix(out));
        }
    }

    /**
     * Adds the weight gradient into {@code gradWeight} when given, writes the input gradient into
     * {@code gradInput} when given.
     */
    public void backward(INDArray x, INDArray weight, INDArray dy, INDArray gradWeight, INDArray gradInput) {
        if (transposed) {
            permuted = Buffers.ensure(permuted, dy.dataType(), dy.size(0), dy.size(2), dy.size(3), dy.size(1));
            permuted.assign(dy.permute(0, 2, 3, 1));
            INDArray dz = matrix(permuted);
            long in = x.size(1);
            if (gradWeight != null) {
                weightGradient.exec(dz, matrix(x), gradWeight.reshape(gradWeight.length() / in, in));
            }
            if (gradInput != null) {
                inputGradient.exec(dz, weight.reshape(weight.length() / in, in), matrix(gradInput));
            }
        } else {
            INDArray dyMatrix = matrix(dy);
            if (gradWeight != null) {
                long[] s = weight.shape();
                product = Buffers.ensure(product, dy.dataType(), s[2] * s[0] * s[1], s[3]);
                weightGradient.exec(matrix(x), dyMatrix, product);
                INDArray g = product.reshape(s[2], s[0], s[1], s[3]).permute(1, 2, 0, 3);
                INDArray p = product;
                addGradient.exec(() -> new AddOp(gradWeight, g, gradWeight), gradWeight, p);
            }
            if (gradInput != null) {
                bindWeightMatrix(weight);
                inputGradient.exec(dyMatrix, weightMatrix, matrix(gradInput));
            }
        }
    }

    /** The convolution weight {@code [k, k, C, O]} copied as {@code [(C, k, k), O]}. */
    private void bindWeightMatrix(INDArray weight) {
        long[] s = weight.shape();
        weightMatrix = Buffers.ensure(weightMatrix, weight.dataType(), s[2] * s[0] * s[1], s[3]);
        weightMatrix.reshape(s[2], s[0], s[1], s[3]).assign(weight.permute(2, 0, 1, 3));
    }
}

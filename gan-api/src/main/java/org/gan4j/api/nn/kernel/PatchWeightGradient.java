package org.gan4j.api.nn.kernel;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolution's weight gradient as one GEMM over the whole batch, for FLOAT batches:
 * {@code dW[(kh, kw, in), out] += P^T D}, with {@code P = [(n, oh, ow), (kh, kw, in)]} the input's
 * patches, one row per output position, and {@code D = [(n, oh, ow), out]} the output gradient
 * channels-last. The product has libnd4j's weight layout {@code [k, k, in, out]}, so it accumulates
 * straight into the gradient (beta 1). The patches are gathered in Java from a channels-last heap
 * copy of the input (each patch row is {@code k * k} runs of {@code in} contiguous values).
 *
 * <p>Why: {@link ColumnConvolution}'s per-sample GEMMs have an inner size of only {@code oh * ow}
 * (64 and 16 on the WGAN-GP critic's 64-&gt;128 and 128-&gt;256 layers) and read and write the
 * whole {@code [out, in k k]} gradient once per sample; here the inner size is {@code n * oh * ow}.
 * libnd4j's {@code im2col} written through a permuted (channels-last) view was 4x slower than into
 * its own layout, hence the Java gather. Measured on those two layers (batch 64, 1 thread, thread
 * CPU time, load average ~26): 36 and 39 ms per weight gradient with the per-sample GEMMs, 25 and
 * 19 ms here.
 *
 * <p>One instance per call site; its buffers are reused while the shapes stay.
 */
public final class PatchWeightGradient {

    private final int kernel;
    private final int stride;
    private final int padding;
    private final Gemm gemm = new Gemm(true, false, 1.0);
    private float[] input;
    private float[] channelsLast;
    private float[] rows;
    private float[] gradient;
    private float[] gradientRows;
    /** The patches {@code [(n, oh, ow), (kh, kw, in)]} and the output gradient {@code [(n, oh, ow), out]}, off-heap for the GEMM. */
    private INDArray patches;
    private INDArray gradRows;
    private INDArray weightGradient;
    /** {@link #weightGradient} as {@code [(kh, kw, in), out]}. */
    private INDArray weightGradientMatrix;

    public PatchWeightGradient(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /**
     * Whether {@link #add} runs on these arrays: dense c-order FLOAT arrays, OpenBLAS on the CPU
     * backend, and at least {@link ColumnConvolution#MAX_CHANNELS} input channels (with fewer, the
     * gathered runs are too short and the per-sample GEMMs win).
     */
    public static boolean applies(INDArray x, INDArray dy, INDArray gradWeight) {
        return x.dataType() == DataType.FLOAT && x.size(1) >= ColumnConvolution.MAX_CHANNELS
                && ColumnConvolution.possible(x, dy, gradWeight)
                && (long) x.size(0) * dy.size(2) * dy.size(3) * gradWeight.size(0) * gradWeight.size(1) * x.size(1) < Integer.MAX_VALUE;
    }

    /**
     * Adds the weight gradient of input {@code x} ({@code [n, in, H, W]}) and output gradient
     * {@code dy} ({@code [n, out, oh, ow]}) into {@code gradWeight} ({@code [k, k, in, out]}).
     */
    public void add(INDArray x, INDArray dy, INDArray gradWeight) {
        int n = (int) x.size(0);
        int in = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int out = (int) dy.size(1);
        int oh = (int) dy.size(2);
        int ow = (int) dy.size(3);
        int positions = n * oh * ow;
        int rowLength = kernel * kernel * in;
        input = HeapArrays.ensure(input, x.length());
        pointer(x).get(input, 0, (int) x.length());
        channelsLast = HeapArrays.ensure(channelsLast, x.length());
        toChannelsLast(input, channelsLast, n, in, h * w);
        rows = HeapArrays.ensure(rows, (long) positions * rowLength);
        gather(n, in, h, w, oh, ow);
        patches = Buffers.ensure(patches, DataType.FLOAT, positions, rowLength);
        pointer(patches).put(rows, 0, positions * rowLength);

        gradient = HeapArrays.ensure(gradient, dy.length());
        pointer(dy).get(gradient, 0, (int) dy.length());
        gradientRows = HeapArrays.ensure(gradientRows, dy.length());
        toChannelsLast(gradient, gradientRows, n, out, oh * ow);
        gradRows = Buffers.ensure(gradRows, DataType.FLOAT, positions, out);
        pointer(gradRows).put(gradientRows, 0, positions * out);

        if (gradWeight != weightGradient) {
            weightGradient = gradWeight;
            weightGradientMatrix = gradWeight.reshape('c', rowLength, out);
        }
        gemm.exec(patches, gradRows, weightGradientMatrix);
    }

    /** {@code [n, c, spatial]} to {@code [n, spatial, c]}. */
    private static void toChannelsLast(float[] from, float[] to, int n, int c, int spatial) {
        for (int b = 0; b < n; b++) {
            int base = b * c * spatial;
            for (int q = 0; q < spatial; q++) {
                int dst = base + q * c;
                for (int ch = 0; ch < c; ch++) {
                    to[dst + ch] = from[base + ch * spatial + q];
                }
            }
        }
    }

    /** Each output position's patch, {@code (kh, kw, in)}, zeros where it overhangs the padded border. */
    private void gather(int n, int in, int h, int w, int oh, int ow) {
        int dst = 0;
        for (int b = 0; b < n; b++) {
            int image = b * h * w * in;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int a = 0; a < kernel; a++) {
                        int y = i * stride - padding + a;
                        for (int c = 0; c < kernel; c++, dst += in) {
                            int x = j * stride - padding + c;
                            if (y < 0 || y >= h || x < 0 || x >= w) {
                                Arrays.fill(rows, dst, dst + in, 0f);
                            } else {
                                System.arraycopy(channelsLast, image + (y * w + x) * in, rows, dst, in);
                            }
                        }
                    }
                }
            }
        }
    }

    private static FloatPointer pointer(INDArray a) {
        return new FloatPointer(a.data().addressPointer()).position(a.offset() - a.data().offset());
    }
}

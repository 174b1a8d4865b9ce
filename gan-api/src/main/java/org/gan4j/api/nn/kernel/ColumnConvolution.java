package org.gan4j.api.nn.kernel;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;

/**
 * Convolution pieces as libnd4j's {@code im2col}/{@code col2im} plus one OpenBLAS GEMM per sample,
 * for layers with fewer than {@link #MAX_CHANNELS} channels on their image side (a DCGAN's first
 * discriminator and last generator layer). oneDNN blocks channels by 16, so on a 1-channel image it
 * does 16 times the work; measured on dcgan-mnist32 (1 thread) the discriminator's first-layer
 * backward took ~10 ms per batch and the generator's last transposed convolution ~6 ms, against
 * about 1-2 ms each here.
 *
 * <p>Layouts are libnd4j's: a convolution weight {@code [k, k, in, out]}, a transposed convolution
 * weight {@code [k, k, out, in]}. One instance per call site; buffers are reused while shapes stay.
 */
public final class ColumnConvolution {

    /** Image-side channel count below which the column path is used. */
    public static final long MAX_CHANNELS = 16;

    /** Multiply-adds per chunk below which the per-sample GEMMs are not split over threads. */
    private static final int MIN_CHUNK_MULTIPLY_ADDS = 1 << 20;

    /**
     * OpenBLAS 0.3.x runs a GEMM of at most this many multiply-adds on the calling thread
     * ({@code SMP_THRESHOLD_MIN * GEMM_MULTITHREAD_THRESHOLD} in its {@code interface/gemm.c}) and
     * threads larger ones itself; only the former are split over Java threads.
     */
    private static final long OPENBLAS_ONE_THREAD_MACS = 65536L * 4;

    private final int kernel;
    private final int stride;
    private final int padding;
    private final CachedOp im2col = new CachedOp();
    private final CachedOp col2im = new CachedOp();
    private final CachedOp addGradient = new CachedOp();
    private INDArray columns;
    private INDArray product;
    private INDArray weightMatrix;
    /** Per-range sums of the summed products beyond the first range's ({@link #batchedGemm}). */
    private INDArray partials;
    /** The input whose im2col {@link #columns} holds (set by {@link #convolution}), else null. */
    private INDArray columnsOf;

    public ColumnConvolution(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** Whether the column path can run on these arrays (CPU backend with OpenBLAS, FLOAT or DOUBLE, dense c order). */
    public static boolean applies(long imageChannels, INDArray... arrays) {
        if (imageChannels >= MAX_CHANNELS || !Gemm.directAvailable()) {
            return false;
        }
        return HeapCopy.sameFloatingTypeAndContiguous(arrays);
    }

    /**
     * Whether the column path can run on these arrays whatever their channel count (CPU backend
     * with OpenBLAS, FLOAT or DOUBLE, dense c order).
     */
    public static boolean possible(INDArray... arrays) {
        return Gemm.directAvailable() && HeapCopy.sameFloatingTypeAndContiguous(arrays);
    }

    /**
     * Forgets which input the kept im2col belongs to, so the next weight gradient recomputes it:
     * for callers whose input array keeps its identity but not its values.
     */
    public void forgetColumns() {
        columnsOf = null;
    }

    /**
     * Adds a convolution's weight gradient into {@code gradWeight} ({@code [k, k, in, out]}):
     * {@code dW[out, (in, kh, kw)] = sum_n dy_n[out, p] cols_n[(in, kh, kw), p]}.
     *
     * @param x  the input {@code [N, in, H, W]}
     * @param dy the output gradient {@code [N, out, oH, oW]}
     */
    public void addConvolutionWeightGradient(INDArray x, INDArray dy, INDArray gradWeight) {
        long n = x.size(0);
        long in = x.size(1);
        long out = dy.size(1);
        long oh = dy.size(2);
        long ow = dy.size(3);
        INDArray cols = columnsOf(x, oh, ow);
        long k = in * kernel * kernel;
        long p = oh * ow;
        product = Buffers.ensure(product, x.dataType(), out, in, kernel, kernel);
        batchedGemm(false, true, (int) n, (int) out, (int) k, (int) p,
                dy, out * p, cols, k * p, product, 0);
        INDArray g = product.permute(2, 3, 1, 0);
        INDArray r = product;
        addGradient.exec(() -> new AddOp(gradWeight, g, gradWeight), gradWeight, r);
    }

    /**
     * A transposed convolution into {@code out} ({@code [N, outC, H, W]}, overwritten):
     * {@code cols_n = W x_n} with {@code W} as {@code [(outC, kh, kw), inC]}, then {@code col2im}.
     *
     * @param x      the input {@code [N, inC, h, w]}
     * @param weight the transposed-convolution weight {@code [k, k, outC, inC]} (a convolution's
     *               {@code [k, k, in, out]} gives that convolution's input gradient)
     */
    public void transposed(INDArray x, INDArray weight, INDArray out) {
        long n = x.size(0);
        long in = x.size(1);
        long h = x.size(2);
        long w = x.size(3);
        long outC = out.size(1);
        long k = outC * kernel * kernel;
        columnsOf = null;
        weightMatrix = Buffers.ensure(weightMatrix, weight.dataType(), outC, kernel, kernel, in);
        weightMatrix.assign(weight.permute(2, 0, 1, 3));
        columns = Buffers.ensure(columns, x.dataType(), n, outC, kernel, kernel, h, w);
        batchedGemm(false, false, (int) n, (int) k, (int) (h * w), (int) in,
                weightMatrix, 0, x, in * h * w, columns, k * h * w);
        INDArray cols = columns;
        long imageH = out.size(2);
        long imageW = out.size(3);
        col2im.exec(() -> DynamicCustomOp.builder("col2im").addInputs(cols).addOutputs(out)
                .addIntegerArguments(stride, stride, padding, padding, (int) imageH, (int) imageW, 1, 1, 0).build(), cols, out);
    }

    /**
     * A convolution into {@code out} ({@code [N, outC, oH, oW]}, overwritten):
     * {@code out_n = W cols_n} with {@code W} as {@code [outC, (inC, kh, kw)]}.
     *
     * @param x      the input {@code [N, inC, H, W]}
     * @param weight the convolution weight {@code [k, k, inC, outC]}
     */
    public void convolution(INDArray x, INDArray weight, INDArray out) {
        long n = x.size(0);
        long in = x.size(1);
        long outC = out.size(1);
        long oh = out.size(2);
        long ow = out.size(3);
        columns = Buffers.ensure(columns, x.dataType(), n, in, kernel, kernel, oh, ow);
        INDArray cols = columns;
        im2col.exec(() -> DynamicCustomOp.builder("im2col").addInputs(x).addOutputs(cols)
                .addIntegerArguments(kernel, kernel, stride, stride, padding, padding, 1, 1, 0).build(), x, cols);
        long k = in * kernel * kernel;
        long p = oh * ow;
        columnsOf = x;
        weightMatrix = Buffers.ensure(weightMatrix, weight.dataType(), outC, in, kernel, kernel);
        weightMatrix.assign(weight.permute(3, 2, 0, 1));
        batchedGemm(false, false, (int) n, (int) outC, (int) p, (int) k, weightMatrix, 0, cols, k * p, out, outC * p);
    }

    /**
     * A transposed convolution's backward: {@code cols = im2col(dy)}, then the weight gradient
     * {@code dW[(outC, kh, kw), inC] += sum_n cols_n x_n^T} when {@code gradWeight} is given and the
     * input gradient {@code dx_n = W^T cols_n} into {@code gradInput} when given.
     *
     * @param x          the forward's input {@code [N, inC, h, w]}
     * @param weight     the weight {@code [k, k, outC, inC]}
     * @param dy         the output gradient {@code [N, outC, H, W]}
     * @param gradWeight the weight gradient to add into, or {@code null}
     * @param gradInput  the input gradient to write, or {@code null}
     */
    public void transposedBackward(INDArray x, INDArray weight, INDArray dy, INDArray gradWeight, INDArray gradInput) {
        long n = x.size(0);
        long in = x.size(1);
        long h = x.size(2);
        long w = x.size(3);
        long outC = dy.size(1);
        long k = outC * kernel * kernel;
        long p = h * w;
        columnsOf = null;
        columns = Buffers.ensure(columns, dy.dataType(), n, outC, kernel, kernel, h, w);
        INDArray cols = columns;
        im2col.exec(() -> DynamicCustomOp.builder("im2col").addInputs(dy).addOutputs(cols)
                .addIntegerArguments(kernel, kernel, stride, stride, padding, padding, 1, 1, 0).build(), dy, cols);
        if (gradWeight != null) {
            product = Buffers.ensure(product, x.dataType(), outC, kernel, kernel, in);
            batchedGemm(false, true, (int) n, (int) k, (int) in, (int) p, cols, k * p, x, in * p, product, 0);
            INDArray g = product.permute(1, 2, 0, 3);
            INDArray r = product;
            addGradient.exec(() -> new AddOp(gradWeight, g, gradWeight), gradWeight, r);
        }
        if (gradInput != null) {
            weightMatrix = Buffers.ensure(weightMatrix, weight.dataType(), outC, kernel, kernel, in);
            weightMatrix.assign(weight.permute(2, 0, 1, 3));
            batchedGemm(true, false, (int) n, (int) in, (int) p, (int) k, weightMatrix, 0, cols, k * p, gradInput, in * p);
        }
    }

    /**
     * The im2col of a convolution input {@code x}, reusing the forward's when it was of this same
     * array (a layer's input stays unchanged until its backward).
     */
    private INDArray columnsOf(INDArray x, long oh, long ow) {
        INDArray cols = Buffers.ensure(columns, x.dataType(), x.size(0), x.size(1), kernel, kernel, oh, ow);
        if (cols != columns || x != columnsOf) {
            columns = cols;
            im2col.exec(() -> DynamicCustomOp.builder("im2col").addInputs(x).addOutputs(cols)
                    .addIntegerArguments(kernel, kernel, stride, stride, padding, padding, 1, 1, 0).build(), x, cols);
        }
        return cols;
    }

    /**
     * For each sample {@code i < batch}: {@code c_i = op(a_i) op(b_i)} ({@code m x n}, inner size
     * {@code k}), where {@code x_i} starts {@code i * xStride} values into {@code x}; with
     * {@code cStride} 0 the products are summed into one {@code c}.
     *
     * <p>Products small enough for OpenBLAS to run on one thread (the few-channel layers of 28- and
     * 32-pixel images) are split into contiguous sample ranges over {@link Parallel}'s threads. Separate
     * products are the same bits at any split. Summed products are accumulated per range (the first
     * range into {@code c}, the others into {@link #partials}) and the ranges' sums then added to
     * {@code c} in range order: at one thread exactly the sequential sum, at a given thread count the
     * same bits on every run.
     */
    private void batchedGemm(boolean ta, boolean tb, int batch, int m, int n, int k,
                             INDArray a, long aStride, INDArray b, long bStride, INDArray c, long cStride) {
        long perSample = (long) m * n * k;
        // Above OpenBLAS's threshold each product is threaded by OpenBLAS itself: two Java threads
        // each asking its pool for both cores would only oversubscribe them.
        int minSamples = perSample > OPENBLAS_ONE_THREAD_MACS ? Integer.MAX_VALUE
                : (int) Math.max(1, MIN_CHUNK_MULTIPLY_ADDS / Math.max(1L, perSample));
        boolean summed = cStride == 0;
        int chunks = Parallel.chunks(batch, minSamples);
        if (summed && chunks > 1) {
            partials = Buffers.ensure(partials, c.dataType(), chunks - 1, (long) m * n);
        }
        INDArray sums = partials;
        int used = Parallel.forChunks(batch, minSamples, (chunk, from, to) -> {
            if (summed && chunk > 0) {
                gemms(ta, tb, from, to, m, n, k, a, aStride, b, bStride, sums, (long) (chunk - 1) * m * n, 0);
            } else {
                gemms(ta, tb, from, to, m, n, k, a, aStride, b, bStride, c, 0, cStride);
            }
        });
        if (summed && used > 1) {
            addPartials(c, sums, used - 1, m * n);
        }
    }

    /**
     * The products of samples {@code [from, to)}; {@code c_i} is written at {@code cBase + i * cStride}
     * ({@code cStride} 0: summed there, the first one overwriting).
     */
    private static void gemms(boolean ta, boolean tb, int from, int to, int m, int n, int k,
                              INDArray a, long aStride, INDArray b, long bStride, INDArray c, long cBase, long cStride) {
        int opA = ta ? openblas.CblasTrans : openblas.CblasNoTrans;
        int opB = tb ? openblas.CblasTrans : openblas.CblasNoTrans;
        int lda = ta ? m : k;
        int ldb = tb ? k : n;
        long a0 = a.offset() - a.data().offset();
        long b0 = b.offset() - b.data().offset();
        long c0 = c.offset() - c.data().offset() + cBase;
        if (c.dataType() == DataType.DOUBLE) {
            DoublePointer pa = new DoublePointer(a.data().addressPointer());
            DoublePointer pb = new DoublePointer(b.data().addressPointer());
            DoublePointer pc = new DoublePointer(c.data().addressPointer());
            for (int i = from; i < to; i++) {
                double beta = cStride == 0 && i > from ? 1 : 0;
                openblas.cblas_dgemm(openblas.CblasRowMajor, opA, opB, m, n, k, 1.0, pa.position(a0 + i * aStride), lda,
                        pb.position(b0 + i * bStride), ldb, beta, pc.position(c0 + i * cStride), n);
            }
        } else {
            FloatPointer pa = new FloatPointer(a.data().addressPointer());
            FloatPointer pb = new FloatPointer(b.data().addressPointer());
            FloatPointer pc = new FloatPointer(c.data().addressPointer());
            for (int i = from; i < to; i++) {
                float beta = cStride == 0 && i > from ? 1 : 0;
                openblas.cblas_sgemm(openblas.CblasRowMajor, opA, opB, m, n, k, 1f, pa.position(a0 + i * aStride), lda,
                        pb.position(b0 + i * bStride), ldb, beta, pc.position(c0 + i * cStride), n);
            }
        }
    }

    /** {@code c += partials[0] + ... + partials[count - 1]}, added one after the other in that order. */
    private static void addPartials(INDArray c, INDArray partials, int count, int size) {
        double[] sum = HeapCopy.read(c);
        double[] part = new double[size * count];
        HeapCopy.read(partials, part);
        boolean isFloat = c.dataType() == DataType.FLOAT;
        for (int j = 0; j < size; j++) {
            double v = sum[j];
            for (int t = 0; t < count; t++) {
                // in the array's own precision, as OpenBLAS's accumulation (beta 1) would have added it
                v = isFloat ? (float) v + (float) part[t * size + j] : v + part[t * size + j];
            }
            sum[j] = v;
        }
        HeapCopy.writePrefix(c, sum);
    }
}

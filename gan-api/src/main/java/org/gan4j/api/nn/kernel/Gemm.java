package org.gan4j.api.nn.kernel;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.gan4j.api.array.Layouts;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One call site's {@code c = op(a) op(b) + beta * c} on rank-2 arrays, bound to the arrays it last
 * ran on.
 *
 * <p>Two paths, chosen from measurements on one thread (ND4J 1.0.0-M2.1, onednn build, OpenBLAS):
 * ND4J's {@code Mmul} op costs ~15-30 us of fixed overhead per call but its large NN and NT
 * products are 10-30% faster than OpenBLAS's; a direct {@code cblas_?gemm} call costs ~1 us of
 * overhead and OpenBLAS is also faster for the transposed-A products of weight gradients. So the
 * direct call is used for every transposed-A product and for products of at most 2^22
 * multiply-adds (every GEMM of a small MLP), and {@code Mmul} for the rest. The direct call needs
 * the CPU backend with OpenBLAS, FLOAT or DOUBLE, and dense row-major arrays (views inside the flat
 * parameter array qualify); anything else takes the {@code Mmul} path.
 */
public final class Gemm {

    private static final long DIRECT_MAX_MACS = 1L << 22;
    private static final boolean DIRECT_AVAILABLE = probe();

    private final boolean transposeA;
    private final boolean transposeB;
    private final double beta;
    private final CachedOp mmul = new CachedOp();
    private INDArray a;
    private INDArray b;
    private INDArray c;
    private boolean direct;
    private boolean isDouble;
    private int m;
    private int n;
    private int k;
    private FloatPointer fa;
    private FloatPointer fb;
    private FloatPointer fc;
    private DoublePointer da;
    private DoublePointer db;
    private DoublePointer dc;

    public Gemm(boolean transposeA, boolean transposeB, double beta) {
        this.transposeA = transposeA;
        this.transposeB = transposeB;
        this.beta = beta;
    }

    private static boolean probe() {
        try {
            return Nd4j.getEnvironment().isCPU()
                    && Nd4j.factory().blas().getBlasVendor() == Blas.Vendor.OPENBLAS
                    && Class.forName("org.bytedeco.openblas.global.openblas") != null;
        } catch (Throwable t) {
            // No OpenBLAS classes or natives (another backend): every product goes through Mmul.
            return false;
        }
    }

    /** Whether direct BLAS calls are possible in this JVM (for tests and logs). */
    public static boolean directAvailable() {
        return DIRECT_AVAILABLE;
    }

    /** Whether the last {@link #exec} went through the direct BLAS call (for tests). */
    public boolean lastWasDirect() {
        return direct;
    }

    public void exec(INDArray a, INDArray b, INDArray c) {
        if (a != this.a || b != this.b || c != this.c) {
            bind(a, b, c);
        }
        if (!direct) {
            mmul.exec(() -> new Mmul(a, b, c, 1.0, beta,
                    MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build()), a, b, c);
            return;
        }
        int ta = transposeA ? openblas.CblasTrans : openblas.CblasNoTrans;
        int tb = transposeB ? openblas.CblasTrans : openblas.CblasNoTrans;
        int lda = transposeA ? m : k;
        int ldb = transposeB ? k : n;
        if (isDouble) {
            openblas.cblas_dgemm(openblas.CblasRowMajor, ta, tb, m, n, k, 1.0, da, lda, db, ldb, beta, dc, n);
        } else {
            openblas.cblas_sgemm(openblas.CblasRowMajor, ta, tb, m, n, k, 1f, fa, lda, fb, ldb, (float) beta, fc, n);
        }
    }

    private void bind(INDArray a, INDArray b, INDArray c) {
        this.a = a;
        this.b = b;
        this.c = c;
        m = (int) c.size(0);
        n = (int) c.size(1);
        k = (int) (transposeA ? a.size(0) : a.size(1));
        DataType type = c.dataType();
        direct = DIRECT_AVAILABLE
                && (type == DataType.FLOAT || type == DataType.DOUBLE)
                && a.dataType() == type && b.dataType() == type
                && rowMajor(a) && rowMajor(b) && rowMajor(c)
                && (transposeA || (long) m * n * k <= DIRECT_MAX_MACS);
        if (!direct) {
            return;
        }
        isDouble = type == DataType.DOUBLE;
        if (isDouble) {
            da = new DoublePointer(a.data().addressPointer()).position(extraOffset(a));
            db = new DoublePointer(b.data().addressPointer()).position(extraOffset(b));
            dc = new DoublePointer(c.data().addressPointer()).position(extraOffset(c));
        } else {
            fa = new FloatPointer(a.data().addressPointer()).position(extraOffset(a));
            fb = new FloatPointer(b.data().addressPointer()).position(extraOffset(b));
            fc = new FloatPointer(c.data().addressPointer()).position(extraOffset(c));
        }
    }

    /**
     * Adds the vector {@code v} ({@code [n]} or {@code [1, n]}) to every row of {@code y}
     * ({@code [m, n]}) as one OpenBLAS rank-1 update {@code y += ones v^T}, with {@code ones} an
     * {@code [m, 1]} array of ones. One native call of ~1 us overhead, where a broadcast add op
     * costs 10-20 us.
     *
     * @return false, having done nothing, when the direct call is not possible (another backend or
     *         type, or arrays with gaps): the caller then adds another way
     */
    public static boolean addToRows(INDArray y, INDArray v, INDArray ones) {
        DataType type = y.dataType();
        if (!DIRECT_AVAILABLE || (type != DataType.FLOAT && type != DataType.DOUBLE) || v.dataType() != type
                || ones.dataType() != type || !rowMajor(y) || !Layouts.isDense(v) || !Layouts.isDense(ones)
                || v.length() != y.size(1) || ones.length() != y.size(0)) {
            return false;
        }
        int m = (int) y.size(0);
        int n = (int) y.size(1);
        if (type == DataType.DOUBLE) {
            openblas.cblas_dger(openblas.CblasRowMajor, m, n, 1.0,
                    new DoublePointer(ones.data().addressPointer()).position(extraOffset(ones)), 1,
                    new DoublePointer(v.data().addressPointer()).position(extraOffset(v)), 1,
                    new DoublePointer(y.data().addressPointer()).position(extraOffset(y)), n);
        } else {
            openblas.cblas_sger(openblas.CblasRowMajor, m, n, 1f,
                    new FloatPointer(ones.data().addressPointer()).position(extraOffset(ones)), 1,
                    new FloatPointer(v.data().addressPointer()).position(extraOffset(v)), 1,
                    new FloatPointer(y.data().addressPointer()).position(extraOffset(y)), n);
        }
        return true;
    }

    /** Dense row-major rank-2: rows follow each other with no gap. */
    private static boolean rowMajor(INDArray x) {
        return x.rank() == 2 && x.ordering() == 'c' && x.stride(1) == 1 && x.stride(0) == x.size(1)
                && x.size(0) < Integer.MAX_VALUE && x.size(1) < Integer.MAX_VALUE;
    }

    /** The array's offset beyond what its data buffer's address already includes. */
    private static long extraOffset(INDArray x) {
        return x.offset() - x.data().offset();
    }
}

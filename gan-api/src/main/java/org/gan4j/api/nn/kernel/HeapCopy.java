package org.gan4j.api.nn.kernel;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.gan4j.api.array.Layouts;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A heap copy of an NCHW batch ({@code float[]} or {@code double[]}) with the per-channel loops of
 * batch normalisation. Bulk copies between ND4J's off-heap buffers and the heap run at memory speed,
 * and the JIT vectorises the element-wise loops here; per-channel sums are accumulated in double.
 * Only FLOAT and DOUBLE batches. Copies go through JavaCPP pointers at the array's own offset (as in
 * {@link Gemm}: a data buffer's address already includes the buffer's offset).
 *
 * <p>Large batches are split over {@link Parallel}'s threads: the per-channel loops by channel (each
 * channel's sums are accumulated in the same order whatever the split, so the results are the same
 * bits at every thread count), the copies by contiguous ranges.
 */
public abstract sealed class HeapCopy permits HeapCopy.Floats, HeapCopy.Doubles {

    /** {@code current} if it holds {@code size} values of {@code type}, else a new copy. */
    public static HeapCopy ensure(HeapCopy current, DataType type, int size) {
        if (current != null && current.type() == type && current.size() == size) {
            return current;
        }
        return switch (type) {
            case FLOAT -> new Floats(size);
            case DOUBLE -> new Doubles(size);
            default -> throw new IllegalArgumentException("BatchNorm2d supports FLOAT and DOUBLE batches, got " + type);
        };
    }

    public abstract DataType type();

    public abstract int size();

    /** Copies {@code array} (any layout; c-order values) into this copy. */
    public abstract void load(INDArray array);

    /** Copies this copy into {@code array}, which must be contiguous in c order. */
    public abstract void store(INDArray array);

    /**
     * Per channel of this {@code [n, c, spatial]} batch: the mean into {@code mean} and the biased
     * variance into {@code variance}.
     */
    public abstract void moments(int n, int c, int spatial, double[] mean, double[] variance);

    /** Per channel: {@code sumDy += sum(this)}, {@code sumDyX += sum(this * x)} (both zeroed first). */
    public abstract void sums(HeapCopy x, int n, int c, int spatial, double[] sumDy, double[] sumDyX);

    /**
     * Per channel {@code k}: {@code this = a[k] src + p[k] x + q[k]}, or without the {@code x} term
     * when {@code x} is null. {@code src} may be this copy.
     */
    public abstract void affine(HeapCopy src, HeapCopy x, int n, int c, int spatial, double[] a, double[] p, double[] q);

    /** Values per chunk below which a loop or copy is not split: a split costs some 10-50 us of hand-over. */
    static final int MIN_CHUNK_VALUES = 1 << 14;

    /** The fewest channels a chunk of a {@code [n, c, spatial]} per-channel loop gets. */
    static int minChannels(int n, int spatial) {
        return Math.max(1, MIN_CHUNK_VALUES / Math.max(1, n * spatial));
    }

    /** A small contiguous array (a {@code [C]} slot view) as doubles. */
    public static double[] read(INDArray array) {
        return read(array, null);
    }

    /** {@code array}'s values (c order) as doubles, in {@code scratch} when it is large enough, else in a new array. */
    public static double[] read(INDArray array, double[] scratch) {
        INDArray a = contiguous(array);
        int n = (int) a.length();
        double[] out = scratch != null && scratch.length >= n ? scratch : new double[n];
        if (a.dataType() == DataType.DOUBLE) {
            doubles(a).get(out, 0, n);
        } else if (a.dataType() == DataType.FLOAT) {
            float[] f = new float[n];
            floats(a).get(f, 0, n);
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = a.getDouble(i);
            }
        }
        return out;
    }

    /** Writes {@code values} into a small array (a {@code [C]} slot view). */
    public static void write(INDArray array, double[] values) {
        if (values.length != array.length()) {
            throw new IllegalArgumentException("expected " + array.length() + " values, got " + values.length);
        }
        writePrefix(array, values);
    }

    /** Writes the first {@code array.length()} of {@code values} into {@code array} (c order). */
    public static void writePrefix(INDArray array, double[] values) {
        int n = (int) array.length();
        if (!isContiguous(array)) {
            for (int i = 0; i < n; i++) {
                array.putScalar(i, values[i]);
            }
            return;
        }
        if (array.dataType() == DataType.DOUBLE) {
            doubles(array).put(values, 0, n);
        } else if (array.dataType() == DataType.FLOAT) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) values[i];
            }
            floats(array).put(f, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                array.putScalar(i, values[i]);
            }
        }
    }

    /** A pointer at a contiguous array's first value. */
    private static FloatPointer floats(INDArray a) {
        return new FloatPointer(a.data().addressPointer()).position(a.offset() - a.data().offset());
    }

    private static DoublePointer doubles(INDArray a) {
        return new DoublePointer(a.data().addressPointer()).position(a.offset() - a.data().offset());
    }

    public static boolean isContiguous(INDArray a) {
        return Layouts.isDense(a) && a.length() <= Integer.MAX_VALUE;
    }

    /** Whether all {@code arrays} are FLOAT, or all DOUBLE, and contiguous: what the heap and GEMM paths need. */
    public static boolean sameFloatingTypeAndContiguous(INDArray... arrays) {
        DataType type = arrays[0].dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            return false;
        }
        for (INDArray a : arrays) {
            if (a.dataType() != type || !isContiguous(a)) {
                return false;
            }
        }
        return true;
    }

    private static INDArray contiguous(INDArray a) {
        return isContiguous(a) ? a : a.dup('c');
    }

    private static void checkLength(INDArray array, int size) {
        if (array.length() != size) {
            throw new IllegalArgumentException("expected " + size + " values, got " + array.length());
        }
    }

    private static void checkStore(INDArray array, int size) {
        if (!isContiguous(array) || array.length() != size) {
            throw new IllegalArgumentException("store needs a contiguous c-order array of " + size + " values");
        }
    }

    public static final class Floats extends HeapCopy {
        final float[] v;

        public Floats(int size) {
            v = new float[size];
        }

        @Override
        public DataType type() {
            return DataType.FLOAT;
        }

        @Override
        public int size() {
            return v.length;
        }

        @Override
        public void load(INDArray array) {
            INDArray a = contiguous(array.castTo(DataType.FLOAT));
            checkLength(a, v.length);
            Parallel.forChunks(v.length, MIN_CHUNK_VALUES, (t, from, to) -> floats(a).position(a.offset() - a.data().offset() + from)
                    .get(v, from, to - from));
        }

        @Override
        public void store(INDArray array) {
            checkStore(array, v.length);
            Parallel.forChunks(v.length, MIN_CHUNK_VALUES, (t, from, to) -> floats(array).position(array.offset() - array.data().offset() + from)
                    .put(v, from, to - from));
        }

        @Override
        public void moments(int n, int c, int spatial, double[] mean, double[] variance) {
            double[] s1 = new double[c];
            double[] s2 = new double[c];
            channelSums(v, v, n, c, spatial, s1, s2);
            double m = (double) n * spatial;
            for (int k = 0; k < c; k++) {
                mean[k] = s1[k] / m;
                variance[k] = Math.max(0, s2[k] / m - mean[k] * mean[k]);
            }
        }

        @Override
        public void sums(HeapCopy xCopy, int n, int c, int spatial, double[] sumDy, double[] sumDyX) {
            channelSums(v, ((Floats) xCopy).v, n, c, spatial, sumDy, sumDyX);
        }

        /**
         * Per channel k of NCHW arrays, {@code sumA[k] = Σ a} and {@code sumAB[k] = Σ a·b} in double
         * (b = a gives the moments' Σx and Σx²), split across threads by channel so each channel's
         * sums keep one order at every thread count.
         */
        private static void channelSums(float[] a, float[] b, int n, int c, int spatial, double[] sumA, double[] sumAB) {
            Parallel.forChunks(c, minChannels(n, spatial), (t, from, to) -> {
                for (int k = from; k < to; k++) {
                    double t1 = 0;
                    double t2 = 0;
                    for (int i = 0; i < n; i++) {
                        int base = (i * c + k) * spatial;
                        // Four independent sums each, so the adds pipeline instead of waiting on one another.
                        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
                        int j = base;
                        int end = base + spatial;
                        for (; j + 3 < end; j += 4) {
                            double x0 = a[j];
                            double x1 = a[j + 1];
                            double x2 = a[j + 2];
                            double x3 = a[j + 3];
                            a0 += x0;
                            a1 += x1;
                            a2 += x2;
                            a3 += x3;
                            b0 += x0 * b[j];
                            b1 += x1 * b[j + 1];
                            b2 += x2 * b[j + 2];
                            b3 += x3 * b[j + 3];
                        }
                        for (; j < end; j++) {
                            double x0 = a[j];
                            a0 += x0;
                            b0 += x0 * b[j];
                        }
                        t1 += (a0 + a1) + (a2 + a3);
                        t2 += (b0 + b1) + (b2 + b3);
                    }
                    sumA[k] = t1;
                    sumAB[k] = t2;
                }
            });
        }

        @Override
        public void affine(HeapCopy srcCopy, HeapCopy xCopy, int n, int c, int spatial, double[] a, double[] p, double[] q) {
            float[] dst = v;
            float[] src = ((Floats) srcCopy).v;
            float[] x = xCopy == null ? null : ((Floats) xCopy).v;
            Parallel.forChunks(c, minChannels(n, spatial), (t, from, to) -> {
                for (int i = 0; i < n; i++) {
                    for (int k = from; k < to; k++) {
                        int base = (i * c + k) * spatial;
                        float ak = (float) a[k];
                        float qk = (float) q[k];
                        if (x == null) {
                            for (int j = base; j < base + spatial; j++) {
                                dst[j] = src[j] * ak + qk;
                            }
                        } else {
                            float pk = (float) p[k];
                            for (int j = base; j < base + spatial; j++) {
                                dst[j] = src[j] * ak + x[j] * pk + qk;
                            }
                        }
                    }
                }
            });
        }
    }

    public static final class Doubles extends HeapCopy {
        final double[] v;

        public Doubles(int size) {
            v = new double[size];
        }

        @Override
        public DataType type() {
            return DataType.DOUBLE;
        }

        @Override
        public int size() {
            return v.length;
        }

        @Override
        public void load(INDArray array) {
            INDArray a = contiguous(array.castTo(DataType.DOUBLE));
            checkLength(a, v.length);
            Parallel.forChunks(v.length, MIN_CHUNK_VALUES, (t, from, to) -> doubles(a).position(a.offset() - a.data().offset() + from)
                    .get(v, from, to - from));
        }

        @Override
        public void store(INDArray array) {
            checkStore(array, v.length);
            Parallel.forChunks(v.length, MIN_CHUNK_VALUES, (t, from, to) -> doubles(array).position(array.offset() - array.data().offset() + from)
                    .put(v, from, to - from));
        }

        @Override
        public void moments(int n, int c, int spatial, double[] mean, double[] variance) {
            double[] s1 = new double[c];
            double[] s2 = new double[c];
            Parallel.forChunks(c, minChannels(n, spatial), (t, from, to) -> {
                for (int k = from; k < to; k++) {
                    for (int i = 0; i < n; i++) {
                        int base = (i * c + k) * spatial;
                        for (int j = base; j < base + spatial; j++) {
                            s1[k] += v[j];
                            s2[k] += v[j] * v[j];
                        }
                    }
                }
            });
            double m = (double) n * spatial;
            for (int k = 0; k < c; k++) {
                mean[k] = s1[k] / m;
                variance[k] = Math.max(0, s2[k] / m - mean[k] * mean[k]);
            }
        }

        @Override
        public void sums(HeapCopy xCopy, int n, int c, int spatial, double[] sumDy, double[] sumDyX) {
            double[] x = ((Doubles) xCopy).v;
            java.util.Arrays.fill(sumDy, 0);
            java.util.Arrays.fill(sumDyX, 0);
            Parallel.forChunks(c, minChannels(n, spatial), (t, from, to) -> {
                for (int k = from; k < to; k++) {
                    for (int i = 0; i < n; i++) {
                        int base = (i * c + k) * spatial;
                        for (int j = base; j < base + spatial; j++) {
                            sumDy[k] += v[j];
                            sumDyX[k] += v[j] * x[j];
                        }
                    }
                }
            });
        }

        @Override
        public void affine(HeapCopy srcCopy, HeapCopy xCopy, int n, int c, int spatial, double[] a, double[] p, double[] q) {
            double[] src = ((Doubles) srcCopy).v;
            double[] x = xCopy == null ? null : ((Doubles) xCopy).v;
            Parallel.forChunks(c, minChannels(n, spatial), (t, from, to) -> {
                for (int i = 0; i < n; i++) {
                    for (int k = from; k < to; k++) {
                        int base = (i * c + k) * spatial;
                        for (int j = base; j < base + spatial; j++) {
                            v[j] = src[j] * a[k] + (x == null ? 0 : x[j] * p[k]) + q[k];
                        }
                    }
                }
            });
        }
    }
}

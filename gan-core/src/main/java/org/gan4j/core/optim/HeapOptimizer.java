package org.gan4j.core.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.spi.Optimizer;
import org.gan4j.api.nn.kernel.MemoryLimits;
import org.gan4j.api.nn.kernel.Parallel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An element-wise optimizer run as one Java loop over heap copies of the gradients and values,
 * with its moments kept on the heap.
 *
 * <p>Why not ND4J's updaters: in 1.0.0-M2.1 the native {@code adam_updater} and
 * {@code rms_prop_updater} ops (and the plain {@code sqrt} transform) run at about 4-7 ns per value
 * on one thread, 10 ms per Adam step on the 1.5 M parameters of the wide MLP; bulk-copying
 * gradients and values to the heap and running a loop the JIT vectorises takes about 2 ms.
 * FLOAT and DOUBLE parameters only; the specs fall back to {@link UpdaterOptimizer} otherwise.
 *
 * <p>The copies and the loop are split into contiguous index ranges over {@link Parallel}'s threads
 * (each value's update depends on that value alone, so the results are the same bits at any split).
 */
abstract class HeapOptimizer implements Optimizer {

    /** The factor {@link #scaleLearningRate} has set so far; subclasses multiply their learning rate by it. */
    double learningRateScale = 1;

    @Override
    public final void scaleLearningRate(double factor) {
        learningRateScale *= factor;
    }


    private final Parameters parameters;
    private final int n;
    private final boolean isDouble;
    private final FloatBuffer valuesF;
    private final FloatBuffer gradientsF;
    private final DoubleBuffer valuesD;
    private final DoubleBuffer gradientsD;
    private final float[] gF;
    private final float[] pF;
    private final double[] gD;
    private final double[] pD;
    /** Moment vectors: float[k][n] or double[k][n]. */
    protected final float[][] stateF;
    protected final double[][] stateD;
    private final int valuesOffset;
    private final int gradientsOffset;
    private long steps;

    HeapOptimizer(Parameters parameters, int stateVectors) {
        if (!supports(parameters)) {
            throw new IllegalArgumentException("heap optimizers need FLOAT or DOUBLE parameters of fewer than 2^31 values");
        }
        this.parameters = parameters;
        this.n = (int) parameters.size();
        int width = parameters.values().dataType() == DataType.DOUBLE ? 8 : 4;
        MemoryLimits.requireHeap(MemoryLimits.product(2L + stateVectors, n, width), String.format(java.util.Locale.ROOT,
                "The optimizer's copies of %,d parameters (%d vectors on the Java heap)", n, 2 + stateVectors), n);
        INDArray values = parameters.values();
        INDArray gradients = parameters.gradients();
        this.isDouble = values.dataType() == DataType.DOUBLE;
        this.valuesOffset = (int) values.offset();
        this.gradientsOffset = (int) gradients.offset();
        if (isDouble) {
            valuesD = values.data().asNioDouble();
            gradientsD = gradients.data().asNioDouble();
            gD = new double[n];
            pD = new double[n];
            stateD = new double[stateVectors][n];
            valuesF = gradientsF = null;
            gF = pF = null;
            stateF = null;
        } else {
            valuesF = values.data().asNioFloat();
            gradientsF = gradients.data().asNioFloat();
            gF = new float[n];
            pF = new float[n];
            stateF = new float[stateVectors][n];
            valuesD = gradientsD = null;
            gD = pD = null;
            stateD = null;
        }
    }

    /** Whether {@code parameters} can use a heap optimizer. */
    static boolean supports(Parameters parameters) {
        DataType type = parameters.values().dataType();
        return (type == DataType.FLOAT || type == DataType.DOUBLE)
                && parameters.size() < Integer.MAX_VALUE
                && parameters.values().ordering() == 'c' && parameters.gradients().ordering() == 'c';
    }

    /** Values per chunk below which the step is not split (a split costs some 10-50 us of hand-over). */
    private static final int MIN_CHUNK = 1 << 15;

    /**
     * Updates {@code p[from, to)} in place from {@code g} for step number {@code t} (1 for the first
     * step); the value at an index depends only on the values at that index.
     */
    abstract void update(float[] g, float[] p, int from, int to, long t);

    abstract void update(double[] g, double[] p, int from, int to, long t);

    @Override
    public final void step() {
        if (n == 0) {
            steps++;
            return;
        }
        long t = steps + 1;
        Parallel.forChunks(n, MIN_CHUNK, (chunk, from, to) -> {
            int length = to - from;
            if (isDouble) {
                gradientsD.get(gradientsOffset + from, gD, from, length);
                valuesD.get(valuesOffset + from, pD, from, length);
                update(gD, pD, from, to, t);
                valuesD.put(valuesOffset + from, pD, from, length);
            } else {
                gradientsF.get(gradientsOffset + from, gF, from, length);
                valuesF.get(valuesOffset + from, pF, from, length);
                update(gF, pF, from, to, t);
                valuesF.put(valuesOffset + from, pF, from, length);
            }
        });
        steps++;
    }

    /** A copy of the moment vectors, concatenated: {@code [k * size]}. */
    @Override
    public final INDArray state() {
        int k = isDouble ? stateD.length : stateF.length;
        if (isDouble) {
            double[] all = new double[k * n];
            for (int i = 0; i < k; i++) {
                System.arraycopy(stateD[i], 0, all, i * n, n);
            }
            return Nd4j.createFromArray(all);
        }
        float[] all = new float[k * n];
        for (int i = 0; i < k; i++) {
            System.arraycopy(stateF[i], 0, all, i * n, n);
        }
        return Nd4j.createFromArray(all);
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final void restore(INDArray saved, long savedSteps) {
        int k = isDouble ? stateD.length : stateF.length;
        if (saved.length() != (long) k * n) {
            throw new IllegalArgumentException("optimizer state has " + saved.length() + " values, expected " + (long) k * n);
        }
        if (savedSteps < 0) {
            throw new IllegalArgumentException("negative step count " + savedSteps);
        }
        INDArray flat = saved.reshape(saved.length());
        if (isDouble) {
            double[] all = flat.toDoubleVector();
            for (int i = 0; i < k; i++) {
                System.arraycopy(all, i * n, stateD[i], 0, n);
            }
        } else {
            float[] all = flat.toFloatVector();
            for (int i = 0; i < k; i++) {
                System.arraycopy(all, i * n, stateF[i], 0, n);
            }
        }
        steps = savedSteps;
    }
}

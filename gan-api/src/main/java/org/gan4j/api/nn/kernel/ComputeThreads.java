package org.gan4j.api.nn.kernel;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Sets how many CPU threads ND4J uses; call once at start-up, before the first heavy operation.
 *
 * <p>ND4J 1.0.0-M2.1 has three settings:
 * <ul>
 *   <li>{@code Nd4j.factory().blas().setMaxThreads(n)}: the BLAS library's threads (OpenBLAS here),
 *       which run every GEMM, so nearly all of an MLP's arithmetic. Takes effect at once.</li>
 *   <li>{@code Nd4j.getEnvironment().setMaxThreads(n)}: libnd4j's thread pool for its own
 *       element-wise, reduction and custom ops. <b>A no-op in M2.1</b>: the pool is sized once,
 *       when the native library loads, from the {@code OMP_NUM_THREADS} environment variable (all
 *       cores when unset). To limit it, export {@code OMP_NUM_THREADS} before the JVM starts.</li>
 *   <li>{@code Nd4j.getEnvironment().setMaxMasterThreads(n)}: how many threads may launch ops
 *       concurrently (only relevant when several Java threads drive ND4J); capped at the pool size.</li>
 * </ul>
 * {@code OMP_NUM_THREADS} is also OpenBLAS's default, so with it set nothing else is needed.
 */
public final class ComputeThreads {

    private ComputeThreads() {
    }

    /**
     * Asks for {@code threads} threads everywhere ND4J lets a running JVM change it.
     *
     * @return whether every setting now equals {@code threads}; {@code false} means libnd4j's own
     *         pool kept the size {@code OMP_NUM_THREADS} gave it at start-up (see {@link #describe()})
     */
    public static boolean configure(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        Nd4j.factory().blas().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        return Nd4j.getEnvironment().maxThreads() == threads
                && Nd4j.getEnvironment().maxMasterThreads() == threads
                && Nd4j.factory().blas().getMaxThreads() == threads;
    }

    /** The current settings, e.g. {@code "ops=1 master=1 blas=1"}, for logs. */
    public static String describe() {
        return "ops=" + Nd4j.getEnvironment().maxThreads()
                + " master=" + Nd4j.getEnvironment().maxMasterThreads()
                + " blas=" + Nd4j.factory().blas().getMaxThreads();
    }
}

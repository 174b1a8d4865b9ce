package org.gan4j.core.nn;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Sets how many CPU threads ND4J uses; call once at start-up, before the first heavy operation.
 *
 * <p>ND4J has three thread settings: {@code Environment.setMaxThreads} is libnd4j's OpenMP team
 * size for its own element-wise, reduction and custom ops; {@code Environment.setMaxMasterThreads}
 * caps the threads that launch ops concurrently (relevant only when several Java threads drive ND4J);
 * {@code Blas.setMaxThreads} sets the BLAS library's (OpenBLAS's / MKL's) threads, which run the
 * GEMMs. The environment variable {@code OMP_NUM_THREADS}, read at native start-up, is the default
 * for all of them.
 */
public final class ComputeThreads {

    private ComputeThreads() {
    }

    /** Uses {@code threads} threads for ND4J's own ops and for BLAS. */
    public static void configure(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** The current settings, e.g. {@code "ops=1 master=1 blas=1"}, for logs. */
    public static String describe() {
        return "ops=" + Nd4j.getEnvironment().maxThreads()
                + " master=" + Nd4j.getEnvironment().maxMasterThreads()
                + " blas=" + Nd4j.factory().blas().getMaxThreads();
    }
}

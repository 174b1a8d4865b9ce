package org.gan4j.cli.common;

import org.gan4j.api.Gan4jException;
import org.gan4j.api.nn.kernel.ComputeThreads;

/** Applies {@code --threads}: ND4J's BLAS threads change at once, its op pool only through OMP_NUM_THREADS. */
public final class ThreadSettings {

    private ThreadSettings() {
    }

    /**
     * Sets ND4J's threads to {@code threads}; fails with advice when the native op pool was sized
     * differently at start-up (the {@code ./gan4j} launcher exports OMP_NUM_THREADS for --threads).
     */
    public static void apply(int threads) {
        if (threads <= 0) {
            throw Gan4jException.badInput("--threads must be positive, got " + threads + ".");
        }
        if (!ComputeThreads.configure(threads)) {
            throw Gan4jException.badInput("--threads " + threads + " could not be applied: ND4J's native thread pool was sized "
                    + "when it loaded (" + ComputeThreads.describe() + "). Start the JVM with the environment variable "
                    + "OMP_NUM_THREADS=" + threads + " (the ./gan4j launcher does this for --threads), or leave --threads out.");
        }
    }
}

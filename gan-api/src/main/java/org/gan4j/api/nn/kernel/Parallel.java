package org.gan4j.api.nn.kernel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Splits the Java loops of the kernels (batch norm, the column convolutions' per-sample GEMMs, the
 * heap optimizers) over as many threads as ND4J's native pool has, so that a step whose big
 * convolutions already use every core in oneDNN does not run its Java loops on one.
 *
 * <p><b>Deterministic by construction</b>: {@code [0, n)} is cut into {@link #threads()} contiguous
 * chunks of fixed bounds (a function of {@code n} and the thread count only, never of scheduling),
 * chunk {@code t} runs {@code body.run(t, from, to)}, and the caller waits for all of them. A body
 * that writes only its own indices, or reduces into per-chunk slots combined afterwards in chunk
 * order, gives the same bits on every run at a given thread count; a body whose per-index work does
 * not depend on the chunking (per-channel sums over a channel chunk) gives the same bits at every
 * thread count.
 *
 * <p>Chunk 0 runs on the calling thread, the others on a shared pool of daemon threads. Called from
 * one of the pool's own threads (a nested split), everything runs on that thread.
 */
public final class Parallel {

    /** A chunk of work: {@code chunk} is its number, {@code [from, to)} its indices. */
    @FunctionalInterface
    public interface Chunk {
        void run(int chunk, int from, int to);
    }

    private static final int THREADS = Math.max(1, probeThreads());
    private static final ThreadLocal<Boolean> WORKER = ThreadLocal.withInitial(() -> false);
    /** A thread count set by {@link #withThreads} for the calling thread, else null. */
    private static final ThreadLocal<Integer> OVERRIDE = new ThreadLocal<>();
    private static volatile ExecutorService pool;

    private Parallel() {
    }

    private static int probeThreads() {
        try {
            return Nd4j.getEnvironment().maxThreads();
        } catch (RuntimeException | LinkageError e) {
            return 1;
        }
    }

    /** ND4J's native thread count (from {@code OMP_NUM_THREADS}, else all cores), read once. */
    public static int threads() {
        return THREADS;
    }

    /** How many chunks {@link #forChunks} cuts {@code n} indices into when each chunk must hold at least {@code minChunk}. */
    public static int chunks(int n, int minChunk) {
        if (n <= 0) {
            return 1;
        }
        Integer override = OVERRIDE.get();
        int threads = override != null ? override : THREADS;
        return Math.max(1, Math.min(threads, n / Math.max(1, minChunk)));
    }

    /**
     * Runs {@code action} with the calling thread's splits cut for {@code threads} threads instead of
     * ND4J's count (the chunks still run on the shared pool): for tests that check a kernel gives the
     * same results at every split, and for timing harnesses.
     */
    public static void withThreads(int threads, Runnable action) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        Integer previous = OVERRIDE.get();
        OVERRIDE.set(threads);
        try {
            action.run();
        } finally {
            if (previous == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(previous);
            }
        }
    }

    /** The first index of chunk {@code t} of {@code chunks} over {@code [0, n)}: {@code floor(t n / chunks)}. */
    public static int bound(int t, int chunks, int n) {
        return (int) ((long) t * n / chunks);
    }

    /**
     * Runs {@code body} over {@code [0, n)} in {@link #chunks(int, int) chunks(n, minChunk)} chunks
     * and returns when all are done; the first failure is rethrown.
     *
     * @return the number of chunks used (for callers that reduce into per-chunk slots)
     */
    public static int forChunks(int n, int minChunk, Chunk body) {
        int chunks = WORKER.get() ? 1 : chunks(n, minChunk);
        if (chunks == 1) {
            body.run(0, 0, n);
            return 1;
        }
        ExecutorService executor = pool();
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[chunks - 1];
        for (int t = 1; t < chunks; t++) {
            int chunk = t;
            int from = bound(t, chunks, n);
            int to = bound(t + 1, chunks, n);
            futures[t - 1] = executor.submit(() -> body.run(chunk, from, to));
        }
        RuntimeException failure = null;
        try {
            body.run(0, 0, bound(1, chunks, n));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while waiting for a parallel chunk", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return chunks;
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    AtomicInteger count = new AtomicInteger();
                    p = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), r -> {
                        Thread t = new Thread(() -> {
                            WORKER.set(true);
                            r.run();
                        }, "gan4j-kernel-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }
}

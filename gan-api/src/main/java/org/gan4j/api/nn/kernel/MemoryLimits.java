package org.gan4j.api.nn.kernel;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.gan4j.api.Gan4jException;

/**
 * Checks, before a large allocation, that it fits: ND4J's arrays live in native memory, which
 * JavaCPP caps at {@code org.bytedeco.javacpp.maxphysicalbytes} (the process's resident size) and
 * which the machine's free RAM caps too; the optimizers' moment vectors live on the Java heap
 * ({@code -Xmx}). A configuration that asks for more (a layer of 10^8 units, a batch of 10^7 images)
 * is refused with a {@link TooLargeException} saying how much it needs and how much there is, instead
 * of failing half-way with an {@link OutOfMemoryError} (or the machine swapping).
 */
public final class MemoryLimits {

    private MemoryLimits() {
    }

    /** An allocation that does not fit, with the array sizes it came from (for naming the config field). */
    public static final class TooLargeException extends Gan4jException {
        private static final long serialVersionUID = 1L;
        private final transient long[] sizes;

        public TooLargeException(String message, long... sizes) {
            super(BAD_INPUT, message, null);
            this.sizes = sizes.clone();
        }

        /** The sizes (array dimensions, counts) the allocation was computed from. */
        public long[] sizes() {
            return sizes.clone();
        }
    }

    /** Native memory this process may still allocate, in bytes. */
    public static long nativeAvailable() {
        long available = Long.MAX_VALUE;
        long maxPhysical = Pointer.maxPhysicalBytes();
        if (maxPhysical > 0) {
            available = Math.max(0, maxPhysical - Pointer.physicalBytes());
        }
        long free = Pointer.availablePhysicalBytes();
        if (free > 0) {
            available = Math.min(available, free);
        }
        return available;
    }

    /** Java heap this process may still allocate, in bytes. */
    public static long heapAvailable() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /**
     * Throws when {@code bytes} of native memory are not available.
     *
     * @param what  what needs them, as the start of a sentence ("the network's parameters ...")
     * @param sizes the sizes the amount came from
     */
    public static void requireNative(long bytes, String what, long... sizes) {
        long available = nativeAvailable();
        if (bytes > available) {
            throw new TooLargeException(what + " need " + size(bytes) + " of native memory, but only " + size(available)
                    + " are available (free RAM, and JavaCPP's limit org.bytedeco.javacpp.maxphysicalbytes, which "
                    + "GAN4J_JAVA_OPTS=\"-Dorg.bytedeco.javacpp.maxphysicalbytes=16G\" raises)", sizes);
        }
    }

    /** Throws when {@code bytes} of Java heap are not available; arguments as {@link #requireNative}. */
    public static void requireHeap(long bytes, String what, long... sizes) {
        long available = heapAvailable();
        if (bytes > available) {
            throw new TooLargeException(what + " need " + size(bytes) + " of Java heap, but only " + size(available)
                    + " are free (the launcher's -Xmx1g; GAN4J_JAVA_OPTS=\"-Xmx8g\" raises it)", sizes);
        }
    }

    /** {@code a * b * c ...}, saturating at {@link Long#MAX_VALUE} instead of overflowing. */
    public static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f != 0 && p > Long.MAX_VALUE / Math.abs(f)) {
                return Long.MAX_VALUE;
            }
            p *= f;
        }
        return p;
    }

    /** {@code a + b} for non-negative counts, saturating at {@link Long#MAX_VALUE}. */
    public static long sum(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    /** A byte count for people: "3.4 GB", "512 MB". */
    public static String size(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 9 EB";
        }
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%d MB", Math.max(1, bytes >> 20));
    }
}

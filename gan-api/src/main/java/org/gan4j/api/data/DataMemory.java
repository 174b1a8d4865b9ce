package org.gan4j.api.data;

import org.gan4j.api.nn.kernel.MemoryLimits;

/**
 * A dataset's check, before it allocates, that what it keeps in memory fits: a data section asking
 * for more (a billion points) is refused with exit code 2, naming the config field, instead of an
 * {@link OutOfMemoryError} or a negative array size half-way through opening.
 */
public final class DataMemory {

    /** The longest Java array gan4j allocates (a little under {@link Integer#MAX_VALUE}, as the JVM allows). */
    public static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private DataMemory() {
    }

    /**
     * Refuses {@code bytes} of Java heap when the process does not have them free, or an array of more
     * than {@link #MAX_ARRAY_LENGTH} elements.
     *
     * @param bytes         the heap the dataset will allocate (computed with {@link #times}, which
     *                      clamps rather than overflows)
     * @param longestArray  the length of the longest single array among them
     * @param what          what needs it, as the start of a sentence ("2,000,000 points of 2 values")
     * @param configValue   the config value the size comes from (e.g. {@code size}): the engine names
     *                      the field holding it in the error
     * @throws org.gan4j.api.Gan4jException exit code 2 saying how much is needed and how much there is
     */
    public static void requireHeap(long bytes, long longestArray, String what, long configValue) {
        MemoryLimits.requireHeap(bytes, what, configValue);
        if (longestArray > MAX_ARRAY_LENGTH) {
            throw new MemoryLimits.TooLargeException(what + " need an array of " + longestArray
                    + " elements, more than Java allows (" + MAX_ARRAY_LENGTH + ")", configValue);
        }
    }

    /** {@code a * b}, clamped at {@link Long#MAX_VALUE} (for non-negative sizes). */
    public static long times(long a, long b) {
        return MemoryLimits.product(a, b);
    }
}

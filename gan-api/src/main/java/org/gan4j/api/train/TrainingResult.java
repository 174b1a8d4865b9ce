package org.gan4j.api.train;

import java.time.Instant;

/**
 * How a run ended.
 *
 * @param status     why it ended
 * @param iterations iterations completed
 * @param epochs     epochs completed
 * @param start      when training started
 * @param end        when it ended
 * @param message    what stopped it (the divergence or the error), {@code null} when it completed
 */
public record TrainingResult(Status status, long iterations, int epochs, Instant start, Instant end, String message) {

    /** Why a run ended; the lower-case name is what the manifest records. */
    public enum Status {
        /** Ran all planned iterations. */
        COMPLETED,
        /** Stopped on a NaN or infinite loss or gradient norm. */
        DIVERGED,
        /** Stopped on request (Ctrl-C). */
        INTERRUPTED,
        /** Stopped by an unexpected error. */
        FAILED;

        /** The manifest's spelling. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

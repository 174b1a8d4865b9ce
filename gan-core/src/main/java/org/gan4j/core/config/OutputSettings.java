package org.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.gan4j.api.Checks;

/**
 * Where and how often a run writes its results.
 *
 * @param dir             parent directory of run directories; the run writes to {@code <dir>/<name>}
 * @param sampleEvery     write a sample grid every this many epochs (and always at the end)
 * @param sampleCount     number of samples in a grid (a square number looks best)
 * @param logEvery        print a progress line every this many iterations when output is not a terminal
 * @param checkpointEvery write a checkpoint every this many iterations; 0 for only at epoch ends (always
 *                        also at each epoch end and when stopped)
 * @param checkpointKeep  how many of the newest checkpoints to keep
 * @param onDivergence    {@code stop} (default): a non-finite loss, gradient or parameter stops the run
 *                        (exit code 3); {@code rollback}: go back to the newest checkpoint with lower
 *                        learning rates and carry on
 * @param rollbackLrFactor multiplies both learning rates at each rollback (again for each further
 *                        rollback to the same checkpoint)
 * @param maxRollbacks    rollbacks allowed in one command before the run stops as diverged
 */
public record OutputSettings(
        @JsonProperty("dir") @JsonPropertyDescription("parent directory of run directories") String dir,
        @JsonProperty("sampleEvery") @JsonPropertyDescription("sample grid every N epochs (and at the end)") int sampleEvery,
        @JsonProperty("sampleCount") @JsonPropertyDescription("samples per grid") int sampleCount,
        @JsonProperty("logEvery") @JsonPropertyDescription("progress line every N iterations when not on a terminal") int logEvery,
        @JsonProperty("checkpointEvery") @JsonPropertyDescription("checkpoint every N iterations; 0 for only at epoch ends")
        int checkpointEvery,
        @JsonProperty("checkpointKeep") @JsonPropertyDescription("number of newest checkpoints kept") int checkpointKeep,
        @JsonProperty("onDivergence") @JsonPropertyDescription("stop, or rollback to the newest checkpoint with lower learning rates")
        String onDivergence,
        @JsonProperty("rollbackLrFactor") @JsonPropertyDescription("learning rate factor at each rollback") double rollbackLrFactor,
        @JsonProperty("maxRollbacks") @JsonPropertyDescription("rollbacks allowed before stopping") int maxRollbacks) {

    /** {@link #onDivergence} value: stop with exit code 3. */
    public static final String STOP = "stop";
    /** {@link #onDivergence} value: roll back to the newest checkpoint with lower learning rates. */
    public static final String ROLLBACK = "rollback";

    @JsonCreator
    public OutputSettings(
            @JsonProperty("dir") String dir,
            @JsonProperty("sampleEvery") Integer sampleEvery,
            @JsonProperty("sampleCount") Integer sampleCount,
            @JsonProperty("logEvery") Integer logEvery,
            @JsonProperty("checkpointEvery") Integer checkpointEvery,
            @JsonProperty("checkpointKeep") Integer checkpointKeep,
            @JsonProperty("onDivergence") String onDivergence,
            @JsonProperty("rollbackLrFactor") Double rollbackLrFactor,
            @JsonProperty("maxRollbacks") Integer maxRollbacks) {
        this(dir == null ? "runs" : dir,
                Checks.positive("sampleEvery", sampleEvery == null ? 1 : sampleEvery),
                Checks.positive("sampleCount", sampleCount == null ? 64 : sampleCount),
                Checks.positive("logEvery", logEvery == null ? 100 : logEvery),
                Checks.nonNegative("checkpointEvery", checkpointEvery == null ? 0 : checkpointEvery),
                Checks.positive("checkpointKeep", checkpointKeep == null ? 3 : checkpointKeep),
                divergence(onDivergence),
                Checks.inLeftOpenRange("rollbackLrFactor", rollbackLrFactor == null ? 0.5 : rollbackLrFactor, 0, 1),
                Checks.nonNegative("maxRollbacks", maxRollbacks == null ? 3 : maxRollbacks));
    }

    private static String divergence(String value) {
        if (value == null) {
            return STOP;
        }
        if (!value.equals(STOP) && !value.equals(ROLLBACK)) {
            throw new IllegalArgumentException("onDivergence must be " + STOP + " or " + ROLLBACK + ", got " + value);
        }
        return value;
    }

    /** The first four settings, checkpoints at their defaults. */
    public OutputSettings(String dir, Integer sampleEvery, Integer sampleCount, Integer logEvery) {
        this(dir, sampleEvery, sampleCount, logEvery, null, null, null, null, null);
    }

    public static OutputSettings defaults() {
        return new OutputSettings(null, null, null, null, null, null, null, null, null);
    }
}

package org.gan4j.core.schedule;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.gan4j.api.Checks;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.TrainingSchedule;

/**
 * The classic GAN schedule: a fixed number of discriminator updates, then a fixed number of
 * generator updates, for a number of epochs or iterations.
 *
 * @param discriminatorSteps discriminator updates per iteration; {@code null} until
 *                           {@link #withDefaultsFrom(Loss)} fills in the loss's recommendation (else 1)
 * @param generatorSteps     generator updates per iteration
 * @param epochs             passes over the data; 0 when {@code iterations} is set and epochs were not
 * @param iterations         iterations to run, or 0 to run {@code epochs} epochs
 * @param batchSize          samples per batch
 * @param seconds            wall-clock budget of GAN-step time, or 0 for none ({@link TrainingSchedule#seconds()})
 */
@JsonClassDescription("alternating: k discriminator steps, then n generator steps, for some epochs or iterations")
@JsonPropertyOrder({"discriminatorSteps", "generatorSteps", "epochs", "iterations", "batchSize", "seconds"})
public record AlternatingSchedule(
        @JsonProperty("discriminatorSteps")
        @JsonPropertyDescription("discriminator updates per iteration; default: the loss's recommendation, else 1")
        Integer discriminatorSteps,
        @JsonProperty("generatorSteps") @JsonPropertyDescription("generator updates per iteration")
        int generatorSteps,
        @JsonProperty("epochs") @JsonPropertyDescription("passes over the data (ignored when iterations > 0)")
        int epochs,
        @JsonProperty("iterations") @JsonPropertyDescription("iterations to run; 0 = run epochs")
        long iterations,
        @JsonProperty("batchSize") @JsonPropertyDescription("samples per batch")
        int batchSize,
        @JsonProperty("seconds")
        @JsonPropertyDescription("stop after this many seconds of GAN steps, or at the end of the epochs/iterations if sooner; 0 = no time limit")
        double seconds) implements TrainingSchedule {

    /** Validates; use {@link #of} for defaults. */
    public AlternatingSchedule {
        if (discriminatorSteps != null) {
            Checks.positive("discriminatorSteps", discriminatorSteps.intValue());
        }
        Checks.positive("generatorSteps", generatorSteps);
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be 0 or more, got " + iterations);
        }
        if (iterations > 0) {
            Checks.nonNegative("epochs", epochs);
        } else if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1 (or set iterations), got " + epochs);
        }
        Checks.positive("batchSize", batchSize);
        if (!(seconds >= 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("seconds must be 0 (no time limit) or more, got " + seconds);
        }
    }

    /** Without a time limit. */
    public AlternatingSchedule(Integer discriminatorSteps, int generatorSteps, int epochs, long iterations, int batchSize) {
        this(discriminatorSteps, generatorSteps, epochs, iterations, batchSize, 0);
    }

    /**
     * The schedule with defaults for absent settings: discriminator steps from the loss (filled in by
     * {@link #withDefaultsFrom}), 1 generator step, 1 epoch (0 when iterations are set), batch 64.
     */
    @JsonCreator
    public static AlternatingSchedule of(
            @JsonProperty("discriminatorSteps") Integer discriminatorSteps,
            @JsonProperty("generatorSteps") Integer generatorSteps,
            @JsonProperty("epochs") Integer epochs,
            @JsonProperty("iterations") Long iterations,
            @JsonProperty("batchSize") Integer batchSize,
            @JsonProperty("seconds") Double seconds) {
        long its = iterations == null ? 0 : iterations;
        return new AlternatingSchedule(discriminatorSteps,
                generatorSteps == null ? 1 : generatorSteps,
                epochs == null ? (its > 0 ? 0 : 1) : epochs,
                its,
                batchSize == null ? 64 : batchSize,
                seconds == null ? 0 : seconds);
    }

    /** The schedule with defaults, without a time limit. */
    public static AlternatingSchedule of(Integer discriminatorSteps, Integer generatorSteps, Integer epochs, Long iterations,
                                         Integer batchSize) {
        return of(discriminatorSteps, generatorSteps, epochs, iterations, batchSize, null);
    }

    /** All defaults. */
    public static AlternatingSchedule defaults() {
        return of(null, null, null, null, null, null);
    }

    @Override
    public int discriminatorSteps(long iteration) {
        return discriminatorSteps == null ? 1 : discriminatorSteps;
    }

    @Override
    public int generatorSteps(long iteration) {
        return generatorSteps;
    }

    @Override
    public AlternatingSchedule withDefaultsFrom(Loss loss) {
        if (discriminatorSteps != null) {
            return this;
        }
        int steps = loss.recommendedDiscriminatorSteps().orElse(1);
        return new AlternatingSchedule(steps, generatorSteps, epochs, iterations, batchSize, seconds);
    }
}

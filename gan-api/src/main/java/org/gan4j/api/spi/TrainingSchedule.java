package org.gan4j.api.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How training alternates between the networks and how long it runs, selected by
 * {@code schedule.type}.
 *
 * <p>One iteration is {@link #discriminatorSteps(long)} discriminator updates, each on a fresh real
 * batch, followed by {@link #generatorSteps(long)} generator updates. An epoch ends when the real
 * data has been seen once.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface TrainingSchedule {

    /** Samples per batch, for real and generated batches alike. */
    int batchSize();

    /** Number of passes over the data; ignored when {@link #iterations()} is positive. */
    int epochs();

    /** Number of iterations to run, or 0 to run {@link #epochs()} epochs. */
    long iterations();

    /**
     * A wall-clock budget: training stops (completed) once its GAN steps have taken this many seconds,
     * or when the epochs or iterations are done, whichever comes first; 0 (the default) for none.
     * Only the discriminator and generator updates count, not evaluations, sample grids or
     * checkpoints, and a resumed run continues the count its checkpoint saved.
     */
    default double seconds() {
        return 0;
    }

    /** Discriminator updates in iteration {@code iteration} (counted from 0). */
    int discriminatorSteps(long iteration);

    /** Generator updates in iteration {@code iteration} (counted from 0). */
    int generatorSteps(long iteration);

    /**
     * This schedule with the loss's recommendations (e.g. five critic steps for Wasserstein) filled
     * in where the config left a setting out. Returns {@code this} when nothing changes.
     */
    default TrainingSchedule withDefaultsFrom(Loss loss) {
        return this;
    }

    /** What happens after each discriminator update: by default, the loss's own constraint (weight clipping). */
    default void afterDiscriminatorStep(Discriminator discriminator, Loss loss) {
        loss.afterDiscriminatorStep(discriminator.parameters());
    }
}

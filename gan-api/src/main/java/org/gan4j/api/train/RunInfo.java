package org.gan4j.api.train;

import java.time.Instant;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;

/**
 * What a run is about to do, given to listeners when it starts. The networks are the live ones
 * being trained: read them (for example to save weights), never modify them.
 *
 * @param generator         the generator being trained
 * @param discriminator     the discriminator being trained
 * @param sampleShape       shape of one sample
 * @param batchSize         samples per batch
 * @param batchesPerEpoch   full real batches per epoch
 * @param plannedIterations iterations the run will do unless stopped
 * @param plannedEpochs     epochs those iterations touch (the last may be partial in iteration mode)
 * @param seed              the run's seed
 * @param start             when training started (this process)
 * @param resumedIteration  iterations already done when resuming from a checkpoint; 0 for a fresh run.
 *                          A resumed listener continues its files: rows and pictures up to this
 *                          iteration are kept, anything after it is replaced.
 * @param resumedEpochs     epochs already completed when resuming; 0 for a fresh run
 */
public record RunInfo(Generator generator, Discriminator discriminator, long[] sampleShape, int batchSize,
                      int batchesPerEpoch, long plannedIterations, int plannedEpochs, long seed, Instant start,
                      long resumedIteration, int resumedEpochs) {

    public RunInfo {
        sampleShape = sampleShape.clone();
    }

    /** A fresh (not resumed) run. */
    public RunInfo(Generator generator, Discriminator discriminator, long[] sampleShape, int batchSize,
                   int batchesPerEpoch, long plannedIterations, int plannedEpochs, long seed, Instant start) {
        this(generator, discriminator, sampleShape, batchSize, batchesPerEpoch, plannedIterations, plannedEpochs, seed, start, 0, 0);
    }

    /** Whether this run continues from a checkpoint. */
    public boolean resumed() {
        return resumedIteration > 0;
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }
}

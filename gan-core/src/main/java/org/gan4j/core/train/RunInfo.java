package org.gan4j.core.train;

import java.time.Instant;
import org.gan4j.core.spi.Discriminator;
import org.gan4j.core.spi.Generator;

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
 * @param start             when training started
 */
public record RunInfo(Generator generator, Discriminator discriminator, long[] sampleShape, int batchSize,
                      int batchesPerEpoch, long plannedIterations, int plannedEpochs, long seed, Instant start) {

    public RunInfo {
        sampleShape = sampleShape.clone();
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }
}

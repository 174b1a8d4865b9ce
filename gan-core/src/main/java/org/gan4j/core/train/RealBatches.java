package org.gan4j.core.train;

import org.gan4j.api.spi.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Real batches in training order: the one place the trainer gets data from, kept behind this small
 * interface so tests can supply their own order (the default is {@link StreamBatches}).
 */
public interface RealBatches extends AutoCloseable {

    /** Full batches in one epoch (a last partial batch is dropped). */
    int batchesPerEpoch();

    /**
     * The next batch, {@code [batchSize, sampleShape...]}; after {@link #batchesPerEpoch()} calls the
     * next call starts a new, freshly shuffled epoch. The array stays valid until the next call.
     */
    INDArray next();

    /**
     * The labels of the batch {@link #next()} last returned, {@code [batchSize, K]} condition rows
     * ({@link org.gan4j.api.spi.Dataset#fillCondition}); valid until the next call. Only asked for in
     * conditional runs.
     */
    default INDArray condition() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " gives no labels");
    }

    /**
     * Continues at 0-based {@code epoch}, batch {@code index} of that epoch, as a fresh stream would
     * give it (for resuming a run).
     */
    default void seek(long epoch, long index) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot seek");
    }

    @Override
    default void close() {
    }

    /** Opens the batches of a dataset for one run. */
    @FunctionalInterface
    interface Factory {
        RealBatches open(Dataset dataset, int batchSize, long seed, DataType dataType);
    }
}

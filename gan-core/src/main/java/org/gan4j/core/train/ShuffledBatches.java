package org.gan4j.core.train;

import java.util.Random;
import org.gan4j.core.error.Gan4jException;
import org.gan4j.core.spi.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A minimal {@link RealBatches}: a Fisher-Yates shuffle of all indices per epoch from a
 * {@link java.util.Random} (whose algorithm is specified, so the order is the same on every JVM),
 * filled synchronously into one reused array.
 */
public final class ShuffledBatches implements RealBatches {

    private final Dataset dataset;
    private final int batchSize;
    private final int[] order;
    private final Random random;
    private final INDArray batch;
    private final int perEpoch;
    private int position;

    public ShuffledBatches(Dataset dataset, int batchSize, long seed, DataType dataType) {
        int size = dataset.size();
        if (size < batchSize) {
            throw Gan4jException.badInput("The dataset has " + size + " samples, fewer than one batch (schedule.batchSize "
                    + batchSize + "). Use a smaller batchSize or more data.");
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        this.random = new Random(seed);
        long[] shape = TrainerSupport.batchShape(batchSize, dataset.sampleShape());
        this.batch = Nd4j.create(dataType, shape);
        this.perEpoch = size / batchSize;
        this.position = perEpoch;
    }

    /** The factory for {@link Trainer.Builder#batches}. */
    public static RealBatches.Factory factory() {
        return ShuffledBatches::new;
    }

    @Override
    public int batchesPerEpoch() {
        return perEpoch;
    }

    @Override
    public INDArray next() {
        if (position == perEpoch) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            position = 0;
        }
        dataset.fill(order, position * batchSize, batchSize, batch);
        position++;
        return batch;
    }
}

package org.gan4j.api.spi;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a model needs to know to build itself that is not in its own settings.
 *
 * @param sampleShape shape of one data sample without the batch dimension, e.g. {@code [1, 28, 28]}
 * @param dataType    the floating-point type of parameters and activations (FLOAT for training,
 *                    DOUBLE for gradient checks)
 * @param seed        seed for parameter initialisation; the same seed gives the same initial weights
 */
public record ModelContext(long[] sampleShape, DataType dataType, long seed) {

    public ModelContext {
        sampleShape = sampleShape.clone();
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("models need a floating-point data type, not " + dataType);
        }
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    /** Number of values in one sample. */
    public long sampleSize() {
        return Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
    }

    @Override
    public String toString() {
        return "ModelContext[sampleShape=" + Arrays.toString(sampleShape) + ", dataType=" + dataType + ", seed=" + seed + "]";
    }
}

package org.gan4j.api.spi;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a model needs to know to build itself that is not in its own settings.
 *
 * @param sampleShape shape of one data sample without the batch dimension, e.g. {@code [1, 28, 28]}
 * @param dataType    the floating-point type of parameters and activations (FLOAT for training,
 *                    DOUBLE for gradient checks)
 * @param seed        seed for parameter initialisation; the same seed gives the same initial weights
 * @param condition   what the data is labelled with ({@link Condition#NONE} when unlabelled): a
 *                    conditional model ({@link GeneratorSpec#conditional()}) sizes its label
 *                    embedding from it; gan4j builds a conditional model only when it is not none
 */
public record ModelContext(long[] sampleShape, DataType dataType, long seed, Condition condition) {

    public ModelContext {
        sampleShape = sampleShape.clone();
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("models need a floating-point data type, not " + dataType);
        }
        Objects.requireNonNull(condition, "condition (Condition.NONE for unlabelled data)");
    }

    /** A context for unlabelled data ({@link Condition#NONE}). */
    public ModelContext(long[] sampleShape, DataType dataType, long seed) {
        this(sampleShape, dataType, seed, Condition.NONE);
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    /** Number of values in one sample. */
    public long sampleSize() {
        return Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
    }

    /**
     * The condition a conditional model is built for, refusing {@link Condition#NONE} with a message
     * naming {@code component} (e.g. "the dcgan generator"): gan4j checks this before building, so a
     * model only sees it when built by hand.
     */
    public Condition requireCondition(String component) {
        if (condition.isNone()) {
            throw new IllegalArgumentException(component + " is conditional but the context has no labels (Condition.NONE)");
        }
        return condition;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelContext m && Arrays.equals(sampleShape, m.sampleShape) && dataType == m.dataType
                && seed == m.seed && condition.equals(m.condition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(sampleShape), dataType, seed, condition);
    }

    @Override
    public String toString() {
        return "ModelContext[sampleShape=" + Arrays.toString(sampleShape) + ", dataType=" + dataType + ", seed=" + seed
                + (condition.isNone() ? "" : ", condition=" + condition.describe()) + "]";
    }
}

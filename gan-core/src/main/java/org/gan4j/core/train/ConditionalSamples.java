package org.gan4j.core.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.gan4j.api.array.Shapes;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Generator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inputs for pictures of a conditional generator: a grid with one row per class, where every
 * column is one noise vector shown in each class (so a column shows one "style" across the classes),
 * and labels for samples of one class. Used by the per-epoch grids and {@code gan4j sample --class}.
 */
public final class ConditionalSamples {

    private ConditionalSamples() {
    }

    /** Columns of a one-row-per-class grid of about {@code count} samples: {@code ceil(count / classes)}, at least 1. */
    public static int columns(int count, int classes) {
        return Math.max(1, (count + classes - 1) / classes);
    }

    /**
     * Noise for a grid of {@code rows} by {@code columns}: {@code columns} vectors drawn from the
     * generator's distribution with {@code rng}, sample {@code r * columns + c} getting vector {@code c}.
     */
    public static INDArray noisePerColumn(Generator generator, int rows, int columns, Random rng, DataType type) {
        long[] latent = generator.inputShape();
        INDArray perColumn = Nd4j.create(type, Shapes.withBatch(columns, latent));
        generator.noise().sample(perColumn, rng);
        INDArray flat = perColumn.reshape(columns, Shapes.size(latent));
        INDArray grid = Nd4j.create(type, (long) rows * columns, Shapes.size(latent));
        for (int r = 0; r < rows; r++) {
            grid.get(org.nd4j.linalg.indexing.NDArrayIndex.interval((long) r * columns, (long) (r + 1) * columns),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(flat);
        }
        return grid.reshape(Shapes.withBatch((long) rows * columns, latent));
    }

    /** One-hot labels of a one-row-per-class grid: {@code columns} rows of class 0, then of class 1, ... */
    public static INDArray classRows(Condition condition, int columns, DataType type) {
        int[] labels = new int[condition.size() * columns];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / columns;
        }
        return condition.oneHot(labels, type);
    }

    /** One-hot labels of {@code count} samples of class {@code label}. */
    public static INDArray oneClass(Condition condition, int label, int count, DataType type) {
        int[] labels = new int[count];
        Arrays.fill(labels, label);
        return condition.oneHot(labels, type);
    }

    /** {@code count} rows of attributes, each on with probability 1/2, drawn from {@code seed}. */
    public static INDArray uniformAttributes(Condition condition, int count, long seed, DataType type) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] bits = new double[count * condition.size()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = random.nextBoolean() ? 1 : 0;
        }
        return Nd4j.createFromArray(bits).reshape(count, condition.size()).castTo(type);
    }

    /** {@code count} labels drawn uniformly over the classes from {@code seed}, one-hot. */
    public static INDArray uniformClasses(Condition condition, int count, long seed, DataType type) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(condition.size());
        }
        return condition.oneHot(labels, type);
    }
}

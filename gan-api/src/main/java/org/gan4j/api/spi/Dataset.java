package org.gan4j.api.spi;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An opened, indexed collection of real samples. The trainer decides the order (shuffled per epoch
 * from the run's seed) and asks the dataset to copy the chosen samples into a batch array.
 * Implementations must allow {@link #fill} from one background thread while the trainer computes.
 */
public interface Dataset extends AutoCloseable {

    /** Shape of one sample without the batch dimension, e.g. {@code [1, 28, 28]}; images scaled to [-1, 1]. */
    long[] sampleShape();

    /** Number of samples. */
    int size();

    /**
     * Copies samples {@code indices[from .. from+count)} into rows {@code 0 .. count} of {@code out},
     * an array of shape {@code [>= count, sampleShape()...]}.
     */
    void fill(int[] indices, int from, int count, INDArray out);

    /** Number of classes when the data is labelled, else 0. */
    default int classCount() {
        return 0;
    }

    /** The class of sample {@code index} (0-based) when {@link #classCount()} is positive. */
    default int label(int index) {
        throw new UnsupportedOperationException("this dataset has no labels");
    }

    /**
     * What the samples are labelled with, for conditional models: by default {@link #classCount()}
     * classes named by their numbers (none when it is 0). A dataset with class names (Fashion-MNIST's
     * {@code Sneaker}) or attributes (CelebA's {@code Smiling}) returns them here; one with
     * {@link Condition.Kind#ATTRIBUTES} also overrides {@link #fillCondition}.
     */
    default Condition condition() {
        int classes = classCount();
        return classes > 0 ? Condition.classes(classes) : Condition.NONE;
    }

    /**
     * Writes the condition rows of samples {@code indices[from .. from+count)} into rows
     * {@code 0 .. count} of {@code out}, an array {@code [>= count, condition().size()]}: one-hot
     * rows of {@link #label} for classes (the default), 0/1 rows for attributes. Like {@link #fill},
     * may run on a background thread.
     */
    default void fillCondition(int[] indices, int from, int count, INDArray out) {
        Condition condition = condition();
        if (!condition.isClasses()) {
            throw new UnsupportedOperationException(description() + " has " + condition.describe()
                    + "; a dataset with attributes must implement fillCondition");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = label(indices[from + i]);
        }
        condition.putOneHot(labels, 0, count, out);
    }

    /**
     * Whether {@link #fill} does slow work per sample (decoding image files, reading from disk), so
     * the trainer should fill the next batch on a background thread while it computes the current
     * one. Datasets held decoded in memory (MNIST) return false, the default; datasets that decode
     * files on the fly (CelebA, image folders) return true. Either way the batches are identical.
     */
    default boolean slowToFill() {
        return false;
    }

    /** The files the data was read from, hashed into the run manifest. */
    List<Path> files();

    /** One line saying what was loaded, e.g. "MNIST test split, 10000 images 1x28x28 from data/mnist". */
    String description();

    @Override
    default void close() {
    }
}

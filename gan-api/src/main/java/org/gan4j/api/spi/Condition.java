package org.gan4j.api.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What a dataset's samples are labelled with, and so what a conditional model is conditioned on:
 * nothing ({@link #NONE}), one class out of {@link #size()} per sample ({@link Kind#CLASSES}: MNIST's
 * digits), or {@link #size()} binary attributes per sample ({@link Kind#ATTRIBUTES}: CelebA's 40).
 *
 * <p>Networks and datasets exchange a condition as a {@code [batch, size()]} array of the networks'
 * floating-point type, one row per sample: a one-hot row for a class ({@link #oneHot}), a row of 0s
 * and 1s for attributes. A model's label embedding is then a matrix product with that row, for
 * classes and attributes alike.
 *
 * @param kind  what the labels are
 * @param names one name per class or attribute, in index order (e.g. {@code "0"}..{@code "9"},
 *              {@code "Sneaker"}, {@code "Smiling"}); empty for {@link #NONE}
 */
public record Condition(Kind kind, List<String> names) {

    /** What the labels are. */
    public enum Kind {
        /** Unlabelled data. */
        NONE,
        /** One class per sample. */
        CLASSES,
        /** Several binary attributes per sample. */
        ATTRIBUTES
    }

    /** Unlabelled data: no condition. */
    public static final Condition NONE = new Condition(Kind.NONE, List.of());

    public Condition {
        Objects.requireNonNull(kind, "kind");
        names = List.copyOf(names);
        if ((kind == Kind.NONE) != names.isEmpty()) {
            throw new IllegalArgumentException(kind == Kind.NONE ? "an absent condition has no names"
                    : kind.name().toLowerCase(java.util.Locale.ROOT) + " need at least one name");
        }
        if (kind == Kind.CLASSES && names.size() < 2) {
            throw new IllegalArgumentException("a class condition needs at least 2 classes, got " + names.size());
        }
    }

    /** {@code count} classes named by their numbers, {@code "0"} to {@code count - 1}. */
    public static Condition classes(int count) {
        return new Condition(Kind.CLASSES, IntStream.range(0, count).mapToObj(Integer::toString).toList());
    }

    /** Classes with these names, in index order. */
    public static Condition classes(List<String> names) {
        return new Condition(Kind.CLASSES, names);
    }

    /** Binary attributes with these names, in index order. */
    public static Condition attributes(List<String> names) {
        return new Condition(Kind.ATTRIBUTES, names);
    }

    /** Width of a condition row: the number of classes or attributes; 0 for {@link #NONE}. */
    public int size() {
        return names.size();
    }

    /** Whether there is no condition. */
    public boolean isNone() {
        return kind == Kind.NONE;
    }

    /** Whether samples carry one class each. */
    public boolean isClasses() {
        return kind == Kind.CLASSES;
    }

    /**
     * The valid range of a class index, for messages: {@code "0-9"} with the names when they are not
     * the numbers themselves, e.g. {@code "0-9 (0 T-shirt/top, 1 Trouser, ...)"}.
     */
    public String classRange() {
        StringBuilder s = new StringBuilder("0-" + (size() - 1));
        if (!names.equals(classes(Math.max(2, size())).names)) {
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                shown.add(i + " " + names.get(i));
            }
            s.append(" (").append(String.join(", ", shown)).append(')');
        }
        return s.toString();
    }

    /** One line for logs and messages, e.g. {@code "10 classes"}, {@code "40 attributes"}, {@code "no labels"}. */
    public String describe() {
        return switch (kind) {
            case NONE -> "no labels";
            case CLASSES -> size() + " classes";
            case ATTRIBUTES -> size() + " attributes";
        };
    }

    /**
     * The one-hot rows {@code [labels.length, size()]} of class labels.
     *
     * @throws IllegalArgumentException naming the label and the valid range when one is out of range
     */
    public INDArray oneHot(int[] labels, DataType dataType) {
        INDArray out = Nd4j.zeros(dataType, labels.length, Math.max(1, size()));
        putOneHot(labels, 0, labels.length, out);
        return out;
    }

    /**
     * Writes the one-hot rows of {@code labels[from .. from+count)} into rows {@code 0 .. count} of
     * {@code out} ({@code [>= count, size()]}), zeroing those rows first.
     */
    public void putOneHot(int[] labels, int from, int count, INDArray out) {
        if (kind != Kind.CLASSES) {
            throw new IllegalStateException("one-hot rows are for class labels, not " + describe());
        }
        if (out.rank() != 2 || out.size(1) != size() || out.size(0) < count) {
            throw new IllegalArgumentException("a condition of " + describe() + " for " + count + " samples needs an array [>= "
                    + count + ", " + size() + "], got " + java.util.Arrays.toString(out.shape()));
        }
        double[] rows = new double[count * size()];
        for (int i = 0; i < count; i++) {
            int label = labels[from + i];
            if (label < 0 || label >= size()) {
                throw new IllegalArgumentException("class " + label + " is out of range: the classes are " + classRange());
            }
            rows[i * size() + label] = 1;
        }
        if (count > 0) {
            out.get(NDArrayIndex.interval(0, count), NDArrayIndex.all())
                    .assign(Nd4j.createFromArray(rows).reshape(count, size()).castTo(out.dataType()));
        }
    }
}

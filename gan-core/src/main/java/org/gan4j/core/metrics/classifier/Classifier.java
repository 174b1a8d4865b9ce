package org.gan4j.core.metrics.classifier;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.Conv2d;
import org.gan4j.api.nn.Dropout;
import org.gan4j.api.nn.Pass;
import org.gan4j.api.nn.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The small CNN behind {@code classifier-fid}, built from gan4j's own layers as two networks: the
 * feature extractor ({@code conv 5x5 32 /2, ReLU, conv 5x5 64 /2, ReLU, dense 128, ReLU}; its 128
 * outputs are the FID feature space, as Inception's pool3 layer is for FID) and the head
 * ({@code dropout 0.3, dense k}) whose softmax gives the class probabilities. Float precision; the
 * parameters are only read after training, so any number of threads may {@link #evaluate} at once.
 */
public final class Classifier {

    /** Bump whenever the layers or their training change, so cached classifiers are retrained. */
    public static final int ARCHITECTURE = 1;
    /** Dimension of the feature space. */
    public static final int FEATURES = 128;
    /** Images per forward pass when evaluating. */
    static final int BATCH = 500;

    private final long[] sampleShape;
    private final int classes;
    private final Sequential features;
    private final Sequential head;

    private Classifier(long[] sampleShape, int classes, Sequential features, Sequential head) {
        this.sampleShape = sampleShape.clone();
        this.classes = classes;
        this.features = features;
        this.head = head;
    }

    /**
     * A freshly initialised classifier.
     *
     * @param sampleShape {@code [channels, height, width]}, at least 4x4
     * @param classes     number of classes, at least 2
     */
    public static Classifier create(long[] sampleShape, int classes, long seed) {
        if (sampleShape.length != 3) {
            throw new IllegalArgumentException("the classifier needs images [channels, height, width], got " + Arrays.toString(sampleShape));
        }
        if (classes < 2) {
            throw new IllegalArgumentException("the classifier needs at least 2 classes, got " + classes);
        }
        Sequential features = Sequential.builder(sampleShape)
                .add(in -> new Conv2d(in, 32, 5, 2, 2, true)).relu()
                .add(in -> new Conv2d(in, 64, 5, 2, 2, true)).relu()
                .flatten().dense(FEATURES).relu()
                .build(DataType.FLOAT, seed);
        Sequential head = Sequential.builder(FEATURES)
                .add(in -> new Dropout(in, 0.3)).dense(classes)
                .build(DataType.FLOAT, seed + 1);
        return new Classifier(sampleShape, classes, features, head);
    }

    public long[] sampleShape() {
        return sampleShape.clone();
    }

    public int classes() {
        return classes;
    }

    /** The feature extractor (trained jointly with {@link #head()}). */
    Sequential features() {
        return features;
    }

    /** The head: features to logits. */
    Sequential head() {
        return head;
    }

    /** Copies images {@code [from, from + count)} of some collection into rows {@code 0 .. count} of {@code out}. */
    @FunctionalInterface
    public interface Images {
        void fill(int from, int count, INDArray out);
    }

    /** Features {@code [n][FEATURES]} and class probabilities {@code [n][classes]} of n images. */
    public record Output(double[][] features, double[][] probabilities) {

        /** Index of the most probable class of image i. */
        public int predicted(int i) {
            double[] p = probabilities[i];
            int best = 0;
            for (int j = 1; j < p.length; j++) {
                if (p[j] > p[best]) {
                    best = j;
                }
            }
            return best;
        }
    }

    /** Features and probabilities of {@code n} images, in evaluation mode, {@value #BATCH} at a time. */
    public Output evaluate(int n, Images images) {
        double[][] f = new double[n][];
        double[][] p = new double[n][];
        Pass featurePass = features.newPass();
        Pass headPass = head.newPass();
        for (int from = 0; from < n; from += BATCH) {
            int count = Math.min(BATCH, n - from);
            INDArray x = Nd4j.create(DataType.FLOAT, shapeOf(count));
            images.fill(from, count, x);
            INDArray feat = featurePass.forward(x, false);
            double[][] batchFeatures = feat.castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] logits = headPass.forward(feat, false).castTo(DataType.DOUBLE).toDoubleMatrix();
            for (int i = 0; i < count; i++) {
                f[from + i] = batchFeatures[i];
                double[] probs = new double[classes];
                SoftmaxCrossEntropy.softmax(logits[i], 0, classes, probs, 0);
                p[from + i] = probs;
            }
        }
        return new Output(f, p);
    }

    /** {@code [count, sampleShape...]}. */
    long[] shapeOf(int count) {
        return Shapes.withBatch(count, sampleShape);
    }

    /** Writes the parameters (both networks) as counts and floats. */
    void writeParameters(DataOutputStream out) throws IOException {
        for (Sequential network : new Sequential[] {features, head}) {
            float[] values = network.parameters().values().toFloatVector();
            out.writeInt(values.length);
            for (float v : values) {
                out.writeFloat(v);
            }
        }
    }

    /** Reads what {@link #writeParameters} wrote; throws IOException when the sizes do not fit this architecture. */
    void readParameters(DataInputStream in) throws IOException {
        for (Sequential network : new Sequential[] {features, head}) {
            INDArray target = network.parameters().values();
            int length = in.readInt();
            if (length != target.length()) {
                throw new IOException("expected " + target.length() + " parameters, found " + length);
            }
            float[] values = new float[length];
            for (int i = 0; i < length; i++) {
                values[i] = in.readFloat();
            }
            target.assign(Nd4j.createFromArray(values).reshape(target.shape()));
        }
    }
}

package org.gan4j.core.metrics.classifier;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.Optimizer;
import org.gan4j.core.optim.AdamSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link Classifier} on a labelled dataset: a fixed held-out part (the first
 * {@link #heldOut} of a seeded permutation) measures the test accuracy, the rest is trained on for a
 * number of epochs with Adam (lr 1e-3, a fifth of it for the last third of the epochs), batches of {@value #BATCH}, softmax cross-entropy and random
 * shifts of up to {@value #SHIFT} pixels (the background, -1, fills in), all drawn from one seed.
 */
public final class ClassifierTraining {

    static final int BATCH = 64;
    static final int SHIFT = 2;
    static final double LEARNING_RATE = 1e-3;
    /** The learning rate is multiplied by this for the last third of the epochs. */
    static final double DECAY = 0.2;

    /** What training gave. */
    public record Result(double accuracy, int heldOut, int trained, double seconds) {
    }

    private ClassifierTraining() {
    }

    /** Held-out images for a dataset of n: a fifth, at most 10,000 (2,000 of MNIST's test split). */
    public static int heldOut(int n) {
        return Math.min(10_000, n / 5);
    }

    /**
     * Trains {@code classifier} in place.
     *
     * @param log one line per epoch
     */
    public static Result train(Classifier classifier, Dataset data, int epochs, long seed, PrintStream log) {
        long start = System.nanoTime();
        int n = data.size();
        int[] order = permutation(n, new Random(seed));
        int held = heldOut(n);
        int[] test = java.util.Arrays.copyOfRange(order, 0, held);
        int[] train = java.util.Arrays.copyOfRange(order, held, n);
        int classes = classifier.classes();
        Sequential features = classifier.features();
        Sequential head = classifier.head();
        features.reseed(seed);
        head.reseed(seed + 1);
        AdamSpec adam = new AdamSpec(LEARNING_RATE, 0.9, 0.999, 1e-8);
        Optimizer featureOptimizer = adam.create(features.parameters());
        Optimizer headOptimizer = adam.create(head.parameters());
        Sequential.SequentialPass featurePass = features.newPass();
        Sequential.SequentialPass headPass = head.newPass();
        Random random = new Random(seed ^ 0x5DEECE66DL);
        long[] shape = classifier.sampleShape();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (epoch == decayFrom(epochs)) {
                featureOptimizer.scaleLearningRate(DECAY);
                headOptimizer.scaleLearningRate(DECAY);
            }
            shuffle(train, random);
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < train.length; from += BATCH) {
                int count = Math.min(BATCH, train.length - from);
                INDArray x = Nd4j.create(DataType.FLOAT, classifier.shapeOf(count));
                data.fill(train, from, count, x);
                x = shifted(x, shape, count, random);
                int[] labels = new int[count];
                for (int i = 0; i < count; i++) {
                    labels[i] = data.label(train[from + i]);
                }
                features.parameters().zeroGradients();
                head.parameters().zeroGradients();
                INDArray f = featurePass.forward(x, true);
                INDArray logits = headPass.forward(f, true);
                double[] z = logits.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
                double[] g = new double[z.length];
                lossSum += SoftmaxCrossEntropy.lossAndGradient(z, labels, count, classes, g);
                batches++;
                INDArray gradient = Nd4j.createFromArray(g).reshape(count, classes).castTo(DataType.FLOAT);
                featurePass.backward(headPass.backward(gradient, true), true, false);
                featureOptimizer.step();
                headOptimizer.step();
            }
            log.printf(Locale.ROOT, "  classifier epoch %d/%d: training loss %.4f%n", epoch, epochs, lossSum / Math.max(1, batches));
        }
        double accuracy = accuracy(classifier, data, test);
        return new Result(accuracy, held, train.length, (System.nanoTime() - start) / 1e9);
    }

    /** The first epoch of the last third (none for fewer than 3 epochs). */
    static int decayFrom(int epochs) {
        return epochs < 3 ? Integer.MAX_VALUE : epochs - epochs / 3 + 1;
    }

    /** Fraction of {@code indices} whose most probable class is their label. */
    public static double accuracy(Classifier classifier, Dataset data, int[] indices) {
        if (indices.length == 0) {
            return Double.NaN;
        }
        Classifier.Output out = classifier.evaluate(indices.length, (from, count, x) -> data.fill(indices, from, count, x));
        int right = 0;
        for (int i = 0; i < indices.length; i++) {
            if (out.predicted(i) == data.label(indices[i])) {
                right++;
            }
        }
        return (double) right / indices.length;
    }

    /** Each image moved by its own random (dx, dy) in {@code [-SHIFT, SHIFT]²}, uncovered pixels -1. */
    static INDArray shifted(INDArray x, long[] shape, int count, Random random) {
        int channels = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        float[] in = x.reshape(-1).toFloatVector();
        float[] out = new float[in.length];
        java.util.Arrays.fill(out, -1f);
        int plane = h * w;
        for (int s = 0; s < count; s++) {
            int dx = random.nextInt(2 * SHIFT + 1) - SHIFT;
            int dy = random.nextInt(2 * SHIFT + 1) - SHIFT;
            for (int c = 0; c < channels; c++) {
                int base = (s * channels + c) * plane;
                for (int y = Math.max(0, dy); y < Math.min(h, h + dy); y++) {
                    int sy = y - dy;
                    for (int xx = Math.max(0, dx); xx < Math.min(w, w + dx); xx++) {
                        out[base + y * w + xx] = in[base + sy * w + xx - dx];
                    }
                }
            }
        }
        return Nd4j.createFromArray(out).reshape(x.shape());
    }

    /** A permutation of {@code 0 .. n-1} (Fisher-Yates). */
    static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, random);
        return p;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

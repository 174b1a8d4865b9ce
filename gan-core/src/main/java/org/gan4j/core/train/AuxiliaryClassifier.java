package org.gan4j.core.train;

import org.gan4j.api.spi.Discriminator;
import org.gan4j.core.metrics.classifier.SoftmaxCrossEntropy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * AC-GAN's auxiliary term (Odena et al. 2017) on one discriminator pass, kept apart from the
 * adversarial loss so that it composes with any {@link org.gan4j.api.spi.Loss}: a discriminator with
 * an auxiliary classifier outputs {@code [batch, 1 + K]}, its score then K class logits. The loss
 * sees the scores ({@link #scores}); this adds {@code weight} times the softmax cross-entropy of the
 * logits against the samples' classes ({@link #classify}: the real classes in the discriminator
 * step, the requested ones for generated samples in both steps), and puts both gradients into the
 * one gradient the pass back-propagates ({@link #gradient}): the loss's in column 0, the
 * cross-entropy's {@code weight (softmax - onehot) / batch} in the rest.
 *
 * <p>For a discriminator without the head every method passes its input through, so a plain run
 * computes exactly what it did before.
 */
final class AuxiliaryClassifier {

    private final int classes;
    private final double weight;
    private INDArray scores;
    private INDArray gradient;
    private double[] logitGradient;

    private AuxiliaryClassifier(int classes, double weight) {
        this.classes = classes;
        this.weight = weight;
    }

    /** The term for one pass of {@code discriminator}: active when it has an auxiliary classifier. */
    static AuxiliaryClassifier of(Discriminator discriminator, double weight) {
        return new AuxiliaryClassifier(discriminator.auxiliaryClasses(), weight);
    }

    /** The scores the loss reads: column 0 of {@code output} (a copy), or {@code output} itself without the head. */
    INDArray scores(INDArray output) {
        if (classes == 0) {
            return output;
        }
        long batch = output.size(0);
        if (scores == null || scores.size(0) != batch || scores.dataType() != output.dataType()) {
            scores = Nd4j.createUninitialized(output.dataType(), batch, 1);
        }
        return scores.assign(output.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1)));
    }

    /**
     * The weighted cross-entropy of the logits in {@code output} against {@code labels} (one-hot rows
     * {@code [batch, K]}), its gradient kept for {@link #gradient}; 0 without the head.
     */
    double classify(INDArray output, INDArray labels) {
        if (classes == 0) {
            return 0;
        }
        int batch = (int) output.size(0);
        double[] logits = output.get(logitColumns()).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        INDArray targets = Nd4j.argMax(labels, 1);
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = targets.getInt(i);
        }
        logitGradient = new double[batch * classes];
        double value = SoftmaxCrossEntropy.lossAndGradient(logits, y, batch, classes, logitGradient);
        return weight * value;
    }

    /**
     * The gradient to back-propagate through the pass: {@code scoreGradient} (the loss's, {@code [batch, 1]})
     * with the last {@link #classify}'s gradient beside it, or {@code scoreGradient} itself without the head.
     */
    INDArray gradient(INDArray scoreGradient) {
        if (classes == 0) {
            return scoreGradient;
        }
        long batch = scoreGradient.size(0);
        if (gradient == null || gradient.size(0) != batch || gradient.dataType() != scoreGradient.dataType()) {
            gradient = Nd4j.createUninitialized(scoreGradient.dataType(), batch, 1 + classes);
        }
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1)).assign(scoreGradient);
        gradient.get(logitColumns()).assign(Nd4j.createFromArray(logitGradient).reshape(batch, classes)
                .muli(weight).castTo(gradient.dataType()));
        return gradient;
    }

    private INDArrayIndex[] logitColumns() {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + classes)};
    }
}

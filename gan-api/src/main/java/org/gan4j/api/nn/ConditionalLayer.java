package org.gan4j.api.nn;

/**
 * A layer that reads the network's condition beside its input: a {@code [batch, conditionSize()]}
 * array of one-hot class labels or 0/1 attributes. Its passes compute in
 * {@link Pass#forward(org.nd4j.linalg.api.ndarray.INDArray, org.nd4j.linalg.api.ndarray.INDArray, boolean)}
 * and refuse the forward without a condition; a {@link Sequential} holding one is a conditional
 * network ({@link Network#conditionSize()}) and hands every such layer the condition it is given.
 * Built-in ones: {@link ConditionConcat} (a label embedding joined to the input),
 * {@link ConditionalScaleShift} (conditional batch normalisation's per-class scale and shift) and
 * {@link Projection} (the projection discriminator's output).
 */
public interface ConditionalLayer extends Layer {

    /** The width of the condition rows the layer reads: the number of classes or attributes. */
    int conditionSize();
}

package org.gan4j.api.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss value with its gradients with respect to the discriminator's scores.
 *
 * @param value        the loss, a mean over the batch
 * @param realGradient dValue/dRealScores, shaped like the real scores; {@code null} for a generator loss
 * @param fakeGradient dValue/dFakeScores, shaped like the fake scores
 */
public record LossResult(double value, INDArray realGradient, INDArray fakeGradient) {
}

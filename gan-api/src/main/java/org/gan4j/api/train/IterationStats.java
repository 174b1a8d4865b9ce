package org.gan4j.api.train;

/**
 * What one training iteration measured. Losses, mean outputs and gradient norms are those of the
 * iteration's last discriminator step and last generator step (NaN when the iteration had none);
 * gradient norms are L2 norms of the flat gradients before the optimizer step.
 *
 * @param iteration     1-based number of this iteration (iterations completed so far)
 * @param epoch         1-based epoch the iteration belongs to
 * @param dLoss         discriminator loss
 * @param gLoss         generator loss
 * @param dReal         mean D(x) on the real batch, as {@link org.gan4j.api.spi.Loss#meanOutput} reports it
 * @param dFake         mean D(G(z)) on the generated batch of the discriminator step
 * @param gGradNorm     L2 norm of the generator's gradient
 * @param dGradNorm     L2 norm of the discriminator's gradient
 * @param seconds       wall time of the iteration (not deterministic, kept out of metrics.csv)
 * @param realSamples   real samples the iteration consumed (batch size times discriminator steps)
 */
public record IterationStats(long iteration, int epoch, double dLoss, double gLoss, double dReal, double dFake,
                             double gGradNorm, double dGradNorm, double seconds, long realSamples) {

    /** Real samples per second of wall time, 0 when the time is 0. */
    public double samplesPerSecond() {
        return seconds > 0 ? realSamples / seconds : 0;
    }
}

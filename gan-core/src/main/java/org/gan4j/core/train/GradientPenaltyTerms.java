package org.gan4j.core.train;

import java.util.List;
import java.util.Optional;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.GradientPenalty;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.nn.Pass;
import org.gan4j.api.nn.kernel.CachedOp;
import org.gan4j.api.nn.kernel.HeapArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A discriminator step's gradient penalties ({@link Loss#gradientPenalties()}): for each one due at
 * this step, the input gradient {@code g} of the discriminator at the penalty's samples (a first
 * backward of ones: each sample's score depends on that sample only), the penalty's value and
 * {@code ∂value/∂g}, and {@link Pass#doubleBackward} of that into the discriminator's parameter
 * gradients, on top of the loss's own. A penalty at real or generated samples reuses that batch's
 * pass (its forward is the loss's); interpolates get a pass of their own.
 *
 * <p>A conditional discriminator scores interpolates with the real batch's labels (each interpolate
 * lies between a real sample and a generated one; the real sample's label is the one it has); an
 * AC-GAN discriminator's input gradient is that of its score alone (column 0), not of its class logits.
 */
final class GradientPenaltyTerms {

    /** Checks that a penalty's value is finite, naming it. */
    interface Check {
        void finite(String quantity, double value);
    }

    private final List<GradientPenalty> penalties;
    private final Discriminator discriminator;
    /** Columns of the discriminator's output: the score, then any auxiliary class logits. */
    private final int outputColumns;
    private Pass interpolatesPass;
    private INDArray ones;
    private INDArray epsilon;
    private INDArray interpolates;
    /** ∂value/∂g of the penalty being applied, overwritten by each. */
    private INDArray gradient;
    private final CachedOp uniform = new CachedOp();
    private float[] heapReal;
    private float[] heapFake;
    private float[] heapEpsilon;

    private GradientPenaltyTerms(List<GradientPenalty> penalties, Discriminator discriminator) {
        this.penalties = List.copyOf(penalties);
        this.discriminator = discriminator;
        this.outputColumns = 1 + discriminator.auxiliaryClasses();
    }

    /**
     * The loss's penalties for {@code discriminator}; refused (bad input: exit code 2) when the
     * discriminator cannot do double back-propagation.
     */
    static GradientPenaltyTerms of(Loss loss, Discriminator discriminator) {
        List<GradientPenalty> penalties = loss.gradientPenalties();
        if (!penalties.isEmpty()) {
            Optional<String> refusal = discriminator.doubleBackwardRefusal();
            if (refusal.isPresent()) {
                throw Gan4jException.badInput("discriminator: the loss's gradient penalty "
                        + String.join(", ", penalties.stream().map(GradientPenalty::toString).toList())
                        + " needs the discriminator's input gradient per sample and its derivative (double back-propagation), "
                        + "but the discriminator cannot: " + refusal.get() + ". Change the discriminator, or use a loss "
                        + "without a gradient penalty (and no loss.r1 / loss.r2).");
            }
        }
        return new GradientPenaltyTerms(penalties, discriminator);
    }

    boolean isEmpty() {
        return penalties.isEmpty();
    }

    /**
     * Adds the penalties due at the discriminator update numbered {@code step} (0 for the first)
     * into the discriminator's gradients.
     *
     * @param real          the step's real batch, on {@code realPass} (forward done)
     * @param realCondition what the discriminator read beside {@code real} (its labels), or null
     * @param fake          the step's generated batch, on {@code fakePass} (forward done)
     * @param random  draws the interpolation factors
     * @return the sum of their values, each times its interval
     */
    double apply(long step, INDArray real, INDArray realCondition, Pass realPass, INDArray fake, Pass fakePass, Random random,
                 Check check) {
        double total = 0;
        for (GradientPenalty penalty : penalties) {
            int interval = penalty.interval();
            if (step % interval != 0) {
                continue;
            }
            Pass pass = switch (penalty.samples()) {
                case REAL -> realPass;
                case FAKE -> fakePass;
                case INTERPOLATES -> interpolate(real, realCondition, fake, random);
            };
            long batch = penalty.samples() == GradientPenalty.Samples.FAKE ? fake.size(0) : real.size(0);
            if (ones == null || ones.size(0) != batch || ones.dataType() != real.dataType()) {
                ones = Nd4j.zeros(real.dataType(), batch, outputColumns);
                ones.getColumn(0).assign(1);
            }
            INDArray g = pass.backward(ones, false, true);
            if (gradient == null || !java.util.Arrays.equals(gradient.shape(), g.shape()) || gradient.dataType() != g.dataType()) {
                gradient = Nd4j.createUninitialized(g.dataType(), g.shape());
            }
            double value = penalty.evaluate(g, gradient);
            check.finite("gradient penalty " + penalty.name(), value);
            if (interval != 1) {
                gradient.muli(interval);
            }
            pass.doubleBackward(gradient, true, false);
            total += value * interval;
        }
        return total;
    }

    /** {@code x̂ = G(z) + ε (x - G(z))}, {@code ε} uniform per sample, scored on the penalty's own pass. */
    private Pass interpolate(INDArray real, INDArray realCondition, INDArray fake, Random random) {
        if (real.size(0) != fake.size(0)) {
            throw new IllegalStateException("interpolates need real and generated batches of one size, got "
                    + real.size(0) + " and " + fake.size(0));
        }
        long batch = real.size(0);
        if (interpolates == null || !java.util.Arrays.equals(interpolates.shape(), real.shape()) || interpolates.dataType() != real.dataType()) {
            interpolates = Nd4j.createUninitialized(real.dataType(), real.shape());
            epsilon = Nd4j.createUninitialized(real.dataType(), batch, 1);
        }
        INDArray e = epsilon;
        uniform.exec(() -> new UniformDistribution(e, 0.0, 1.0), random, e);
        if (HeapArrays.fit(real, fake, interpolates)) {
            // One loop over heap copies: the four native ops below cost ~0.5 ms on a 64x784 batch.
            float[] x = heapReal = HeapArrays.read(real, heapReal);
            float[] f = heapFake = HeapArrays.read(fake, heapFake);
            float[] eps = heapEpsilon = HeapArrays.read(epsilon, heapEpsilon);
            int perSample = (int) (real.length() / batch);
            for (int i = 0; i < batch; i++) {
                float ei = eps[i];
                for (int j = i * perSample; j < (i + 1) * perSample; j++) {
                    x[j] = (x[j] - f[j]) * ei + f[j];
                }
            }
            HeapArrays.write(x, interpolates);
        } else {
            INDArray rows = interpolates.reshape('c', batch, interpolates.length() / batch);
            rows.assign(real.reshape('c', batch, rows.size(1))).subi(fake.reshape('c', batch, rows.size(1)))
                    .muliColumnVector(epsilon).addi(fake.reshape('c', batch, rows.size(1)));
        }
        if (interpolatesPass == null) {
            interpolatesPass = discriminator.newPass();
        }
        interpolatesPass.forward(interpolates, realCondition, true);
        return interpolatesPass;
    }
}

package org.gan4j.core.train;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.nn.kernel.Norms;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stops training at the first NaN or infinite number: a loss or gradient norm (checked at every
 * step), or a parameter norm (checked before each checkpoint and at the end, so that no checkpoint
 * and no final weights hold one; per step it would cost as much as the gradient norm, and
 * non-finite parameters show up as a non-finite loss in the next iteration anyway). It throws a
 * {@link Gan4jException} with exit code {@link Gan4jException#DIVERGED} naming the iteration, the
 * quantity and the last good checkpoint.
 *
 * <p>A non-finite loss is traced to the component whose output went non-finite first: the
 * generator's samples, the discriminator's scores, or the loss itself (finite scores in, a
 * non-finite value or gradient out), named by {@link Components}; the gradient norms likewise to the
 * loss's gradient when that is where it started.
 */
final class DivergenceGuard {

    private final Generator generator;
    private final Discriminator discriminator;
    private final Loss loss;
    private final Components names;
    private final Supplier<Path> lastCheckpoint;

    /**
     * @param names          how messages name the parts
     * @param lastCheckpoint the newest checkpoint written or resumed from, or null: named in the message
     */
    DivergenceGuard(Generator generator, Discriminator discriminator, Loss loss, Components names, Supplier<Path> lastCheckpoint) {
        this.generator = generator;
        this.discriminator = discriminator;
        this.loss = loss;
        this.names = names;
        this.lastCheckpoint = lastCheckpoint;
    }

    /**
     * Checks a loss value of the {@code step} ("discriminator" or "generator"); when it is not finite,
     * says whose output went non-finite: the generator's samples {@code fake}, the discriminator's
     * scores, or (both finite) the loss. {@code realScores} may be null (a generator step that reads none).
     */
    void checkLoss(long iteration, int epoch, String step, LossResult r, INDArray realScores, INDArray fakeScores, INDArray fake) {
        String quantity = step + " loss";
        if (Double.isFinite(r.value())) {
            return;
        }
        String cause;
        if (!finite(fake)) {
            cause = "the generator's output: " + names.generator() + " produced non-finite samples";
        } else if (!finite(fakeScores) || (realScores != null && !finite(realScores))) {
            cause = "the discriminator's output: " + names.discriminator() + " gave non-finite scores to "
                    + (!finite(fakeScores) ? "generated" : "real") + " samples";
        } else {
            cause = "the loss: " + names.loss() + " returned " + r.value() + " for finite scores";
        }
        fail(iteration, epoch, quantity, r.value(), cause);
    }

    /**
     * Checks a network's gradient norm after back-propagating the loss's gradients {@code r}; when it
     * is not finite and the loss's gradient already was, names the loss.
     */
    void checkGradientNorm(long iteration, int epoch, String network, double norm, LossResult r) {
        if (Double.isFinite(norm)) {
            return;
        }
        boolean lossGradient = !finite(r.fakeGradient()) || (r.realGradient() != null && !finite(r.realGradient()));
        fail(iteration, epoch, network + " gradient norm", norm, lossGradient
                ? "the loss: " + names.loss() + " returned a non-finite gradient for finite scores"
                : "back-propagation through " + (network.equals("generator") ? names.discriminator() + " and " + names.generator()
                : names.discriminator()));
    }

    private static boolean finite(INDArray a) {
        return a == null || Double.isFinite(Norms.euclidean(a));
    }

    private void fail(long iteration, int epoch, String quantity, double value, String cause) {
        Path last = lastCheckpoint.get();
        String kept = last == null ? "No checkpoint was written before it."
                : "The last good checkpoint, " + last + ", is kept; gan4j train --resume continues from it.";
        throw new Gan4jException(Gan4jException.DIVERGED, String.format(Locale.ROOT,
                "Training diverged at iteration %d (epoch %d): the %s is %s, from %s. %s Try a lower learning rate, a "
                        + "different loss or a different seed.",
                iteration, epoch, quantity, value, cause, kept), null);
    }

    /** Throws when {@code value}, the {@code quantity} of 1-based iteration {@code iteration}, is not finite. */
    void check(long iteration, int epoch, String quantity, double value) {
        if (!Double.isFinite(value)) {
            Path last = lastCheckpoint.get();
            String kept = last == null ? "No checkpoint was written before it."
                    : "The last good checkpoint, " + last + ", is kept; gan4j train --resume continues from it.";
            throw new Gan4jException(Gan4jException.DIVERGED, String.format(Locale.ROOT,
                    "Training diverged at iteration %d (epoch %d): the %s is %s. %s Try a lower learning rate, a "
                            + "different loss or a different seed.",
                    iteration, epoch, quantity, value, kept), null);
        }
    }

    /** Throws when either network's parameters hold a non-finite value, after {@code p.iteration} iterations. */
    void checkParameters(Progress p) {
        check(p.iteration, p.epoch, "generator parameter norm", Norms.euclidean(generator.parameters().values()));
        check(p.iteration, p.epoch, "discriminator parameter norm", Norms.euclidean(discriminator.parameters().values()));
    }
}

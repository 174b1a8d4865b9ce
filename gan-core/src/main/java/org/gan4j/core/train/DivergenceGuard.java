package org.gan4j.core.train;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.nn.kernel.Norms;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;

/**
 * Stops training at the first NaN or infinite number: a loss or gradient norm (checked at every
 * step), or a parameter norm (checked before each checkpoint and at the end, so that no checkpoint
 * and no final weights hold one; per step it would cost as much as the gradient norm, and
 * non-finite parameters show up as a non-finite loss in the next iteration anyway). It throws a
 * {@link Gan4jException} with exit code {@link Gan4jException#DIVERGED} naming the iteration, the
 * quantity and the last good checkpoint.
 */
final class DivergenceGuard {

    private final Generator generator;
    private final Discriminator discriminator;
    private final Supplier<Path> lastCheckpoint;

    /**
     * @param lastCheckpoint the newest checkpoint written or resumed from, or null: named in the message
     */
    DivergenceGuard(Generator generator, Discriminator discriminator, Supplier<Path> lastCheckpoint) {
        this.generator = generator;
        this.discriminator = discriminator;
        this.lastCheckpoint = lastCheckpoint;
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

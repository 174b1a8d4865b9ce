package org.gan4j.api.spi;

import org.gan4j.api.nn.Network;

/**
 * A discriminator (or critic): maps samples shaped like the data to one raw score per sample,
 * {@code [batch, 1]}. It applies no sigmoid: the {@link Loss} decides how scores are read
 * (logits for the cross-entropy losses, unbounded critic values for Wasserstein).
 *
 * <p>A conditional discriminator reads the samples' condition beside them
 * ({@link Network#conditionSize()}); an AC-GAN discriminator (Odena et al. 2017) also classifies the
 * samples it scores: its output is {@code [batch, 1 + auxiliaryClasses()]}, the score then one logit
 * per class, and the trainer adds the classifier's cross-entropy to both networks' losses.
 */
public interface Discriminator extends Network {

    /**
     * Class logits the discriminator outputs after its score, an auxiliary classifier head
     * (AC-GAN); 0, the default, for a discriminator that outputs only its score.
     */
    default int auxiliaryClasses() {
        return 0;
    }

    /** {@code network} (e.g. a {@link org.gan4j.api.nn.Sequential}) as a discriminator; its output shape must be {@code [1]}. */
    static Discriminator of(Network network) {
        return Networks.discriminator(network, 0);
    }

    /**
     * {@code network} as a discriminator with an auxiliary classifier over {@code classes} classes:
     * its output shape must be {@code [1 + classes]}, the score first.
     */
    static Discriminator withAuxiliaryClassifier(Network network, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("an auxiliary classifier needs at least 2 classes, got " + classes);
        }
        return Networks.discriminator(network, classes);
    }
}

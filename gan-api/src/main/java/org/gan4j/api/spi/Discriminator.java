package org.gan4j.api.spi;

import org.gan4j.api.nn.Network;

/**
 * A discriminator (or critic): maps samples shaped like the data to one raw score per sample,
 * {@code [batch, 1]}. It applies no sigmoid: the {@link Loss} decides how scores are read
 * (logits for the cross-entropy losses, unbounded critic values for Wasserstein).
 */
public interface Discriminator extends Network {

    /** {@code network} (e.g. a {@link org.gan4j.api.nn.Sequential}) as a discriminator; its output shape must be {@code [1]}. */
    static Discriminator of(Network network) {
        return Networks.discriminator(network);
    }
}

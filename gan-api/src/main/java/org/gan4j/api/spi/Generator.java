package org.gan4j.api.spi;

import org.gan4j.api.nn.Network;

/**
 * A generator network: maps latent noise {@code [batch, inputShape()...]} to samples shaped like
 * the data, {@code [batch, outputShape()...]}. Images come out in [-1, 1].
 */
public interface Generator extends Network {

    /** The distribution the trainer draws the generator's latent input from. */
    LatentNoise noise();
}

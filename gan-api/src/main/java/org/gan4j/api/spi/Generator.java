package org.gan4j.api.spi;

import org.gan4j.api.nn.Network;

/**
 * A generator network: maps latent noise {@code [batch, inputShape()...]} to samples shaped like
 * the data, {@code [batch, outputShape()...]}. Images come out in [-1, 1].
 */
public interface Generator extends Network {

    /** The distribution the trainer draws the generator's latent input from. */
    LatentNoise noise();

    /** {@code network} (e.g. a {@link org.gan4j.api.nn.Sequential}) as a generator whose latent input is drawn from {@code noise}. */
    static Generator of(Network network, LatentNoise noise) {
        return Networks.generator(network, noise);
    }

    /**
     * The network {@code generator} runs: for one made with {@link #of}, the network given there
     * (e.g. a {@link org.gan4j.api.nn.Sequential}, whose layers an exporter reads); otherwise the
     * generator itself.
     */
    static Network underlying(Generator generator) {
        return Networks.unwrap(generator);
    }
}

package org.gan4j.api.spi;

import java.util.Arrays;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.nn.Pass;

/** The adapters behind {@link Generator#of} and {@link Discriminator#of}. */
final class Networks {

    private Networks() {
    }

    /** {@code network} as a generator whose latent input is drawn from {@code noise}. */
    static Generator generator(Network network, LatentNoise noise) {
        java.util.Objects.requireNonNull(noise, "noise");
        return new AsGenerator(network, noise);
    }

    /**
     * {@code network} as a discriminator; its output shape must be {@code [1]} (one raw score), or
     * {@code [1 + auxiliaryClasses]} with an auxiliary classifier.
     */
    static Discriminator discriminator(Network network, int auxiliaryClasses) {
        if (!Arrays.equals(network.outputShape(), new long[] {1L + auxiliaryClasses})) {
            throw new IllegalArgumentException(auxiliaryClasses == 0
                    ? "a discriminator must output one score per sample, [1], not " + Arrays.toString(network.outputShape())
                    : "a discriminator with an auxiliary classifier over " + auxiliaryClasses + " classes must output [1 + "
                            + auxiliaryClasses + "] per sample (the score, then the class logits), not "
                            + Arrays.toString(network.outputShape()));
        }
        return new AsDiscriminator(network, auxiliaryClasses);
    }

    /** The network a {@link #generator} or {@link #discriminator} adapter wraps, or {@code network} itself. */
    static Network unwrap(Network network) {
        return network instanceof Delegating d ? d.network : network;
    }

    private abstract static class Delegating implements Network {
        final Network network;

        Delegating(Network network) {
            this.network = java.util.Objects.requireNonNull(network, "network");
        }

        @Override
        public long[] inputShape() {
            return network.inputShape();
        }

        @Override
        public long[] outputShape() {
            return network.outputShape();
        }

        @Override
        public Parameters parameters() {
            return network.parameters();
        }

        @Override
        public Pass newPass() {
            return network.newPass();
        }

        @Override
        public int conditionSize() {
            return network.conditionSize();
        }

        @Override
        public void reseed(long seed) {
            network.reseed(seed);
        }

        @Override
        public java.util.Optional<String> doubleBackwardRefusal() {
            return network.doubleBackwardRefusal();
        }
    }

    private static final class AsGenerator extends Delegating implements Generator {
        private final LatentNoise noise;

        AsGenerator(Network network, LatentNoise noise) {
            super(network);
            this.noise = noise;
        }

        @Override
        public LatentNoise noise() {
            return noise;
        }
    }

    private static final class AsDiscriminator extends Delegating implements Discriminator {
        private final int auxiliaryClasses;

        AsDiscriminator(Network network, int auxiliaryClasses) {
            super(network);
            this.auxiliaryClasses = auxiliaryClasses;
        }

        @Override
        public int auxiliaryClasses() {
            return auxiliaryClasses;
        }
    }
}

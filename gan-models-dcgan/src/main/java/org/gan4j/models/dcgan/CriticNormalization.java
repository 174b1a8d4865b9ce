package org.gan4j.models.dcgan;

import java.util.List;
import java.util.Optional;
import org.gan4j.api.nn.BatchNorm2d;
import org.gan4j.api.nn.LayerNorm;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.nn.Pass;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Discriminator;

/**
 * The {@code normalization} setting of the dcgan and infogan discriminators: what follows each
 * hidden layer ({@code batch} norm, {@code layer} norm or {@code none}), and, with batch norm, a
 * refusal of double back-propagation that names the setting which fixes it (a gradient penalty is
 * per sample; batch norm mixes the samples of a batch).
 */
final class CriticNormalization {

    static final String BATCH = "batch";
    static final String LAYER = "layer";
    static final String NONE = "none";
    private static final List<String> VALUES = List.of(BATCH, LAYER, NONE);

    private CriticNormalization() {
    }

    /** Throws when {@code normalization} is not one of the values. */
    static void check(String normalization) {
        if (!VALUES.contains(normalization)) {
            throw new IllegalArgumentException("normalization must be one of " + String.join(", ", VALUES) + ", got '"
                    + normalization + "'");
        }
    }

    /** Adds the normalisation layer after a hidden layer whose output has channels first ({@code none}: nothing). */
    static Sequential.Builder add(Sequential.Builder b, String normalization) {
        if (BATCH.equals(normalization)) {
            b.add(BatchNorm2d::new);
        } else if (LAYER.equals(normalization)) {
            b.add(LayerNorm::new);
        }
        return b;
    }

    /** {@code d}, refusing double back-propagation with batch norm in the words of the {@code model}'s setting. */
    static Discriminator wrap(Discriminator d, String normalization, String model) {
        return BATCH.equals(normalization) ? new BatchNormCritic(d, model) : d;
    }

    /** A discriminator with batch norm: refuses double back-propagation naming the setting that fixes it. */
    private record BatchNormCritic(Discriminator network, String model) implements Discriminator {
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
        public void reseed(long seed) {
            network.reseed(seed);
        }

        @Override
        public int conditionSize() {
            return network.conditionSize();
        }

        @Override
        public int auxiliaryClasses() {
            return network.auxiliaryClasses();
        }

        @Override
        public Optional<String> doubleBackwardRefusal() {
            return Optional.of("the " + model + " discriminator has batch norm after its hidden layers "
                    + "(discriminator.normalization: batch, the default), which mixes the samples of a batch, so a per-sample "
                    + "gradient penalty is not defined through it; set discriminator.normalization: layer or none");
        }
    }
}

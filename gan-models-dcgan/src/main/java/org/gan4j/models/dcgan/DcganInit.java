package org.gan4j.models.dcgan;

import org.gan4j.api.nn.BatchNorm2d;
import org.gan4j.api.nn.Conv2d;
import org.gan4j.api.nn.ConvTranspose2d;
import org.gan4j.api.nn.Dense;
import org.gan4j.api.nn.Layer;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.nn.SpectralNorm;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DCGAN paper's initialisation (the PyTorch tutorial's {@code weights_init}): convolution weights
 * N(0, 0.02), batch-norm scale N(1, 0.02) and shift 0, replacing the layers' PyTorch-default values.
 * Dense weights (the InfoGAN-style networks) get N(0, 0.02) too, and all biases 0, as in Lucic et
 * al.'s code. A spectrally normalised layer gets the same draw for its raw weight, and a zero bias.
 */
final class DcganInit {

    static final double STD = 0.02;

    /** Mixed into the model seed so these draws differ from the layers' default ones. */
    private static final long SEED_MIX = 0x5DEECE66DL;

    private DcganInit() {
    }

    static Sequential apply(Sequential network, long seed) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed ^ SEED_MIX);
        for (Layer layer : network.layers()) {
            if (layer instanceof SpectralNorm sn) {
                normal(sn.weight().value(), 0, random);
                zero(sn.slot("bias"));
            } else if (layer instanceof Conv2d conv) {
                normal(conv.weight().value(), 0, random);
                zero(conv.bias());
            } else if (layer instanceof ConvTranspose2d deconv) {
                normal(deconv.weight().value(), 0, random);
                zero(deconv.bias());
            } else if (layer instanceof Dense dense) {
                normal(dense.weight().value(), 0, random);
                dense.bias().value().assign(0);
            } else if (layer instanceof BatchNorm2d bn) {
                normal(bn.gamma().value(), 1, random);
                bn.beta().value().assign(0);
            }
        }
        return network;
    }

    private static void zero(Parameters.Slot bias) {
        if (bias != null) {
            bias.value().assign(0);
        }
    }

    private static void normal(org.nd4j.linalg.api.ndarray.INDArray values, double mean, Random random) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(values, mean, STD), random);
    }
}

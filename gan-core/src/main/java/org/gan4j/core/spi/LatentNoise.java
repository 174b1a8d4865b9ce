package org.gan4j.core.spi;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** The distribution of a generator's latent input. */
public enum LatentNoise {
    /** Uniform on [-1, 1), as in the MLP tutorials. */
    UNIFORM,
    /** Standard normal, as in DCGAN. */
    NORMAL;

    /** Fills {@code out} in place with draws from this distribution using {@code rng}. */
    public void sample(INDArray out, Random rng) {
        switch (this) {
            case UNIFORM -> Nd4j.getExecutioner().exec(new UniformDistribution(out, -1.0, 1.0), rng);
            case NORMAL -> Nd4j.getExecutioner().exec(new GaussianDistribution(out, 0.0, 1.0), rng);
            default -> throw new AssertionError(this);
        }
    }
}

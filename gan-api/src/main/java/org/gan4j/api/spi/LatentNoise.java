package org.gan4j.api.spi;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
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

    /** The name used in config files: {@code uniform} or {@code normal}. */
    @JsonValue
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a config name, case-insensitively. */
    @JsonCreator
    public static LatentNoise fromConfigName(String name) {
        for (LatentNoise n : values()) {
            if (n.name().equalsIgnoreCase(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("noise must be one of " + Arrays.toString(
                Arrays.stream(values()).map(LatentNoise::configName).toArray()) + ", got '" + name + "'");
    }

    /** Fills {@code out} in place with draws from this distribution using {@code rng}. */
    public void sample(INDArray out, Random rng) {
        switch (this) {
            case UNIFORM -> Nd4j.getExecutioner().exec(new UniformDistribution(out, -1.0, 1.0), rng);
            case NORMAL -> Nd4j.getExecutioner().exec(new GaussianDistribution(out, 0.0, 1.0), rng);
            default -> throw new AssertionError(this);
        }
    }
}

package org.gan4j.models.dcgan;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.function.Function;
import org.gan4j.api.Checks;
import org.gan4j.api.nn.Conv2d;
import org.gan4j.api.nn.Dense;
import org.gan4j.api.nn.Layer;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.ModelContext;

/**
 * The discriminator of InfoGAN's MNIST experiments (Chen et al. 2016; Lucic et al. 2018), without
 * the Q head: a 4x4 convolution (stride 2) to {@code ndf} maps with LeakyReLU, one to {@code 2 ndf}
 * maps with batch norm and LeakyReLU, a dense layer to {@code dense} units with batch norm and
 * LeakyReLU, and a dense layer to one raw score. Weights N(0, 0.02), biases 0, batch-norm scale
 * N(1, 0.02).
 *
 * <p>For a critic with a gradient penalty, {@code normalization: layer} puts layer normalisation
 * where batch norm was and {@code none} leaves it out, as for {@code dcgan}; {@code spectralNorm}
 * spectrally normalises both convolutions and both dense layers.
 *
 * @param ndf           feature maps of the first convolution; the second has twice as many
 * @param dense         units of the hidden dense layer; 0 leaves the layer out
 * @param leakySlope    LeakyReLU slope for negative inputs
 * @param normalization {@code batch}, {@code layer} or {@code none}
 * @param spectralNorm  whether every convolution and dense layer is spectrally normalised
 */
@JsonClassDescription("InfoGAN's MNIST discriminator (as in Lucic et al. 2018): two strided 4x4 convolutions and a dense layer with batch norm (or layer norm, or none) and LeakyReLU, one raw score")
public record InfoganDiscriminatorSpec(
        @JsonProperty("ndf") @JsonPropertyDescription("feature maps of the first convolution (the second has twice as many)")
        int ndf,
        @JsonProperty("dense") @JsonPropertyDescription("units of the hidden dense layer; 0 leaves it out (the maps go straight to the score)")
        int dense,
        @JsonProperty("leakySlope") @JsonPropertyDescription("LeakyReLU slope for negative inputs, in [0, 1)")
        double leakySlope,
        @JsonProperty("normalization") @JsonPropertyDescription("after the second convolution and the hidden dense layer: batch "
                + "(default), layer or none; a critic with a gradient penalty needs layer or none")
        String normalization,
        @JsonProperty("spectralNorm") @JsonPropertyDescription("spectrally normalise every convolution and dense layer (SNGAN)")
        boolean spectralNorm) implements DiscriminatorSpec {

    public InfoganDiscriminatorSpec {
        Checks.positive("ndf", ndf);
        Checks.nonNegative("dense", dense);
        Checks.inHalfOpenRange("leakySlope", leakySlope, 0, 1);
        CriticNormalization.check(normalization);
    }

    @JsonCreator
    public InfoganDiscriminatorSpec(
            @JsonProperty("ndf") Integer ndf,
            @JsonProperty("dense") Integer dense,
            @JsonProperty("leakySlope") Double leakySlope,
            @JsonProperty("normalization") String normalization,
            @JsonProperty("spectralNorm") Boolean spectralNorm) {
        this(ndf == null ? 64 : (int) ndf, dense == null ? 1024 : (int) dense, leakySlope == null ? 0.2 : (double) leakySlope,
                normalization == null ? CriticNormalization.BATCH : normalization, spectralNorm != null && spectralNorm);
    }

    /** With batch norm and no spectral normalisation; {@code null}s take their defaults. */
    public InfoganDiscriminatorSpec(Integer ndf, Integer dense, Double leakySlope) {
        this(ndf, dense, leakySlope, null, null);
    }

    /** All defaults: ndf 64, 1024 dense units, slope 0.2 (the paper's), batch norm, no spectral norm. */
    public static InfoganDiscriminatorSpec defaults() {
        return new InfoganDiscriminatorSpec(null, null, null);
    }

    @Override
    public Discriminator build(ModelContext context) {
        return CriticNormalization.wrap(Discriminator.of(network(context)), normalization, "infogan");
    }

    /** The discriminator as a {@link Sequential}, initialised. */
    Sequential network(ModelContext context) {
        long[] image = InfoganShapes.resolve("discriminator", context);
        Sequential.Builder b = Sequential.builder(image);
        weighted(b, in -> new Conv2d(in, ndf, 4, 2, 1, true)).leakyRelu(leakySlope);
        CriticNormalization.add(weighted(b, in -> new Conv2d(in, 2L * ndf, 4, 2, 1)), normalization).leakyRelu(leakySlope).flatten();
        if (dense > 0) {
            // the dense layer's units as 1x1 maps: batch norm per unit over the batch, layer norm over the units
            weighted(b, in -> new Dense(in, dense)).reshape(dense, 1, 1);
            CriticNormalization.add(b, normalization).leakyRelu(leakySlope).flatten();
        }
        weighted(b, in -> new Dense(in, 1));
        return DcganInit.apply(b.build(context.dataType(), context.seed()), context.seed());
    }

    private Sequential.Builder weighted(Sequential.Builder b, Function<long[], Layer> factory) {
        return spectralNorm ? b.spectralNorm(factory) : b.add(factory);
    }
}

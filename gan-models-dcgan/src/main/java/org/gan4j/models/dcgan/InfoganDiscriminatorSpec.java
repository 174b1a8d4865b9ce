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
 * @param condition     {@code none}; {@code concat}: {@code embedding} image-sized maps embedding the label
 *                      joined to the image as extra channels; {@code projection}: the last dense layer
 *                      replaced by a projection discriminator's score (Miyato and Koyama 2018) on the
 *                      same features; {@code auxiliary}: the last dense layer outputs the score and one
 *                      logit per class (AC-GAN, Odena et al. 2017)
 * @param embedding     label maps joined to the image (condition: concat)
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
        boolean spectralNorm,
        @JsonProperty("condition") @JsonPropertyDescription("labels: none, concat (label maps as extra channels), projection, or auxiliary (AC-GAN classifier)")
        String condition,
        @JsonProperty("embedding") @JsonPropertyDescription("image-sized label maps joined to the image as channels (condition: concat)")
        int embedding) implements DiscriminatorSpec {

    public InfoganDiscriminatorSpec {
        Checks.positive("ndf", ndf);
        Checks.nonNegative("dense", dense);
        Checks.inHalfOpenRange("leakySlope", leakySlope, 0, 1);
        CriticNormalization.check(normalization);
        condition = DcganShapes.condition(condition, DcganShapes.DISCRIMINATOR_CONDITIONS);
        Checks.positive("embedding", embedding);
    }

    @JsonCreator
    public InfoganDiscriminatorSpec(
            @JsonProperty("ndf") Integer ndf,
            @JsonProperty("dense") Integer dense,
            @JsonProperty("leakySlope") Double leakySlope,
            @JsonProperty("normalization") String normalization,
            @JsonProperty("spectralNorm") Boolean spectralNorm,
            @JsonProperty("condition") String condition,
            @JsonProperty("embedding") Integer embedding) {
        this(ndf == null ? 64 : (int) ndf, dense == null ? 1024 : (int) dense, leakySlope == null ? 0.2 : (double) leakySlope,
                normalization == null ? CriticNormalization.BATCH : normalization, spectralNorm != null && spectralNorm,
                condition, embedding == null ? 1 : (int) embedding);
    }

    /** Unconditional; {@code null}s take their defaults. */
    public InfoganDiscriminatorSpec(Integer ndf, Integer dense, Double leakySlope, String normalization, Boolean spectralNorm) {
        this(ndf, dense, leakySlope, normalization, spectralNorm, null, null);
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
    public boolean conditional() {
        return !condition.equals("none");
    }

    @Override
    public Discriminator build(ModelContext context) {
        Sequential network = network(context);
        Discriminator d = condition.equals("auxiliary") ? Discriminator.withAuxiliaryClassifier(network, context.condition().size())
                : Discriminator.of(network);
        return CriticNormalization.wrap(d, normalization, "infogan");
    }

    /** The discriminator as a {@link Sequential}, initialised. */
    Sequential network(ModelContext context) {
        long[] image = InfoganShapes.resolve("discriminator", context);
        int classes = conditional() ? context.requireCondition("the infogan discriminator").size() : 0;
        Sequential.Builder b = Sequential.builder(image);
        if (condition.equals("concat")) {
            b.conditionConcat(classes, embedding, image[1], image[2]);
        }
        weighted(b, in -> new Conv2d(in, ndf, 4, 2, 1, true)).leakyRelu(leakySlope);
        CriticNormalization.add(weighted(b, in -> new Conv2d(in, 2L * ndf, 4, 2, 1)), normalization).leakyRelu(leakySlope).flatten();
        if (dense > 0) {
            // the dense layer's units as 1x1 maps: batch norm per unit over the batch, layer norm over the units
            weighted(b, in -> new Dense(in, dense)).reshape(dense, 1, 1);
            CriticNormalization.add(b, normalization).leakyRelu(leakySlope).flatten();
        }
        switch (condition) {
            case "projection" -> b.projection(classes);
            case "auxiliary" -> weighted(b, in -> new Dense(in, 1L + classes));
            default -> weighted(b, in -> new Dense(in, 1));
        }
        return DcganInit.apply(b.build(context.dataType(), context.seed()), context.seed());
    }

    private Sequential.Builder weighted(Sequential.Builder b, Function<long[], Layer> factory) {
        return spectralNorm ? b.spectralNorm(factory) : b.add(factory);
    }
}

package org.gan4j.models.dcgan;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.function.Function;
import org.gan4j.api.Checks;
import org.gan4j.api.nn.Conv2d;
import org.gan4j.api.nn.Layer;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.ModelContext;

/**
 * The DCGAN discriminator (Radford, Metz and Chintala 2016; the PyTorch tutorial's layout), the
 * generator's mirror: 4x4 convolutions with stride 2 and padding 1 halving the image down to 4x4,
 * LeakyReLU after each and batch norm after all but the first, then a 4x4 convolution to one raw
 * score (no sigmoid: the loss applies it). Feature maps: ndf x 1, 2, 4, 8 for 64x64 images,
 * ndf x 1, 2, 4 for 32x32. No biases; weights N(0, 0.02), batch-norm scale N(1, 0.02).
 *
 * <p>A critic trained with a gradient penalty must not mix the samples of a batch:
 * {@code normalization: layer} puts layer normalisation where batch norm was (the WGAN-GP
 * authors' choice), {@code none} leaves it out (the WGAN-GP benchmark's critic). With
 * {@code spectralNorm}, every convolution is spectrally normalised (SNGAN).
 *
 * @param ndf           feature maps of the first layer; later layers have 2x, 4x, 8x as many
 * @param imageSize     side of the square input image, 32 or 64; {@code null} takes the data's
 * @param channels      input channels, 1 or 3; {@code null} takes the data's
 * @param leakySlope    LeakyReLU slope for negative inputs
 * @param normalization {@code batch}, {@code layer} or {@code none}
 * @param spectralNorm  whether every convolution is spectrally normalised
 * @param condition     {@code none}; {@code concat}: {@code embedding} image-sized maps embedding the label
 *                      joined to the image as extra channels; {@code projection}: the last 4x4
 *                      convolution replaced by a projection discriminator's score (Miyato and Koyama
 *                      2018) on the same features; {@code auxiliary}: the last convolution outputs the
 *                      score and one logit per class (AC-GAN, Odena et al. 2017)
 * @param embedding     label maps joined to the image (condition: concat)
 */
@JsonClassDescription("DCGAN discriminator: strided 4x4 convolutions with batch norm and LeakyReLU to one raw score")
public record DcganDiscriminatorSpec(
        @JsonProperty("ndf") @JsonPropertyDescription("feature maps of the first layer (later ones have 2x, 4x, 8x)")
        int ndf,
        @JsonProperty("imageSize") @JsonPropertyDescription("side of the square images, 32 or 64; default: the data's")
        Integer imageSize,
        @JsonProperty("channels") @JsonPropertyDescription("image channels, 1 (grey) or 3 (RGB); default: the data's")
        Integer channels,
        @JsonProperty("leakySlope") @JsonPropertyDescription("LeakyReLU slope for negative inputs, in [0, 1)")
        double leakySlope,
        @JsonProperty("normalization") @JsonPropertyDescription("after each hidden convolution: batch (default), layer "
                + "or none; a critic with a gradient penalty needs layer or none")
        String normalization,
        @JsonProperty("spectralNorm") @JsonPropertyDescription("spectrally normalise every convolution (SNGAN)")
        boolean spectralNorm,
        @JsonProperty("condition") @JsonPropertyDescription("labels: none, concat (label maps as extra channels), projection, or auxiliary (AC-GAN classifier)")
        String condition,
        @JsonProperty("embedding") @JsonPropertyDescription("image-sized label maps joined to the image as channels (condition: concat)")
        int embedding) implements DiscriminatorSpec {

    /** {@link #normalization} values. */
    public static final String BATCH = CriticNormalization.BATCH;
    public static final String LAYER = CriticNormalization.LAYER;
    public static final String NONE = CriticNormalization.NONE;

    public DcganDiscriminatorSpec {
        Checks.positive("ndf", ndf);
        DcganShapes.imageSize(imageSize);
        DcganShapes.channels(channels);
        Checks.inHalfOpenRange("leakySlope", leakySlope, 0, 1);
        CriticNormalization.check(normalization);
        condition = DcganShapes.condition(condition, DcganShapes.DISCRIMINATOR_CONDITIONS);
        Checks.positive("embedding", embedding);
    }

    @JsonCreator
    public DcganDiscriminatorSpec(
            @JsonProperty("ndf") Integer ndf,
            @JsonProperty("imageSize") Integer imageSize,
            @JsonProperty("channels") Integer channels,
            @JsonProperty("leakySlope") Double leakySlope,
            @JsonProperty("normalization") String normalization,
            @JsonProperty("spectralNorm") Boolean spectralNorm,
            @JsonProperty("condition") String condition,
            @JsonProperty("embedding") Integer embedding) {
        this(ndf == null ? 64 : (int) ndf, imageSize, channels, leakySlope == null ? 0.2 : (double) leakySlope,
                normalization == null ? BATCH : normalization, spectralNorm != null && spectralNorm, condition,
                embedding == null ? 1 : embedding);
    }

    /** Unconditional; {@code null}s take their defaults. */
    public DcganDiscriminatorSpec(Integer ndf, Integer imageSize, Integer channels, Double leakySlope, String normalization,
                                  Boolean spectralNorm) {
        this(ndf, imageSize, channels, leakySlope, normalization, spectralNorm, null, null);
    }

    /** With batch norm and no spectral normalisation; {@code null}s take their defaults. */
    public DcganDiscriminatorSpec(Integer ndf, Integer imageSize, Integer channels, Double leakySlope) {
        this(ndf, imageSize, channels, leakySlope, null, null);
    }

    /** All defaults: ndf 64, image size and channels from the data, slope 0.2, batch norm, no spectral norm. */
    public static DcganDiscriminatorSpec defaults() {
        return new DcganDiscriminatorSpec(null, null, null, null, null, null);
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
        return CriticNormalization.wrap(d, normalization, "dcgan");
    }

    /** The discriminator as a {@link Sequential}, initialised. */
    Sequential network(ModelContext context) {
        long[] image = DcganShapes.resolve("discriminator", imageSize, channels, context);
        int classes = conditional() ? context.requireCondition("the dcgan discriminator").size() : 0;
        int[] multipliers = DcganShapes.multipliers(image[1]);
        Sequential.Builder b = Sequential.builder(image);
        if (condition.equals("concat")) {
            b.conditionConcat(classes, embedding, image[1], image[2]);
        }
        convolution(b, in -> new Conv2d(in, ndf, 4, 2, 1)).leakyRelu(leakySlope);
        for (int i = multipliers.length - 2; i >= 0; i--) {
            long maps = (long) ndf * multipliers[i];
            convolution(b, in -> new Conv2d(in, maps, 4, 2, 1));
            CriticNormalization.add(b, normalization).leakyRelu(leakySlope);
        }
        switch (condition) {
            // a 4x4 "valid" convolution of a 4x4 map is a dense layer on the flattened map: the projection's linear score
            case "projection" -> b.flatten().projection(classes);
            case "auxiliary" -> convolution(b, in -> new Conv2d(in, 1L + classes, 4, 1, 0)).flatten();
            default -> convolution(b, in -> new Conv2d(in, 1, 4, 1, 0)).flatten();
        }
        return DcganInit.apply(b.build(context.dataType(), context.seed()), context.seed());
    }

    private Sequential.Builder convolution(Sequential.Builder b, Function<long[], Layer> factory) {
        return spectralNorm ? b.spectralNorm(factory) : b.add(factory);
    }
}

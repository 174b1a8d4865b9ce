package org.gan4j.models.dcgan;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.gan4j.core.config.Checks;
import org.gan4j.core.spi.Discriminator;
import org.gan4j.core.spi.DiscriminatorSpec;
import org.gan4j.core.spi.ModelContext;

/**
 * The DCGAN discriminator's settings (Radford, Metz and Chintala 2016): strided 4x4 convolutions
 * with batch norm and LeakyReLU down to one raw score. The settings are read and validated now so
 * configs can be written against them; {@link #build} is not implemented yet.
 *
 * @param ndf        feature maps of the first layer; later layers have 2x, 4x, 8x as many
 * @param imageSize  side of the square input image, 32 or 64
 * @param channels   input channels, 1 or 3
 * @param leakySlope LeakyReLU slope for negative inputs
 */
@JsonClassDescription("DCGAN discriminator (strided convolutions, batch norm, LeakyReLU); registered, not implemented yet")
public record DcganDiscriminatorSpec(
        @JsonProperty("ndf") @JsonPropertyDescription("feature maps of the first layer (later ones have 2x, 4x, 8x)")
        int ndf,
        @JsonProperty("imageSize") @JsonPropertyDescription("side of the square images, 32 or 64; must match the data")
        int imageSize,
        @JsonProperty("channels") @JsonPropertyDescription("image channels, 1 (grey) or 3 (RGB); must match the data")
        int channels,
        @JsonProperty("leakySlope") @JsonPropertyDescription("LeakyReLU slope for negative inputs, in [0, 1)")
        double leakySlope) implements DiscriminatorSpec {

    public DcganDiscriminatorSpec {
        Checks.positive("ndf", ndf);
        DcganShapes.imageSize(imageSize);
        DcganShapes.channels(channels);
        Checks.inHalfOpenRange("leakySlope", leakySlope, 0, 1);
    }

    @JsonCreator
    public DcganDiscriminatorSpec(
            @JsonProperty("ndf") Integer ndf,
            @JsonProperty("imageSize") Integer imageSize,
            @JsonProperty("channels") Integer channels,
            @JsonProperty("leakySlope") Double leakySlope) {
        this(ndf == null ? 64 : ndf, DcganShapes.imageSize(imageSize), DcganShapes.channels(channels),
                leakySlope == null ? 0.2 : leakySlope);
    }

    /** Not implemented yet: throws a bad-input error pointing to {@code type: mlp}. */
    @Override
    public Discriminator build(ModelContext context) {
        throw DcganShapes.notImplemented("discriminator");
    }
}

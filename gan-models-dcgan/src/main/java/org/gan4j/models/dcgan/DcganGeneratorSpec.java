package org.gan4j.models.dcgan;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.gan4j.core.config.Checks;
import org.gan4j.core.spi.Generator;
import org.gan4j.core.spi.GeneratorSpec;
import org.gan4j.core.spi.LatentNoise;
import org.gan4j.core.spi.ModelContext;

/**
 * The DCGAN generator's settings (Radford, Metz and Chintala 2016): transposed 4x4 convolutions
 * with batch norm and ReLU from a {@code latentSize} vector to a tanh image. The settings are read
 * and validated now so configs can be written against them; {@link #build} is not implemented yet.
 *
 * @param latentSize length of the latent vector z
 * @param ngf        feature maps of the last hidden layer; earlier layers have 2x, 4x, 8x as many
 * @param imageSize  side of the square output image, 32 or 64
 * @param channels   output channels, 1 or 3
 * @param noise      distribution of z
 */
@JsonClassDescription("DCGAN generator (transposed convolutions, batch norm); registered, not implemented yet")
public record DcganGeneratorSpec(
        @JsonProperty("latentSize") @JsonPropertyDescription("length of the latent vector z")
        int latentSize,
        @JsonProperty("ngf") @JsonPropertyDescription("feature maps of the last hidden layer (earlier ones have 2x, 4x, 8x)")
        int ngf,
        @JsonProperty("imageSize") @JsonPropertyDescription("side of the square images, 32 or 64; must match the data")
        int imageSize,
        @JsonProperty("channels") @JsonPropertyDescription("image channels, 1 (grey) or 3 (RGB); must match the data")
        int channels,
        @JsonProperty("noise") @JsonPropertyDescription("distribution of z: normal or uniform")
        // Lets configs write "normal"; Jackson's enum reader honours the PROPERTIES flag, not VALUES.
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
        LatentNoise noise) implements GeneratorSpec {

    public DcganGeneratorSpec {
        Checks.positive("latentSize", latentSize);
        Checks.positive("ngf", ngf);
        DcganShapes.imageSize(imageSize);
        DcganShapes.channels(channels);
        if (noise == null) {
            throw new IllegalArgumentException("noise must be normal or uniform");
        }
    }

    @JsonCreator
    public DcganGeneratorSpec(
            @JsonProperty("latentSize") Integer latentSize,
            @JsonProperty("ngf") Integer ngf,
            @JsonProperty("imageSize") Integer imageSize,
            @JsonProperty("channels") Integer channels,
            @JsonProperty("noise") LatentNoise noise) {
        this(latentSize == null ? 100 : latentSize, ngf == null ? 64 : ngf, DcganShapes.imageSize(imageSize),
                DcganShapes.channels(channels), noise == null ? LatentNoise.NORMAL : noise);
    }

    /** Not implemented yet: throws a bad-input error pointing to {@code type: mlp}. */
    @Override
    public Generator build(ModelContext context) {
        throw DcganShapes.notImplemented("generator");
    }
}

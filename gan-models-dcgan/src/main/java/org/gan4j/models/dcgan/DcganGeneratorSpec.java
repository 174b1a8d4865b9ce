package org.gan4j.models.dcgan;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.gan4j.api.Checks;
import org.gan4j.api.nn.ConvTranspose2d;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.api.spi.ModelContext;

/**
 * The DCGAN generator (Radford, Metz and Chintala 2016; the PyTorch tutorial's layout): z as
 * {@code [latentSize, 1, 1]}, a 4x4 transposed convolution (stride 1) to 4x4 maps, then per doubling
 * a 4x4 transposed convolution (stride 2, padding 1), each followed by batch norm and ReLU, and a
 * last one to the image channels with tanh. Feature maps: ngf x 8, 4, 2, 1 for 64x64 images,
 * ngf x 4, 2, 1 for 32x32. No biases; weights N(0, 0.02), batch-norm scale N(1, 0.02).
 *
 * @param latentSize length of the latent vector z
 * @param ngf        feature maps of the last hidden layer; earlier layers have 2x, 4x, 8x as many
 * @param imageSize  side of the square output image, 32 or 64; {@code null} takes the data's
 * @param channels   output channels, 1 or 3; {@code null} takes the data's
 * @param noise      distribution of z
 * @param condition  {@code none}; {@code concat}: a conditional generator (cGAN) with an embedding of
 *                   the label joined to z, {@code [latentSize + embedding, 1, 1]}; or {@code batchnorm}: conditional
 *                   batch normalisation, every batch norm followed by a per-class scale and shift
 * @param embedding  length of the label embedding
 */
@JsonClassDescription("DCGAN generator: transposed 4x4 convolutions with batch norm and ReLU, tanh output (32x32 or 64x64)")
public record DcganGeneratorSpec(
        @JsonProperty("latentSize") @JsonPropertyDescription("length of the latent vector z")
        int latentSize,
        @JsonProperty("ngf") @JsonPropertyDescription("feature maps of the last hidden layer (earlier ones have 2x, 4x, 8x)")
        int ngf,
        @JsonProperty("imageSize") @JsonPropertyDescription("side of the square images, 32 or 64; default: the data's")
        Integer imageSize,
        @JsonProperty("channels") @JsonPropertyDescription("image channels, 1 (grey) or 3 (RGB); default: the data's")
        Integer channels,
        @JsonProperty("noise") @JsonPropertyDescription("distribution of z: normal or uniform")
        // Lets configs write "normal"; Jackson's enum reader honours the PROPERTIES flag, not VALUES.
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
        LatentNoise noise,
        @JsonProperty("condition") @JsonPropertyDescription("labels: none, concat (a label embedding joined to z) or batchnorm (a per-class scale and shift after every batch norm: conditional batch normalisation); needs labelled data")
        String condition,
        @JsonProperty("embedding") @JsonPropertyDescription("length of the label embedding joined to z (condition: concat; not used by batchnorm)")
        int embedding) implements GeneratorSpec {

    public DcganGeneratorSpec {
        Checks.positive("latentSize", latentSize);
        Checks.positive("ngf", ngf);
        DcganShapes.imageSize(imageSize);
        DcganShapes.channels(channels);
        if (noise == null) {
            throw new IllegalArgumentException("noise must be normal or uniform");
        }
        condition = DcganShapes.condition(condition, DcganShapes.GENERATOR_CONDITIONS);
        Checks.positive("embedding", embedding);
    }

    /** Default length of the label embedding. */
    public static final int DEFAULT_EMBEDDING = 50;

    @JsonCreator
    public DcganGeneratorSpec(
            @JsonProperty("latentSize") Integer latentSize,
            @JsonProperty("ngf") Integer ngf,
            @JsonProperty("imageSize") Integer imageSize,
            @JsonProperty("channels") Integer channels,
            @JsonProperty("noise") LatentNoise noise,
            @JsonProperty("condition") String condition,
            @JsonProperty("embedding") Integer embedding) {
        this(latentSize == null ? 100 : (int) latentSize, ngf == null ? 64 : (int) ngf, imageSize, channels,
                noise == null ? LatentNoise.NORMAL : noise, condition, embedding == null ? DEFAULT_EMBEDDING : embedding);
    }

    /** Unconditional. */
    public DcganGeneratorSpec(Integer latentSize, Integer ngf, Integer imageSize, Integer channels, LatentNoise noise) {
        this(latentSize, ngf, imageSize, channels, noise, null, null);
    }

    /** All defaults: 100 latent values, ngf 64, image size and channels from the data, normal noise. */
    public static DcganGeneratorSpec defaults() {
        return new DcganGeneratorSpec(null, null, null, null, null, null, null);
    }

    @Override
    public boolean conditional() {
        return !condition.equals("none");
    }

    @Override
    public Generator build(ModelContext context) {
        return Generator.of(network(context), noise);
    }

    /** The generator as a {@link Sequential}, initialised. */
    Sequential network(ModelContext context) {
        long[] image = DcganShapes.resolve("generator", imageSize, channels, context);
        int[] multipliers = DcganShapes.multipliers(image[1]);
        int classes = conditional() ? context.requireCondition("the dcgan generator").size() : 0;
        Sequential.Builder b = Sequential.builder(latentSize, 1, 1);
        if (condition.equals(DcganShapes.CONCAT)) {
            b.conditionConcat(classes, embedding, 1, 1);
        }
        DcganShapes.batchNorm(b.add(in -> new ConvTranspose2d(in, (long) ngf * multipliers[0], 4, 1, 0)), condition, classes).relu();
        for (int i = 1; i < multipliers.length; i++) {
            long maps = (long) ngf * multipliers[i];
            DcganShapes.batchNorm(b.add(in -> new ConvTranspose2d(in, maps, 4, 2, 1)), condition, classes).relu();
        }
        b.add(in -> new ConvTranspose2d(in, image[0], 4, 2, 1)).tanh();
        return DcganInit.apply(b.build(context.dataType(), context.seed()), context.seed());
    }
}

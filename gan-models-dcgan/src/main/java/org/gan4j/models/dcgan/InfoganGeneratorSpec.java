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
 * The generator of InfoGAN's MNIST experiments (Chen et al. 2016), which Lucic et al. (2018, "Are
 * GANs Created Equal?") used for every loss on MNIST and Fashion-MNIST, without InfoGAN's latent
 * codes: z, a dense layer to {@code dense} units, a dense layer to {@code 2 ngf} maps of a quarter of
 * the image side (7x7 for MNIST), each with batch norm and ReLU, a 4x4 transposed convolution
 * (stride 2) to {@code ngf} maps with batch norm and ReLU, and one to the image with tanh. Works on
 * the data's own 28x28, no padding. Weights N(0, 0.02), biases 0, batch-norm scale N(1, 0.02).
 *
 * @param latentSize length of z
 * @param ngf        feature maps of the transposed convolution next to the image; the quarter-size maps have twice as many
 * @param dense      units of the first dense layer; 0 leaves the layer out
 * @param noise      distribution of z
 * @param condition  {@code none}; {@code concat}: a conditional generator (cGAN) with an embedding of
 *                   the label joined to z, {@code [latentSize + embedding]}; or {@code batchnorm}: conditional
 *                   batch normalisation, every batch norm followed by a per-class scale and shift
 * @param embedding  length of the label embedding
 */
@JsonClassDescription("InfoGAN's MNIST generator (as in Lucic et al. 2018): two dense layers and two transposed 4x4 convolutions with batch norm, tanh output at the data's size (28x28)")
public record InfoganGeneratorSpec(
        @JsonProperty("latentSize") @JsonPropertyDescription("length of the latent vector z")
        int latentSize,
        @JsonProperty("ngf") @JsonPropertyDescription("feature maps next to the image; the quarter-size maps have twice as many")
        int ngf,
        @JsonProperty("dense") @JsonPropertyDescription("units of the first dense layer; 0 leaves it out (z goes straight to the quarter-size maps)")
        int dense,
        @JsonProperty("noise") @JsonPropertyDescription("distribution of z: normal or uniform")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
        LatentNoise noise,
        @JsonProperty("condition") @JsonPropertyDescription("labels: none, concat (a label embedding joined to z) or batchnorm (a per-class scale and shift after every batch norm: conditional batch normalisation); needs labelled data")
        String condition,
        @JsonProperty("embedding") @JsonPropertyDescription("length of the label embedding joined to z (condition: concat; not used by batchnorm)")
        int embedding) implements GeneratorSpec {

    public InfoganGeneratorSpec {
        Checks.positive("latentSize", latentSize);
        Checks.positive("ngf", ngf);
        Checks.nonNegative("dense", dense);
        if (noise == null) {
            throw new IllegalArgumentException("noise must be normal or uniform");
        }
        condition = DcganShapes.condition(condition, DcganShapes.GENERATOR_CONDITIONS);
        Checks.positive("embedding", embedding);
    }

    @JsonCreator
    public InfoganGeneratorSpec(
            @JsonProperty("latentSize") Integer latentSize,
            @JsonProperty("ngf") Integer ngf,
            @JsonProperty("dense") Integer dense,
            @JsonProperty("noise") LatentNoise noise,
            @JsonProperty("condition") String condition,
            @JsonProperty("embedding") Integer embedding) {
        this(latentSize == null ? 64 : (int) latentSize, ngf == null ? 64 : (int) ngf, dense == null ? 1024 : (int) dense,
                noise == null ? LatentNoise.NORMAL : noise, condition,
                embedding == null ? DcganGeneratorSpec.DEFAULT_EMBEDDING : (int) embedding);
    }

    /** Unconditional; {@code null}s take their defaults. */
    public InfoganGeneratorSpec(Integer latentSize, Integer ngf, Integer dense, LatentNoise noise) {
        this(latentSize, ngf, dense, noise, null, null);
    }

    /** All defaults: 64 latent values, ngf 64, 1024 dense units, normal noise (the paper's widths). */
    public static InfoganGeneratorSpec defaults() {
        return new InfoganGeneratorSpec(null, null, null, null);
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
        long[] image = InfoganShapes.resolve("generator", context);
        long quarter = image[1] / 4;
        long maps = 2L * ngf;
        int classes = conditional() ? context.requireCondition("the infogan generator").size() : 0;
        Sequential.Builder b = Sequential.builder(latentSize);
        if (condition.equals(DcganShapes.CONCAT)) {
            b.conditionConcat(classes, embedding);
        }
        if (dense > 0) {
            DcganShapes.batchNorm(b.dense(dense).reshape(dense, 1, 1), condition, classes).relu().flatten();
        }
        DcganShapes.batchNorm(b.dense(maps * quarter * quarter).reshape(maps, quarter, quarter), condition, classes).relu();
        DcganShapes.batchNorm(b.add(in -> new ConvTranspose2d(in, ngf, 4, 2, 1)), condition, classes).relu()
                .add(in -> new ConvTranspose2d(in, image[0], 4, 2, 1, true)).tanh();
        return DcganInit.apply(b.build(context.dataType(), context.seed()), context.seed());
    }
}

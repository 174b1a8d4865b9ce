package org.gan4j.models.mlp;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import org.gan4j.api.Checks;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.api.spi.ModelContext;

/**
 * Fully connected generator: latent vector, then for each hidden size a dense layer, leaky ReLU and
 * dropout, then a dense layer to the sample size, tanh (or nothing: {@code output: linear}), reshaped to the data's sample shape.
 * With {@code condition: concat} it is conditional (a cGAN's, Mirza and Osindero 2014): an embedding
 * of {@code embedding} values of the label is joined to z.
 */
@JsonClassDescription("fully connected generator: dense + leaky ReLU + dropout per hidden layer, tanh or linear output")
public record MlpGeneratorSpec(
        @JsonProperty("latentSize") @JsonPropertyDescription("length of the latent noise vector") int latentSize,
        @JsonProperty("hidden") @JsonPropertyDescription("hidden layer sizes, input to output; may be empty") List<Integer> hidden,
        @JsonProperty("leakySlope") @JsonPropertyDescription("negative slope of the leaky ReLUs, in [0, 1)") double leakySlope,
        @JsonProperty("dropout") @JsonPropertyDescription("dropout probability after each hidden layer, in [0, 1)") double dropout,
        @JsonProperty("noise") @JsonPropertyDescription("latent distribution: uniform on [-1, 1) or normal") LatentNoise noise,
        @JsonProperty("output") @JsonPropertyDescription("output activation: tanh (images in [-1, 1]) or linear (unbounded data, e.g. the ring and grid mixtures)")
        String output,
        @JsonProperty("condition") @JsonPropertyDescription("labels: none, or concat (a label embedding joined to z); needs labelled data")
        String condition,
        @JsonProperty("embedding") @JsonPropertyDescription("length of the label embedding joined to z (condition: concat)")
        int embedding)
        implements GeneratorSpec {

    /** The output activations. */
    public static final java.util.List<String> OUTPUTS = java.util.List.of("tanh", "linear");

    /** Validates; {@code null} hidden or noise take their defaults. */
    public MlpGeneratorSpec {
        Checks.positive("latentSize", latentSize);
        hidden = MlpSettings.hidden(hidden, DEFAULT_HIDDEN);
        Checks.inHalfOpenRange("leakySlope", leakySlope, 0, 1);
        Checks.inHalfOpenRange("dropout", dropout, 0, 1);
        noise = noise == null ? LatentNoise.UNIFORM : noise;
        output = output == null ? "tanh" : output;
        if (!OUTPUTS.contains(output)) {
            throw new IllegalArgumentException("output must be tanh or linear, got '" + output + "'");
        }
        condition = MlpSettings.condition(condition, MlpSettings.GENERATOR_CONDITIONS);
        Checks.positive("embedding", embedding);
    }

    /** The tutorials' sizes: 100 latent values, hidden 256, 512, 1024. */
    public static final List<Integer> DEFAULT_HIDDEN = List.of(256, 512, 1024);

    /** Default length of the label embedding. */
    public static final int DEFAULT_EMBEDDING = 50;

    @JsonCreator
    public MlpGeneratorSpec(@JsonProperty("latentSize") Integer latentSize,
                            @JsonProperty("hidden") List<Integer> hidden,
                            @JsonProperty("leakySlope") Double leakySlope,
                            @JsonProperty("dropout") Double dropout,
                            @JsonProperty("noise") @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                            LatentNoise noise,
                            @JsonProperty("output") String output,
                            @JsonProperty("condition") String condition,
                            @JsonProperty("embedding") Integer embedding) {
        this(latentSize == null ? 100 : latentSize, hidden,
                leakySlope == null ? 0.2 : leakySlope, dropout == null ? 0.3 : dropout, noise, output, condition,
                embedding == null ? DEFAULT_EMBEDDING : embedding);
    }

    /** Unconditional. */
    public MlpGeneratorSpec(Integer latentSize, List<Integer> hidden, Double leakySlope, Double dropout, LatentNoise noise,
                            String output) {
        this(latentSize, hidden, leakySlope, dropout, noise, output, null, null);
    }

    /** Tanh output. */
    public MlpGeneratorSpec(Integer latentSize, List<Integer> hidden, Double leakySlope, Double dropout, LatentNoise noise) {
        this(latentSize, hidden, leakySlope, dropout, noise, null);
    }

    /** All defaults. */
    public static MlpGeneratorSpec defaults() {
        return new MlpGeneratorSpec(null, null, null, null, null);
    }

    @Override
    public boolean conditional() {
        return !condition.equals("none");
    }

    @Override
    public Generator build(ModelContext context) {
        Sequential.Builder b = Sequential.builder(latentSize);
        if (conditional()) {
            b.conditionConcat(context.requireCondition("the mlp generator").size(), embedding);
        }
        for (int size : hidden) {
            b.dense(size).leakyRelu(leakySlope).dropout(dropout);
        }
        b.dense(context.sampleSize());
        if (output.equals("tanh")) {
            b.tanh();
        }
        return Generator.of(b.reshape(context.sampleShape()).build(context.dataType(), context.seed()), noise);
    }
}

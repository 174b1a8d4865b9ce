package org.gan4j.models.mlp;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import org.gan4j.api.Checks;
import org.gan4j.api.nn.Dense;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.ModelContext;

/**
 * Fully connected discriminator: the flattened sample, then for each hidden size a dense layer,
 * leaky ReLU and dropout, then a dense layer to one raw score (no sigmoid: the loss reads it).
 * With {@code spectralNorm}, every dense layer is spectrally normalised (Miyato et al. 2018).
 * Conditional forms ({@code condition}): {@code concat} joins an embedding of {@code embedding} values
 * of the label to the flattened sample; {@code projection} ends in a projection discriminator's score
 * (Miyato and Koyama 2018) from the last hidden layer; {@code auxiliary} outputs the score and one
 * logit per class, AC-GAN's auxiliary classifier (Odena et al. 2017).
 */
@JsonClassDescription("fully connected discriminator: dense + leaky ReLU + dropout per hidden layer, one raw score")
public record MlpDiscriminatorSpec(
        @JsonProperty("hidden") @JsonPropertyDescription("hidden layer sizes, input to output; may be empty") List<Integer> hidden,
        @JsonProperty("leakySlope") @JsonPropertyDescription("negative slope of the leaky ReLUs, in [0, 1)") double leakySlope,
        @JsonProperty("dropout") @JsonPropertyDescription("dropout probability after each hidden layer, in [0, 1)") double dropout,
        @JsonProperty("spectralNorm") @JsonPropertyDescription("spectrally normalise every dense layer (SNGAN)") boolean spectralNorm,
        @JsonProperty("condition") @JsonPropertyDescription("labels: none, concat (embedding joined to the input), projection, or auxiliary (AC-GAN classifier)")
        String condition,
        @JsonProperty("embedding") @JsonPropertyDescription("length of the label embedding joined to the input (condition: concat)")
        int embedding)
        implements DiscriminatorSpec {

    /** Validates; {@code null} hidden takes its default. */
    public MlpDiscriminatorSpec {
        hidden = MlpSettings.hidden(hidden, DEFAULT_HIDDEN);
        Checks.inHalfOpenRange("leakySlope", leakySlope, 0, 1);
        Checks.inHalfOpenRange("dropout", dropout, 0, 1);
        condition = MlpSettings.condition(condition, MlpSettings.DISCRIMINATOR_CONDITIONS);
        Checks.positive("embedding", embedding);
    }

    /** The tutorials' sizes: hidden 1024, 512, 256. */
    public static final List<Integer> DEFAULT_HIDDEN = List.of(1024, 512, 256);

    @JsonCreator
    public MlpDiscriminatorSpec(@JsonProperty("hidden") List<Integer> hidden,
                                @JsonProperty("leakySlope") Double leakySlope,
                                @JsonProperty("dropout") Double dropout,
                                @JsonProperty("spectralNorm") Boolean spectralNorm,
                                @JsonProperty("condition") String condition,
                                @JsonProperty("embedding") Integer embedding) {
        this(hidden, leakySlope == null ? 0.2 : leakySlope, dropout == null ? 0.3 : dropout, spectralNorm != null && spectralNorm,
                condition, embedding == null ? MlpGeneratorSpec.DEFAULT_EMBEDDING : embedding);
    }

    /** Unconditional; {@code null}s take their defaults. */
    public MlpDiscriminatorSpec(List<Integer> hidden, Double leakySlope, Double dropout, Boolean spectralNorm) {
        this(hidden, leakySlope, dropout, spectralNorm, null, null);
    }

    /** Without spectral normalisation; {@code null}s take their defaults. */
    public MlpDiscriminatorSpec(List<Integer> hidden, Double leakySlope, Double dropout, String condition, Integer embedding) {
        this(hidden, leakySlope, dropout, null, condition, embedding);
    }

    /** Unconditional, without spectral normalisation; {@code null}s take their defaults. */
    public MlpDiscriminatorSpec(List<Integer> hidden, Double leakySlope, Double dropout) {
        this(hidden, leakySlope, dropout, (Boolean) null);
    }

    /** Unconditional, without spectral normalisation. */
    public MlpDiscriminatorSpec(List<Integer> hidden, double leakySlope, double dropout) {
        this(hidden, leakySlope, dropout, false, null, MlpGeneratorSpec.DEFAULT_EMBEDDING);
    }

    /** All defaults. */
    public static MlpDiscriminatorSpec defaults() {
        return new MlpDiscriminatorSpec(null, null, null, (Boolean) null);
    }

    @Override
    public boolean conditional() {
        return !condition.equals("none");
    }

    @Override
    public Discriminator build(ModelContext context) {
        int classes = conditional() ? context.requireCondition("the mlp discriminator").size() : 0;
        Sequential.Builder b = Sequential.builder(context.sampleShape()).flatten();
        if (condition.equals("concat")) {
            b.conditionConcat(classes, embedding);
        }
        for (int size : hidden) {
            dense(b, size).leakyRelu(leakySlope).dropout(dropout);
        }
        return switch (condition) {
            case "projection" -> Discriminator.of(b.projection(classes).build(context.dataType(), context.seed()));
            case "auxiliary" -> Discriminator.withAuxiliaryClassifier(dense(b, 1 + classes).build(context.dataType(), context.seed()), classes);
            default -> Discriminator.of(dense(b, 1).build(context.dataType(), context.seed()));
        };
    }

    private Sequential.Builder dense(Sequential.Builder b, int units) {
        return spectralNorm ? b.spectralNorm(in -> new Dense(in, units)) : b.dense(units);
    }
}

package org.gan4j.models.mlp;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import org.gan4j.api.Checks;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.ModelContext;

/**
 * Fully connected discriminator: the flattened sample, then for each hidden size a dense layer,
 * leaky ReLU and dropout, then a dense layer to one raw score (no sigmoid: the loss reads it).
 */
@JsonClassDescription("fully connected discriminator: dense + leaky ReLU + dropout per hidden layer, one raw score")
public record MlpDiscriminatorSpec(
        @JsonProperty("hidden") @JsonPropertyDescription("hidden layer sizes, input to output; may be empty") List<Integer> hidden,
        @JsonProperty("leakySlope") @JsonPropertyDescription("negative slope of the leaky ReLUs, in [0, 1)") double leakySlope,
        @JsonProperty("dropout") @JsonPropertyDescription("dropout probability after each hidden layer, in [0, 1)") double dropout)
        implements DiscriminatorSpec {

    /** Validates; {@code null} hidden takes its default. */
    public MlpDiscriminatorSpec {
        hidden = MlpSettings.hidden(hidden, DEFAULT_HIDDEN);
        Checks.inHalfOpenRange("leakySlope", leakySlope, 0, 1);
        Checks.inHalfOpenRange("dropout", dropout, 0, 1);
    }

    /** The tutorials' sizes: hidden 1024, 512, 256. */
    public static final List<Integer> DEFAULT_HIDDEN = List.of(1024, 512, 256);

    @JsonCreator
    public MlpDiscriminatorSpec(@JsonProperty("hidden") List<Integer> hidden,
                                @JsonProperty("leakySlope") Double leakySlope,
                                @JsonProperty("dropout") Double dropout) {
        this(hidden, leakySlope == null ? 0.2 : leakySlope, dropout == null ? 0.3 : dropout);
    }

    /** All defaults. */
    public static MlpDiscriminatorSpec defaults() {
        return new MlpDiscriminatorSpec(null, null, null);
    }

    @Override
    public Discriminator build(ModelContext context) {
        Sequential.Builder b = Sequential.builder(context.sampleShape()).flatten();
        for (int size : hidden) {
            b.dense(size).leakyRelu(leakySlope).dropout(dropout);
        }
        return Discriminator.of(b.dense(1).build(context.dataType(), context.seed()));
    }
}

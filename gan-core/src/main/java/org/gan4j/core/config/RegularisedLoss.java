package org.gan4j.core.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.gan4j.api.Checks;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.spi.GradientPenalties;
import org.gan4j.api.spi.GradientPenalty;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossContext;
import org.gan4j.api.spi.LossResult;
import org.gan4j.api.spi.OptimizerChoice;
import org.gan4j.core.plugin.ComponentRegistry;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss from the config with the R1 and R2 gradient penalties its section asks for, settings that
 * every loss takes whatever its type: {@code loss: {type: non-saturating, r1: 10}}. Everything but
 * {@link #gradientPenalties()} is the configured loss's own.
 *
 * @param loss         the configured loss
 * @param r1           γ of R1 ({@code γ/2 mean ‖∇D(x)‖²} at real samples), 0 for none
 * @param r2           γ of R2 (the same at generated samples), 0 for none
 * @param penaltyEvery lazy regularisation: R1 and R2 at every {@code penaltyEvery}-th discriminator
 *                     step, times {@code penaltyEvery}
 */
public record RegularisedLoss(Loss loss, double r1, double r2, int penaltyEvery) implements Loss {

    /** The setting names, read from the loss section before its own settings. */
    public static final String R1 = "r1";
    public static final String R2 = "r2";
    public static final String PENALTY_EVERY = "penaltyEvery";
    public static final List<String> SETTINGS = List.of(R1, R2, PENALTY_EVERY);
    /** The same settings with their defaults and meaning, as {@code gan4j plugins} lists them for every loss. */
    public static final List<ComponentRegistry.Setting> LISTED = List.of(
            new ComponentRegistry.Setting(R1, "0.0", "γ of the R1 penalty γ/2 ‖∇D(x)‖² at real samples; 0 = off"),
            new ComponentRegistry.Setting(R2, "0.0", "γ of the R2 penalty γ/2 ‖∇D(G(z))‖² at generated samples; 0 = off"),
            new ComponentRegistry.Setting(PENALTY_EVERY, "1",
                    "lazy regularisation: R1 and R2 every k-th discriminator step, times k"));

    public RegularisedLoss {
        if (!(r1 >= 0) || Double.isInfinite(r1)) {
            throw new IllegalArgumentException("r1 must be a finite number >= 0 (the weight γ of R1), got " + r1);
        }
        if (!(r2 >= 0) || Double.isInfinite(r2)) {
            throw new IllegalArgumentException("r2 must be a finite number >= 0 (the weight γ of R2), got " + r2);
        }
        Checks.positive(PENALTY_EVERY, penaltyEvery);
    }

    @Override
    public List<GradientPenalty> gradientPenalties() {
        List<GradientPenalty> all = new ArrayList<>(loss.gradientPenalties());
        if (r1 > 0) {
            all.add(GradientPenalties.r1(r1, penaltyEvery));
        }
        if (r2 > 0) {
            all.add(GradientPenalties.r2(r2, penaltyEvery));
        }
        return all;
    }

    @Override
    public LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores) {
        return loss.discriminatorLoss(realScores, fakeScores);
    }

    @Override
    public LossResult generatorLoss(INDArray fakeScores) {
        return loss.generatorLoss(fakeScores);
    }

    @Override
    public LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores, LossContext context) {
        return loss.discriminatorLoss(realScores, fakeScores, context);
    }

    @Override
    public LossResult generatorLoss(INDArray realScores, INDArray fakeScores, LossContext context) {
        return loss.generatorLoss(realScores, fakeScores, context);
    }

    @Override
    public boolean generatorReadsRealScores() {
        return loss.generatorReadsRealScores();
    }

    @Override
    public int stateSize() {
        return loss.stateSize();
    }

    @Override
    public void initialState(INDArray state) {
        loss.initialState(state);
    }

    @Override
    public double meanOutput(INDArray scores) {
        return loss.meanOutput(scores);
    }

    @Override
    public void afterDiscriminatorStep(Parameters discriminator) {
        loss.afterDiscriminatorStep(discriminator);
    }

    @Override
    public OptionalInt recommendedDiscriminatorSteps() {
        return loss.recommendedDiscriminatorSteps();
    }

    @Override
    public Optional<OptimizerChoice> recommendedOptimizer() {
        return loss.recommendedOptimizer();
    }

    @Override
    public String toString() {
        return loss + " with " + gradientPenalties();
    }

    /**
     * Reads a loss section: takes out {@code r1}, {@code r2} and {@code penaltyEvery}, reads the
     * rest as the loss its {@code type} names, and wraps it when a penalty is asked for.
     */
    public static final class Deserializer extends StdDeserializer<Loss> {
        private static final long serialVersionUID = 1L;

        public Deserializer() {
            super(Loss.class);
        }

        /** The loss type is polymorphic; this reads the type itself (through {@link #deserialize}). */
        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt,
                                          com.fasterxml.jackson.databind.jsontype.TypeDeserializer typeDeserializer) throws IOException {
            return deserialize(p, ctxt);
        }

        @Override
        public Loss deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            if (!node.isObject() || SETTINGS.stream().noneMatch(node::has)) {
                return ctxt.readTreeAsValue(node, Loss.class);
            }
            ObjectNode rest = ((ObjectNode) node).deepCopy();
            JsonNode r1 = rest.remove(R1);
            JsonNode r2 = rest.remove(R2);
            JsonNode every = rest.remove(PENALTY_EVERY);
            Loss loss = ctxt.readTreeAsValue(rest, Loss.class);
            try {
                double everyValue = number(every, PENALTY_EVERY, 1);
                if (everyValue != Math.rint(everyValue)) {
                    throw new IllegalArgumentException(PENALTY_EVERY + " must be a whole number of discriminator steps, got " + everyValue);
                }
                double r1Value = number(r1, R1, 0);
                double r2Value = number(r2, R2, 0);
                return r1Value == 0 && r2Value == 0 && everyValue == 1 ? loss
                        : new RegularisedLoss(loss, r1Value, r2Value, (int) everyValue);
            } catch (IllegalArgumentException e) {
                // A message starting with the field's name: the config reader names it as loss.<field>.
                throw com.fasterxml.jackson.databind.exc.ValueInstantiationException.from(p, e.getMessage(),
                        ctxt.constructType(RegularisedLoss.class), e);
            }
        }

        private static double number(JsonNode value, String field, double absent) {
            if (value == null || value.isNull()) {
                return absent;
            }
            if (!value.isNumber()) {
                throw new IllegalArgumentException(field + " must be a number, got " + value);
            }
            return value.asDouble();
        }
    }

    /** Writes the configured loss's section with {@code r1}, {@code r2} and {@code penaltyEvery} added. */
    public static final class Serializer extends StdSerializer<Loss> {
        private static final long serialVersionUID = 1L;

        public Serializer() {
            super(Loss.class);
        }

        /** The loss type is polymorphic; this writes the type itself (through {@link #serialize}). */
        @Override
        public void serializeWithType(Loss value, JsonGenerator gen, SerializerProvider provider,
                                      com.fasterxml.jackson.databind.jsontype.TypeSerializer typeSerializer) throws IOException {
            serialize(value, gen, provider);
        }

        @Override
        public void serialize(Loss value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (!(value instanceof RegularisedLoss regularised)) {
                // the runtime class's serializer (its settings), with the type id Loss declares
                provider.findTypedValueSerializer(value.getClass(), true, null).serialize(value, gen, provider);
                return;
            }
            com.fasterxml.jackson.databind.util.TokenBuffer buffer = new com.fasterxml.jackson.databind.util.TokenBuffer(gen.getCodec(), false);
            Loss loss = regularised.loss();
            provider.findTypedValueSerializer(loss.getClass(), true, null).serialize(loss, buffer, provider);
            ObjectNode node = (ObjectNode) buffer.asParser(gen.getCodec()).readValueAsTree();
            if (regularised.r1() > 0) {
                node.put(R1, regularised.r1());
            }
            if (regularised.r2() > 0) {
                node.put(R2, regularised.r2());
            }
            node.put(PENALTY_EVERY, regularised.penaltyEvery());
            gen.writeTree(node);
        }
    }
}

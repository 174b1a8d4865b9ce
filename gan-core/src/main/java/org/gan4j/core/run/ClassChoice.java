package org.gan4j.core.run;

import java.nio.file.Path;
import java.util.Locale;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.array.Shapes;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Generator;
import org.gan4j.core.train.ConditionalSamples;
import org.gan4j.core.train.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which classes {@code gan4j sample} draws: any (an unconditional generator, or a conditional one
 * with classes drawn uniformly from the seed), one class, or all of them one row per class.
 *
 * @param kind  which of the three
 * @param label the class, for {@link Kind#ONE}
 */
public record ClassChoice(Kind kind, int label) {

    /** The three choices. */
    public enum Kind { ANY, ONE, ALL }

    /** What to run the generator on: the noise, the labels (null for an unconditional generator) and the grid's columns (0: any). */
    public record Draw(INDArray noise, INDArray condition, int columns) {
    }

    /** No class chosen. */
    public static final ClassChoice ANY = new ClassChoice(Kind.ANY, -1);

    /**
     * Reads {@code --class}: {@code null} (none), {@code all}, a class number or a class name.
     *
     * @param condition what the generator was trained on ({@link Condition#NONE} for an unconditional one)
     * @throws Gan4jException naming the value and the valid range when it does not fit the generator
     */
    public static ClassChoice parse(String argument, Condition condition, Path runDir) {
        if (argument == null) {
            return ANY;
        }
        String value = argument.strip();
        if (condition.isNone()) {
            throw Gan4jException.badInput("--class " + value + ": the generator in " + runDir
                    + " is not conditional (it was trained without labels), so it cannot draw a chosen class. Leave out --class.");
        }
        if (!condition.isClasses()) {
            throw Gan4jException.badInput("--class " + value + ": the generator in " + runDir + " is conditioned on "
                    + condition.describe() + " (" + String.join(", ", condition.names().subList(0, Math.min(5, condition.size())))
                    + ", ...), not on classes. Leave out --class.");
        }
        if (value.equalsIgnoreCase("all")) {
            return new ClassChoice(Kind.ALL, -1);
        }
        int index = condition.names().indexOf(value);
        if (index < 0) {
            try {
                index = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw Gan4jException.badInput("--class " + value + " is not a class of the generator in " + runDir
                        + ": give a class number in " + condition.classRange() + ", a class name, or all.");
            }
            if (index < 0 || index >= condition.size()) {
                throw Gan4jException.badInput("--class " + value + " is out of range: the classes of the generator in " + runDir
                        + " are " + condition.classRange() + " (or all, one row per class).");
            }
        }
        return new ClassChoice(Kind.ONE, index);
    }

    /** The part of the default file name that says which classes: {@code -class-7}, {@code -all}, or nothing. */
    public String fileSuffix() {
        return switch (kind) {
            case ANY -> "";
            case ONE -> "-class-" + label;
            case ALL -> "-all";
        };
    }

    /**
     * The inputs for about {@code count} samples: noise drawn with {@code seed} as {@code gan4j sample}
     * always drew it, and labels as chosen. {@link Kind#ALL} draws {@code ceil(count / classes)}
     * noise vectors and shows each in every class.
     */
    public Draw draw(Generator generator, Condition condition, int count, long seed) {
        DataType type = generator.parameters().values().dataType();
        Random rng = Seeds.random(seed);
        if (kind == Kind.ALL) {
            int columns = ConditionalSamples.columns(count, condition.size());
            return new Draw(ConditionalSamples.noisePerColumn(generator, condition.size(), columns, rng, type),
                    ConditionalSamples.classRows(condition, columns, type), columns);
        }
        INDArray z = Nd4j.create(type, Shapes.withBatch(count, generator.inputShape()));
        generator.noise().sample(z, rng);
        INDArray labels = null;
        if (kind == Kind.ONE) {
            labels = ConditionalSamples.oneClass(condition, label, count, type);
        } else if (!condition.isNone()) {
            long labelSeed = Seeds.derive(seed, "labels");
            labels = condition.isClasses() ? ConditionalSamples.uniformClasses(condition, count, labelSeed, type)
                    : ConditionalSamples.uniformAttributes(condition, count, labelSeed, type);
        }
        return new Draw(z, labels, 0);
    }

    @Override
    public String toString() {
        return kind == Kind.ONE ? "class " + label : kind.name().toLowerCase(Locale.ROOT);
    }
}

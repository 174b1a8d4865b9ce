package org.gan4j.core.train;

import java.util.SplittableRandom;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The labels of a conditional run: which network reads them, and the labels the generator is asked
 * for, drawn afresh for every generated batch ({@link #draw}) as the data's class frequencies (the
 * labels of uniformly drawn samples) or uniformly. The real batches' labels come with them
 * ({@link RealBatches#condition()}). Labels are condition rows ({@link Condition}): one-hot for
 * classes, 0/1 for attributes.
 *
 * <p>The draws of iteration {@code i} come from a generator reseeded from (seed, i) at its start, like
 * the noise, so a resumed run draws the labels an uninterrupted one would: the label stream needs
 * nothing in the checkpoint. A run of unconditional networks has {@link #NONE}: no labels, no
 * draws, nothing changed.
 */
final class Labels {

    /** The labels of an unconditional run: none. */
    static final Labels NONE = new Labels(Condition.NONE, null, false, false, false, false, 0, DataType.FLOAT);

    private final Condition condition;
    private final Dataset dataset;
    private final boolean uniform;
    private final boolean generatorReads;
    private final boolean discriminatorReads;
    private final boolean discriminatorClassifies;
    private final INDArray drawn;
    private SplittableRandom stream = new SplittableRandom(0);

    private Labels(Condition condition, Dataset dataset, boolean uniform, boolean generatorReads, boolean discriminatorReads,
                   boolean discriminatorClassifies, int batch, DataType type) {
        this.condition = condition;
        this.dataset = dataset;
        this.uniform = uniform;
        this.generatorReads = generatorReads;
        this.discriminatorReads = discriminatorReads;
        this.discriminatorClassifies = discriminatorClassifies;
        this.drawn = condition.isNone() ? null : Nd4j.zeros(type, batch, condition.size());
    }

    /**
     * The labels of a run of {@code generator} and {@code discriminator} on {@code dataset}: none when
     * neither reads or classifies labels. The config has been checked ({@code ConditionCheck}), so
     * a mismatch here is a bug.
     *
     * @param uniform draw the generator's labels uniformly instead of with the data's frequencies
     */
    static Labels of(Dataset dataset, Generator generator, Discriminator discriminator, boolean uniform, int batch, DataType type) {
        boolean g = generator.conditionSize() > 0;
        boolean d = discriminator.conditionSize() > 0;
        boolean aux = discriminator.auxiliaryClasses() > 0;
        if (!g && !d && !aux) {
            return NONE;
        }
        Condition condition = dataset.condition();
        int size = condition.size();
        if ((g && generator.conditionSize() != size) || (d && discriminator.conditionSize() != size)
                || (aux && discriminator.auxiliaryClasses() != size)) {
            throw new IllegalStateException("the networks read conditions of width " + generator.conditionSize() + " (generator), "
                    + discriminator.conditionSize() + " and " + discriminator.auxiliaryClasses()
                    + " classes (discriminator), but the data has " + condition.describe());
        }
        return new Labels(condition, dataset, uniform, g, d, aux, batch, type);
    }

    /** Whether the run uses labels at all. */
    boolean active() {
        return drawn != null;
    }

    /** The data's condition ({@link Condition#NONE} for an unconditional run). */
    Condition condition() {
        return condition;
    }

    /** Restarts the draws from {@code seed} (at the start of each iteration). */
    void reseed(long seed) {
        stream = new SplittableRandom(seed);
    }

    /** New labels for a generated batch, {@code [batch, size]} (a buffer reused by the next draw); null when inactive. */
    INDArray draw() {
        if (drawn == null) {
            return null;
        }
        int batch = (int) drawn.size(0);
        if (!uniform) {
            int[] indices = new int[batch];
            for (int i = 0; i < batch; i++) {
                indices[i] = stream.nextInt(dataset.size());
            }
            dataset.fillCondition(indices, 0, batch, drawn);
        } else if (condition.isClasses()) {
            int[] classes = new int[batch];
            for (int i = 0; i < batch; i++) {
                classes[i] = stream.nextInt(condition.size());
            }
            condition.putOneHot(classes, 0, batch, drawn);
        } else {
            drawn.assign(ConditionalSamples.uniformAttributes(condition, batch, stream.nextLong(), drawn.dataType()));
        }
        return drawn;
    }

    /** The labels of the last {@link #draw} (null when inactive): those of the batch generated last. */
    INDArray current() {
        return drawn;
    }

    /** The real batch's labels, when the run uses labels; else null (nothing is looked up). */
    INDArray real(RealBatches batches) {
        return drawn == null ? null : batches.condition();
    }

    /** What the generator reads beside z: {@code labels} when it is conditional, else null. */
    INDArray forGenerator(INDArray labels) {
        return generatorReads ? labels : null;
    }

    /** What the discriminator reads beside a batch: {@code labels} when it takes them as input, else null. */
    INDArray forDiscriminator(INDArray labels) {
        return discriminatorReads ? labels : null;
    }

    /** Whether the discriminator classifies samples by their labels (AC-GAN). */
    boolean discriminatorClassifies() {
        return discriminatorClassifies;
    }
}

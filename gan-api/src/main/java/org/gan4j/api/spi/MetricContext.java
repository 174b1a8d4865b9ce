package org.gan4j.api.spi;

import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.Pass;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What a {@link MetricSpec} evaluates: the generator (read it, never modify it), the run's dataset,
 * how many samples to draw and the seed to draw them with (the same seed at every evaluation, so
 * values over time differ only by what the generator learned).
 *
 * @param generator the generator, used in evaluation mode
 * @param dataset   the real data the run trains on
 * @param samples   number of samples to draw
 * @param seed      seed for the latent noise
 */
public record MetricContext(Generator generator, Dataset dataset, int samples, long seed) {

    /** At most this many samples go through the generator at once. */
    public static final int BATCH = 500;

    /**
     * {@link #samples()} generated samples {@code [samples, sampleShape...]} from noise drawn with
     * {@link #seed()}, generator in evaluation mode, computed in batches of at most {@value #BATCH}.
     * A conditional generator is asked for the labels of {@link #samples()} data samples drawn
     * uniformly with the seed, so the generated labels follow the data's.
     */
    public INDArray generate() {
        return generate(generator.conditionSize() > 0 ? dataLabels() : null);
    }

    /**
     * Like {@link #generate()}, asking a conditional generator for the given labels: {@code condition}
     * is {@code [samples, conditionSize]} condition rows (see {@link Condition}), sample {@code i}
     * generated for row {@code i}; {@code null} for an unconditional generator.
     */
    public INDArray generate(INDArray condition) {
        if (condition != null && (condition.rank() != 2 || condition.size(0) != samples)) {
            throw new IllegalArgumentException("the condition must have one row per sample, [" + samples + ", "
                    + generator.conditionSize() + "], got " + java.util.Arrays.toString(condition.shape()));
        }
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        DataType type = generator.parameters().values().dataType();
        long[] in = generator.inputShape();
        long[] out = generator.outputShape();
        INDArray result = Nd4j.create(type, Shapes.withBatch(samples, out));
        Pass pass = generator.newPass();
        for (int from = 0; from < samples; from += BATCH) {
            int n = Math.min(BATCH, samples - from);
            INDArray z = Nd4j.create(type, Shapes.withBatch(n, in));
            generator.noise().sample(z, rng);
            INDArray c = condition == null ? null : condition.get(NDArrayIndex.interval(from, from + n), NDArrayIndex.all()).castTo(type).dup('c');
            INDArray x = pass.forward(z, c, false);
            result.get(NDArrayIndex.interval(from, from + n)).assign(x);
        }
        return result;
    }

    /** The labels of {@link #samples()} data samples drawn uniformly from a seed derived from {@link #seed()}. */
    private INDArray dataLabels() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ LABEL_SEED_MIX);
        int[] indices = new int[samples];
        for (int i = 0; i < samples; i++) {
            indices[i] = random.nextInt(dataset.size());
        }
        INDArray labels = Nd4j.zeros(generator.parameters().values().dataType(), samples, dataset.condition().size());
        dataset.fillCondition(indices, 0, samples, labels);
        return labels;
    }

    /** Mixed into the seed for the labels, so they do not replay the noise's draws. */
    private static final long LABEL_SEED_MIX = 0x632BE59BD9B4E019L;
}

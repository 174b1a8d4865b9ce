package org.gan4j.api.spi;

import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.Pass;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

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
     */
    public INDArray generate() {
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        long[] in = generator.inputShape();
        long[] out = generator.outputShape();
        INDArray result = Nd4j.create(generator.parameters().values().dataType(), Shapes.withBatch(samples, out));
        Pass pass = generator.newPass();
        for (int from = 0; from < samples; from += BATCH) {
            int n = Math.min(BATCH, samples - from);
            INDArray z = Nd4j.create(generator.parameters().values().dataType(), Shapes.withBatch(n, in));
            generator.noise().sample(z, rng);
            INDArray x = pass.forward(z, false);
            result.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + n)).assign(x);
        }
        return result;
    }
}

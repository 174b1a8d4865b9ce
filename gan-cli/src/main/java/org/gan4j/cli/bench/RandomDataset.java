package org.gan4j.cli.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.gan4j.api.data.Batches;
import org.gan4j.api.spi.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Uniform [-1, 1) "real" samples, as the PyTorch reference uses: the benchmark times the training
 * step, not data loading, so a batch is one bulk copy from a Java array.
 */
final class RandomDataset implements Dataset {

    private final long[] sampleShape;
    private final int sampleLength;
    private final float[] samples;
    private final float[] batch;
    private final int size;

    RandomDataset(long[] sampleShape, int size, long seed) {
        this.sampleShape = sampleShape.clone();
        this.size = size;
        this.sampleLength = Math.toIntExact(Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b));
        this.samples = new float[size * sampleLength];
        this.batch = new float[size * sampleLength];
        Random random = new Random(seed);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextFloat() * 2 - 1;
        }
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void fill(int[] indices, int from, int count, INDArray out) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(samples, indices[from + i] * sampleLength, batch, i * sampleLength, sampleLength);
        }
        Batches.putRows(out, batch, count, sampleLength);
    }

    @Override
    public List<Path> files() {
        return List.of();
    }

    @Override
    public String description() {
        return "random uniform [-1, 1) samples of shape " + Arrays.toString(sampleShape);
    }
}

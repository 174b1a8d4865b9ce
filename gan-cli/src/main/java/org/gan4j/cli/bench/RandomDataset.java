package org.gan4j.cli.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.gan4j.core.spi.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One batch of uniform [-1, 1) "real" samples, as the PyTorch reference uses: the benchmark times the
 * training step, not data loading.
 */
final class RandomDataset implements Dataset {

    private final long[] sampleShape;
    private final INDArray samples;

    RandomDataset(long[] sampleShape, int size, long seed) {
        this.sampleShape = sampleShape.clone();
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = size;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        float[] values = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        this.samples = Nd4j.create(values, shape, DataType.FLOAT);
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    @Override
    public int size() {
        return (int) samples.size(0);
    }

    @Override
    public void fill(int[] indices, int from, int count, INDArray out) {
        for (int i = 0; i < count; i++) {
            out.get(NDArrayIndex.point(i)).assign(samples.get(NDArrayIndex.point(indices[from + i])));
        }
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

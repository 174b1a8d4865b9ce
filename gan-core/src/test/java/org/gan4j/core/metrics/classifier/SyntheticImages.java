package org.gan4j.core.metrics.classifier;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.gan4j.api.spi.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A labelled image dataset for tests: {@code 1 x 12 x 12} images of class {@code i % 4} with a bright
 * 4x4 square in the class's quadrant (moved by up to one pixel), background -0.8, plus Gaussian pixel
 * noise of {@code noise}, all drawn from the image's index. Optionally more noise on top ({@link #withExtraNoise}).
 */
class SyntheticImages implements Dataset {

    static final int SIDE = 12;
    static final int CLASSES = 4;

    private final int size;
    private final int offset;
    private final double noise;
    private final double extraNoise;

    SyntheticImages(int size) {
        this(size, 0, 0.05, 0);
    }

    private SyntheticImages(int size, int offset, double noise, double extraNoise) {
        this.size = size;
        this.offset = offset;
        this.noise = noise;
        this.extraNoise = extraNoise;
    }

    /** Images {@code [from, from + count)} of this dataset as a dataset of their own. */
    SyntheticImages range(int from, int count) {
        return new SyntheticImages(count, offset + from, noise, extraNoise);
    }

    /** The same images with independent Gaussian noise of standard deviation {@code sigma} added. */
    SyntheticImages withExtraNoise(double sigma) {
        return new SyntheticImages(size, offset, noise, sigma);
    }

    @Override
    public long[] sampleShape() {
        return new long[] {1, SIDE, SIDE};
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void fill(int[] indices, int from, int count, INDArray out) {
        float[] values = new float[count * SIDE * SIDE];
        for (int r = 0; r < count; r++) {
            int index = indices[from + r] + offset;
            Random random = new Random(1000L + index);
            int c = index % CLASSES;
            int top = (c / 2) * 6 + 1 + random.nextInt(3) - 1;
            int left = (c % 2) * 6 + 1 + random.nextInt(3) - 1;
            Random extra = new Random(-1L - index);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean on = y >= top && y < top + 4 && x >= left && x < left + 4;
                    double v = (on ? 0.8 : -0.8) + noise * random.nextGaussian() + extraNoise * extra.nextGaussian();
                    values[r * SIDE * SIDE + y * SIDE + x] = (float) v;
                }
            }
        }
        out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, count))
                .assign(Nd4j.createFromArray(values).reshape(count, 1, SIDE, SIDE));
    }

    @Override
    public int classCount() {
        return CLASSES;
    }

    @Override
    public int label(int index) {
        return (index + offset) % CLASSES;
    }

    @Override
    public List<Path> files() {
        return List.of();
    }

    @Override
    public String description() {
        return "synthetic squares, " + size + " images 1x12x12";
    }
}

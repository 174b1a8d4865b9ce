package org.gan4j.data.synthetic;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.gan4j.api.data.MixtureDataset;
import org.gan4j.api.data.DataMemory;
import org.gan4j.api.spi.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code size} points drawn once from an equally weighted mixture of isotropic Gaussians, kept in
 * memory. Every mode gets the same count (to within one); the points are stored in a seeded random
 * order, so any regular subset of indices (e.g. every 20th for a plot) still sees all modes.
 */
public final class GaussianMixture implements Dataset, MixtureDataset {

    private final double[][] modes;
    private final double stddev;
    private final float[] points;
    private final int dims;
    private final String description;
    private final int[] order;

    /** Draws the points with a {@link SplittableRandom} seeded with {@code seed}. */
    public GaussianMixture(double[][] modes, double stddev, int size, long seed, String description) {
        this.modes = new double[modes.length][];
        for (int m = 0; m < modes.length; m++) {
            this.modes[m] = modes[m].clone();
        }
        this.stddev = stddev;
        this.dims = modes[0].length;
        this.points = new float[size * dims];
        this.description = description;
        SplittableRandom rng = new SplittableRandom(seed);
        order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i % modes.length;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < size; i++) {
            double[] centre = modes[order[i]];
            for (int k = 0; k < dims; k++) {
                points[i * dims + k] = (float) (centre[k] + stddev * gaussian(rng));
            }
        }
    }

    /**
     * Refuses, before anything is allocated, a mixture whose centres and points do not fit in the Java
     * heap (or in one Java array). The sizes reported are the config value behind the larger part,
     * {@code modesField} or {@code size}, so the error names that field.
     *
     * @param modes      the number of Gaussians
     * @param modesField the config value they come from (the ring's {@code modes}, the grid's {@code side})
     */
    static void requireFits(long modes, long modesField, long size, int dims) {
        long centres = DataMemory.times(modes, 48 + 8L * dims); // a double[] per mode, with its headers
        long points = DataMemory.times(size, 4L * dims + 4); // the points (float) and their modes (int)
        DataMemory.requireHeap(centres > Long.MAX_VALUE - points ? Long.MAX_VALUE : centres + points,
                Math.max(modes, DataMemory.times(size, dims)),
                String.format(Locale.ROOT, "The data's %d points of %d values, drawn from %d Gaussians,", size, dims, modes),
                centres > points ? modesField : size);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** The points, {@code [size][dims]}. */
    public double[][] points() {
        double[][] out = new double[size()][dims];
        for (int i = 0; i < out.length; i++) {
            for (int k = 0; k < dims; k++) {
                out[i][k] = points[i * dims + k];
            }
        }
        return out;
    }

    @Override
    public double[][] modes() {
        double[][] out = new double[modes.length][];
        for (int m = 0; m < modes.length; m++) {
            out[m] = modes[m].clone();
        }
        return out;
    }

    @Override
    public double stddev() {
        return stddev;
    }

    @Override
    public long[] sampleShape() {
        return new long[] {dims};
    }

    @Override
    public int size() {
        return points.length / dims;
    }

    @Override
    public void fill(int[] indices, int from, int count, INDArray out) {
        float[] batch = new float[count * dims];
        for (int i = 0; i < count; i++) {
            System.arraycopy(points, indices[from + i] * dims, batch, i * dims, dims);
        }
        INDArray rows = Nd4j.createFromArray(batch).reshape(count, dims).castTo(out.dataType());
        out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, count)).assign(rows);
    }

    /** The mode each point was drawn from. */
    @Override
    public int classCount() {
        return modes.length;
    }

    @Override
    public int label(int index) {
        return order[index];
    }

    @Override
    public List<Path> files() {
        return List.of();
    }

    @Override
    public String description() {
        return description;
    }
}

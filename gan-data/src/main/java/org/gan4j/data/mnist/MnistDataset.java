package org.gan4j.data.mnist;

import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.data.Batches;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Dataset;
import org.gan4j.data.idx.IdxArray;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Labelled greyscale images held as unsigned bytes (70,000 MNIST images take 55 MB), scaled to
 * [-1, 1] as {@code x / 127.5 - 1} only when a batch is filled. Immutable once built, so
 * {@link #fill} may run on any thread.
 */
public final class MnistDataset implements Dataset {

    /** {@code x / 127.5 - 1} for every byte value: 0 maps to -1 and 255 to 1 exactly. */
    private static final float[] SCALE = new float[256];

    static {
        for (int x = 0; x < 256; x++) {
            SCALE[x] = (float) (x / 127.5 - 1);
        }
    }

    private final byte[][] pixels;
    private final byte[][] labels;
    /** {@code starts[p]} is the index of part p's first image; {@code starts[parts]} is the size. */
    private final int[] starts;
    private final int rows;
    private final int columns;
    private final int imageLength;
    /** Side of the output frame when padding, else 0; then {@code top}/{@code left} place the image in it. */
    private final int padTo;
    private final int top;
    private final int left;
    private final int sampleLength;
    private final int classCount;
    private final List<Path> files;
    private final String description;
    private final Condition condition;
    private final ThreadLocal<float[]> scratch = new ThreadLocal<>();

    /**
     * @param parts       image/label pairs concatenated in this order (e.g. train then test); already
     *                    checked: same count within a pair, same image size across pairs
     * @param padTo       side of the square frame of background (-1) the images are centred in, or 0
     *                    for none; already checked to be at least the image side
     * @param description one line for the run log
     * @param classNames  the classes' names, or null for their numbers
     */
    MnistDataset(List<IdxArray[]> parts, int padTo, String description, List<String> classNames) {
        int n = parts.size();
        this.pixels = new byte[n][];
        this.labels = new byte[n][];
        this.starts = new int[n + 1];
        List<Path> read = new java.util.ArrayList<>();
        int max = -1;
        for (int p = 0; p < n; p++) {
            IdxArray images = parts.get(p)[0];
            IdxArray labelArray = parts.get(p)[1];
            pixels[p] = images.data();
            labels[p] = labelArray.data();
            starts[p + 1] = Math.addExact(starts[p], images.count());
            for (byte b : labels[p]) {
                max = Math.max(max, b & 0xff);
            }
            read.add(images.file());
            read.add(labelArray.file());
        }
        int[] dims = parts.get(0)[0].dimensions();
        this.rows = dims[1];
        this.columns = dims[2];
        this.imageLength = rows * columns;
        this.padTo = padTo;
        // an odd margin puts the extra background row/column after the image (bottom, right)
        this.top = padTo > 0 ? (padTo - rows) / 2 : 0;
        this.left = padTo > 0 ? (padTo - columns) / 2 : 0;
        this.sampleLength = padTo > 0 ? padTo * padTo : imageLength;
        this.classCount = max + 1;
        this.files = List.copyOf(read);
        this.description = description;
        this.condition = classNames != null && classNames.size() == classCount ? Condition.classes(classNames)
                : classCount >= 2 ? Condition.classes(classCount) : Condition.NONE;
    }

    /** The digits (or the names given), for conditional models. */
    @Override
    public Condition condition() {
        return condition;
    }

    @Override
    public long[] sampleShape() {
        return padTo > 0 ? new long[] {1, padTo, padTo} : new long[] {1, rows, columns};
    }

    @Override
    public int size() {
        return starts[starts.length - 1];
    }

    @Override
    public void fill(int[] indices, int from, int count, INDArray out) {
        int length = count * sampleLength;
        float[] values = scratch.get();
        if (values == null || values.length < length) {
            values = new float[length];
            scratch.set(values);
        }
        if (padTo > 0) {
            java.util.Arrays.fill(values, 0, length, -1f);
        }
        for (int r = 0; r < count; r++) {
            int index = indices[from + r];
            int part = part(index);
            byte[] source = pixels[part];
            int s = (index - starts[part]) * imageLength;
            if (padTo == 0) {
                int t = r * imageLength;
                for (int k = 0; k < imageLength; k++) {
                    values[t + k] = SCALE[source[s + k] & 0xff];
                }
            } else {
                for (int y = 0; y < rows; y++) {
                    int t = r * sampleLength + (top + y) * padTo + left;
                    int sy = s + y * columns;
                    for (int x = 0; x < columns; x++) {
                        values[t + x] = SCALE[source[sy + x] & 0xff];
                    }
                }
            }
        }
        Batches.putRows(out, values, count, sampleLength);
    }

    private int part(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("sample " + index + " of a dataset of " + size());
        }
        int p = 0;
        while (index >= starts[p + 1]) {
            p++;
        }
        return p;
    }

    /** The largest label plus one: 10 for MNIST and Fashion-MNIST. */
    @Override
    public int classCount() {
        return classCount;
    }

    @Override
    public int label(int index) {
        int part = part(index);
        return labels[part][index - starts[part]] & 0xff;
    }

    @Override
    public List<Path> files() {
        return files;
    }

    @Override
    public String description() {
        return description;
    }
}

package org.gan4j.api.array;

/** Array shapes as gan4j uses them: batch-first, a sample's shape without the batch dimension. */
public final class Shapes {

    private Shapes() {
    }

    /** The shape of a batch of {@code batch} samples of {@code sampleShape}: {@code [batch, sampleShape...]}. */
    public static long[] withBatch(long batch, long[] sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = batch;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }

    /** The number of values in one array of {@code shape}: the product of its dimensions (1 for {@code []}). */
    public static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}

package org.gan4j.core.train;

/** Small shape helpers shared by the trainer and the sampler. */
final class TrainerSupport {

    private TrainerSupport() {
    }

    /** {@code [batch, sampleShape...]}. */
    static long[] batchShape(long batch, long[] sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = batch;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }
}

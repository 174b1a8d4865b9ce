package org.gan4j.embed;

import java.util.OptionalInt;

/**
 * What to draw from a {@link TrainedGenerator}: how many samples, from which seed, in batches of
 * how many, and (for a conditional generator) of which class. Immutable.
 *
 * <p>The samples depend only on the count, the seed and the class, not on the batch size (up to
 * float rounding, about 1e-6): the latent noise of all {@code count} samples is drawn first from one
 * generator seeded with {@code seed} (as {@code gan4j sample --seed} draws it), then run through
 * the network {@code batchSize} at a time (in evaluation mode nothing mixes samples of a batch).
 *
 * @param count     number of samples, at least 1
 * @param seed      seed of the latent noise; the same seed gives the same samples
 * @param batchSize samples per forward pass (bounds memory), at least 1
 * @param label     the class to draw, for a conditional generator; empty for an unconditional one
 */
public record SampleRequest(int count, long seed, int batchSize, OptionalInt label) {

    /** The default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    public SampleRequest {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        label = label == null ? OptionalInt.empty() : label;
    }

    /** {@code count} samples from seed 1 (the command line's default), batches of {@value #DEFAULT_BATCH_SIZE}, no class. */
    public static SampleRequest of(int count) {
        return new SampleRequest(count, 1, DEFAULT_BATCH_SIZE, OptionalInt.empty());
    }

    public SampleRequest withSeed(long value) {
        return new SampleRequest(count, value, batchSize, label);
    }

    public SampleRequest withBatchSize(int value) {
        return new SampleRequest(count, seed, value, label);
    }

    /** Samples of class {@code value}; only a conditional generator takes one. */
    public SampleRequest withLabel(int value) {
        return new SampleRequest(count, seed, batchSize, OptionalInt.of(value));
    }
}

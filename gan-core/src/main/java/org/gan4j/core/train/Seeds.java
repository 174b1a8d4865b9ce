package org.gan4j.core.train;

/**
 * Derives independent seeds from a run's one seed, so that the data order, the training noise, the
 * fixed sample noise and each network's initialisation do not share a random stream: changing how
 * much noise one part draws must not shift another part's numbers.
 */
public final class Seeds {

    /** What seed 0 becomes in {@link #random}. */
    static final long ZERO_REPLACEMENT = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /**
     * An ND4J random generator seeded with {@code seed}. ND4J's native generator does not take 0 as a
     * seed (an instance made with 0 draws differently on every thread: measured), so 0 is replaced
     * by a fixed non-zero value; every other seed is used as it is.
     */
    public static org.nd4j.linalg.api.rng.Random random(long seed) {
        return org.nd4j.linalg.factory.Nd4j.getRandomFactory().getNewRandomInstance(seed == 0 ? ZERO_REPLACEMENT : seed);
    }

    /** A seed for {@code purpose} (e.g. "noise", "generator") derived from {@code seed} with SplitMix64. */
    public static long derive(long seed, String purpose) {
        long z = seed + 0x9E3779B97F4A7C15L * (purpose.hashCode() + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The seed a run's generator is built (initialised) with. */
    public static long generator(long runSeed) {
        return derive(runSeed, "generator");
    }

    /** The seed a run's discriminator is built (initialised) with. */
    public static long discriminator(long runSeed) {
        return derive(runSeed, "discriminator");
    }

    /**
     * A seed for {@code purpose} at step {@code index} (e.g. an iteration): counter-based, so the
     * draws of step {@code index} do not depend on how many steps ran before in this process.
     */
    public static long derive(long seed, String purpose, long index) {
        return derive(derive(seed, purpose) + index * 0xD1B54A32D192ED03L, "step");
    }
}

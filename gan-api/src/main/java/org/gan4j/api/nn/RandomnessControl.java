package org.gan4j.api.nn;

/**
 * Implemented by passes whose training-mode forward draws random numbers (dropout masks). Freezing
 * makes later forwards reuse the draws of the last one, so a function evaluated twice with slightly
 * different inputs stays the same function: what a finite-difference {@link GradientCheck} needs.
 */
public interface RandomnessControl {

    /**
     * While {@code true}, training-mode forwards reuse the random draws of the previous forward
     * (drawing new ones only if there were none or the batch size changed).
     */
    void freezeRandomness(boolean frozen);
}

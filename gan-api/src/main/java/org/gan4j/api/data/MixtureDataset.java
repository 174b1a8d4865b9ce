package org.gan4j.api.data;

/**
 * A dataset drawn from a mixture of equally weighted isotropic Gaussians with known centres, so
 * {@link ModeCoverageSpec mode-coverage} can tell which mode each generated sample belongs to.
 */
public interface MixtureDataset {

    /** The centres of the modes, {@code [modes][dimensions]}. */
    double[][] modes();

    /** The standard deviation of every mode in every dimension. */
    double stddev();
}

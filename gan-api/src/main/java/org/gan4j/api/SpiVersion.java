package org.gan4j.api;

/**
 * The version of the plugin API (the {@link Api} packages). A plugin jar states the version it was
 * compiled against in its manifest, {@code Gan4j-SPI-Version: 2}; gan4j refuses a jar whose major
 * version differs from {@link #MAJOR} (a changed interface would fail later with a bare
 * {@link LinkageError}). The major version changes only when a change breaks compiled plugins;
 * additions (default methods) keep it.
 *
 * <p>History: 1, the SPI in gan-core's {@code org.gan4j.core.spi}; 2, the API split into gan-api
 * ({@code org.gan4j.api.*}), with {@link org.gan4j.api.spi.Loss#recommendedOptimizer} returning an
 * {@link org.gan4j.api.spi.OptimizerChoice}. Additions within 2 (plugins built before them still load):
 * labels for conditional GANs ({@link org.gan4j.api.spi.Condition}, {@code Dataset.condition},
 * {@code GeneratorSpec/DiscriminatorSpec.conditional}, {@code Network.conditionSize},
 * {@code Pass.forward(input, condition, training)}, {@code Discriminator.auxiliaryClasses},
 * {@code SampleSource.columns}; {@code GradientPenalty.evaluate(inputGradients, gradient)}).
 */
public final class SpiVersion {

    /**
     * The API's major version. gan-api's jar manifest carries it too, from the parent pom's
     * {@code gan4j.spi.version} (a test checks the two agree).
     */
    public static final int MAJOR = 2;

    /** The manifest attribute a plugin jar declares its SPI version in: {@value}. */
    public static final String MANIFEST_ATTRIBUTE = "Gan4j-SPI-Version";

    private SpiVersion() {
    }
}

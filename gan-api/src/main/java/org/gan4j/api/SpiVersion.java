package org.gan4j.api;

/**
 * The version of this SPI. A plugin jar states the version it was compiled against in its manifest,
 * {@code Gan4j-SPI-Version: 1}; gan4j refuses a jar whose major version differs from {@link #MAJOR}
 * (a changed interface would fail later with a bare {@link LinkageError}). The major version changes
 * only when a change breaks compiled plugins; additions (default methods) keep it.
 */
public final class SpiVersion {

    /** The SPI's major version. gan-core's own jar manifest carries it too. */
    public static final int MAJOR = 1;

    /** The manifest attribute a plugin jar declares its SPI version in: {@value}. */
    public static final String MANIFEST_ATTRIBUTE = "Gan4j-SPI-Version";

    private SpiVersion() {
    }
}

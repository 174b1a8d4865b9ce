package org.gan4j.api.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The generator's current output on the run's fixed noise batch, for sample grids. */
public interface SampleSource {

    /**
     * Samples from the fixed noise, generator in evaluation mode, {@code [sampleCount, sampleShape...]};
     * computed on first use after each iteration and shared by all listeners. Do not modify; copy to keep.
     */
    INDArray samples();

    /**
     * The columns a grid of {@link #samples()} should have: in a run conditioned on classes, the
     * samples are one row per class (row {@code k} shows class {@code k}, each column one fixed
     * noise vector), so a picture is meant to have this many columns. 0, the default, when any
     * layout will do.
     */
    default int columns() {
        return 0;
    }
}

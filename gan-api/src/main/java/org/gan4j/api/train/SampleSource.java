package org.gan4j.api.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The generator's current output on the run's fixed noise batch, for sample grids. */
public interface SampleSource {

    /**
     * Samples from the fixed noise, generator in evaluation mode, {@code [sampleCount, sampleShape...]};
     * computed on first use after each iteration and shared by all listeners. Do not modify; copy to keep.
     */
    INDArray samples();
}

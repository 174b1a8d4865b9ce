package org.gan4j.testkit;

import org.gan4j.api.spi.Loss;

/** The abstract contract runs, as a plugin author would use it, on the reference loss. */
class ReferenceLossContractTest extends LossContract {

    @Override
    protected Loss loss() {
        return new TestLosses.Reference();
    }
}

package com.example.lsgan;

import org.gan4j.api.spi.Loss;
import org.gan4j.testkit.LossContract;

/** gan4j's contract for losses: finite differences, extreme scores, batch size, sign conventions, shapes. */
class MyLeastSquaresLossContractTest extends LossContract {

    @Override
    protected Loss loss() {
        return new MyLeastSquaresLoss(0.0, 1.0, 1.0);
    }

    /** A discriminator that cannot tell sits halfway between the targets a = 0 and b = 1. */
    @Override
    protected double undecidedScore() {
        return 0.5;
    }
}

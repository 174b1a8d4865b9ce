package org.gan4j.core.train;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.LossResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A non-finite loss or gradient norm is traced to the component whose output went non-finite first. */
class DivergenceGuardTest {

    private final Components names = new Components("the generator (generator.type; my.Gen from g.jar)",
            "the discriminator (discriminator.type; my.Disc from d.jar)", "the loss (loss.type; my.Loss from l.jar)");
    private final DivergenceGuard guard = new DivergenceGuard(null, null, null, names, () -> Path.of("runs/x/checkpoint-5.zip"));

    private static final INDArray FINITE = Nd4j.createFromArray(0.5, -1.0).reshape(2, 1);
    private static final INDArray NAN = Nd4j.createFromArray(0.5, Double.NaN).reshape(2, 1);
    private static final LossResult NAN_VALUE = new LossResult(Double.NaN, FINITE, FINITE);

    @Test
    void aFiniteLossPasses() {
        assertThatCode(() -> guard.checkLoss(3, 1, "discriminator", new LossResult(0.7, FINITE, FINITE), FINITE, FINITE, FINITE))
                .doesNotThrowAnyException();
    }

    @Test
    void finiteScoresInANanLossOutNamesTheLoss() {
        assertThatThrownBy(() -> guard.checkLoss(3, 1, "discriminator", NAN_VALUE, FINITE, FINITE, FINITE))
                .isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith("Training diverged at iteration 3 (epoch 1): the discriminator loss is NaN, from the loss: "
                        + "the loss (loss.type; my.Loss from l.jar) returned NaN for finite scores.")
                .hasMessageContaining("runs/x/checkpoint-5.zip");
    }

    @Test
    void nanScoresNameTheDiscriminatorAndNanSamplesTheGenerator() {
        assertThatThrownBy(() -> guard.checkLoss(4, 1, "generator", NAN_VALUE, null, NAN, FINITE))
                .hasMessageContaining("the generator loss is NaN, from the discriminator's output: the discriminator "
                        + "(discriminator.type; my.Disc from d.jar) gave non-finite scores to generated samples");
        assertThatThrownBy(() -> guard.checkLoss(4, 1, "discriminator", NAN_VALUE, NAN, FINITE, FINITE))
                .hasMessageContaining("gave non-finite scores to real samples");
        assertThatThrownBy(() -> guard.checkLoss(4, 1, "discriminator", NAN_VALUE, NAN, NAN, NAN))
                .hasMessageContaining("from the generator's output: the generator (generator.type; my.Gen from g.jar) produced non-finite samples");
    }

    @Test
    void aNanGradientNormIsTracedToTheLossGradientWhenThatIsNonFinite() {
        assertThatThrownBy(() -> guard.checkGradientNorm(7, 2, "discriminator", Double.NaN, new LossResult(0.1, FINITE, NAN)))
                .hasMessageContaining("the discriminator gradient norm is NaN, from the loss: the loss (loss.type; my.Loss from l.jar) "
                        + "returned a non-finite gradient for finite scores");
        assertThatThrownBy(() -> guard.checkGradientNorm(7, 2, "generator", Double.POSITIVE_INFINITY, new LossResult(0.1, null, FINITE)))
                .hasMessageContaining("the generator gradient norm is Infinity, from back-propagation through the discriminator "
                        + "(discriminator.type; my.Disc from d.jar) and the generator");
    }
}

package org.gan4j.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gan4j.losses.LossTestSupport.scores;

import java.util.Map;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.spi.LossResult;
import org.gan4j.api.spi.OptimizerChoice;
import org.gan4j.testkit.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The Wasserstein loss: critic and generator values, gradients, raw mean output, weight clipping. */
class WassersteinLossTest {

    private final WassersteinLoss loss = new WassersteinLoss(0.01);

    @Test
    void criticLossIsMeanFakeMinusMeanReal() {
        LossResult r = loss.discriminatorLoss(scores(2, -1, 5), scores(0.5, -3));
        assertThat(r.value()).isCloseTo((0.5 - 3) / 2 - (2 - 1 + 5) / 3.0, within(1e-15));
        assertThat(r.realGradient().toDoubleVector()).containsExactly(-1 / 3.0, -1 / 3.0, -1 / 3.0);
        assertThat(r.fakeGradient().toDoubleVector()).containsExactly(0.5, 0.5);
        assertThat(r.realGradient().shape()).containsExactly(3, 1);
    }

    @Test
    void generatorLossIsMinusMeanFake() {
        LossResult r = loss.generatorLoss(scores(0.5, -3, 1));
        assertThat(r.value()).isCloseTo(-(0.5 - 3 + 1) / 3, within(1e-15));
        assertThat(r.realGradient()).isNull();
        assertThat(r.fakeGradient().toDoubleVector()).containsExactly(-1 / 3.0, -1 / 3.0, -1 / 3.0);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        INDArray real = scores(2, -1, 5);
        INDArray fake = scores(0.5, -3);
        LossResult d = loss.discriminatorLoss(real, fake);
        assertThat(d.realGradient().toDoubleVector())
                .containsExactly(FiniteDifferences.gradient(x -> loss.discriminatorLoss(x, fake).value(), real, 1e-5), within(1e-9));
        assertThat(d.fakeGradient().toDoubleVector())
                .containsExactly(FiniteDifferences.gradient(x -> loss.discriminatorLoss(real, x).value(), fake, 1e-5), within(1e-9));
        assertThat(loss.generatorLoss(fake).fakeGradient().toDoubleVector())
                .containsExactly(FiniteDifferences.gradient(x -> loss.generatorLoss(x).value(), fake, 1e-5), within(1e-9));
    }

    @Test
    void extremeScoresStayFiniteAndFloatStaysFloat() {
        INDArray real = scores(DataType.FLOAT, 1000, -1000, 100);
        INDArray fake = scores(DataType.FLOAT, -1000, -100);
        LossResult d = loss.discriminatorLoss(real, fake);
        assertThat(d.value()).isCloseTo(-550 - 100 / 3.0, within(1e-3));
        assertThat(d.realGradient().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(d.fakeGradient().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(loss.generatorLoss(fake).value()).isCloseTo(550, within(1e-3));
        assertThat(real.toDoubleVector()).containsExactly(1000, -1000, 100);
    }

    @Test
    void aCriticThatSeparatesBetterHasALowerLoss() {
        double weak = loss.discriminatorLoss(scores(0.1, 0.2), scores(0.0, 0.1)).value();
        double strong = loss.discriminatorLoss(scores(3, 2), scores(-3, -2)).value();
        assertThat(strong).isLessThan(weak);
        assertThat(loss.generatorLoss(scores(2)).value()).isLessThan(loss.generatorLoss(scores(-2)).value());
    }

    @Test
    void meanOutputIsTheRawMeanNotAProbability() {
        assertThat(loss.meanOutput(scores(-2, 5))).isCloseTo(1.5, within(1e-15));
    }

    @Test
    void clippingBoundsEveryTrainableValueInPlaceAndLeavesStateAlone() {
        Parameters.Builder builder = Parameters.builder();
        Parameters.Slot w = builder.add("w", 2, 3);
        Parameters.Slot b = builder.add("b", 2);
        Parameters.Slot running = builder.addState("running", 2);
        Parameters parameters = builder.build(DataType.DOUBLE);
        double[] before = {0.005, -0.02, 0.01, 3.0, -0.0099, -7.5, 0.0, 0.011};
        parameters.values().assign(scores(before).reshape(8));
        running.value().assign(5.0);
        INDArray valuesArray = parameters.values();

        new WassersteinLoss(0.01).afterDiscriminatorStep(parameters);

        assertThat(parameters.values()).isSameAs(valuesArray);
        assertThat(parameters.values().toDoubleVector())
                .containsExactly(0.005, -0.01, 0.01, 0.01, -0.0099, -0.01, 0.0, 0.01);
        // The slot views share the clipped array.
        assertThat(w.value().getDouble(1, 0)).isEqualTo(0.01);
        assertThat(b.value().getDouble(1)).isEqualTo(0.01);
        assertThat(running.value().toDoubleVector()).containsExactly(5.0, 5.0);
    }

    @Test
    void clippingWorksOnFloatParameters() {
        Parameters.Builder builder = Parameters.builder();
        builder.add("w", 4);
        Parameters parameters = builder.build(DataType.FLOAT);
        parameters.values().assign(scores(DataType.FLOAT, 0.5, -0.5, 0.1, -0.2).reshape(4));
        new WassersteinLoss(0.25).afterDiscriminatorStep(parameters);
        assertThat(parameters.values().toDoubleVector()).containsExactly(new double[] {0.25, -0.25, 0.1, -0.2}, within(1e-7));
    }

    @Test
    void recommendsTheWganPaperSchedule() {
        assertThat(loss.recommendedDiscriminatorSteps()).hasValue(5);
        assertThat(loss.recommendedOptimizer()).contains(OptimizerChoice.of("rmsprop", Map.of("lr", 5e-5)));
    }

    @Test
    void clipMustBePositive() {
        assertThat(new WassersteinLoss((Double) null).clip()).isEqualTo(0.01);
        assertThatThrownBy(() -> new WassersteinLoss(0.0)).hasMessageStartingWith("clip must be a positive number");
        assertThatThrownBy(() -> new WassersteinLoss(-0.01)).hasMessageStartingWith("clip");
        assertThatThrownBy(() -> new WassersteinLoss(Double.POSITIVE_INFINITY)).hasMessageStartingWith("clip");
    }
}

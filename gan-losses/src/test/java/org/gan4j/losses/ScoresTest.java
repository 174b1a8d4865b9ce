package org.gan4j.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gan4j.losses.LossTestSupport.scores;

import java.util.List;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The Java loops the built-in losses run on: views, float scores and the reported mean output. */
class ScoresTest {

    private static final List<Loss> LOSSES = List.of(new NonSaturatingLoss(0.9), new MinimaxLoss(1.0),
            new LeastSquaresLoss(0.0, 1.0, 1.0), new HingeLoss(), new WassersteinLoss(0.01));

    @Test
    void stridedViewsGiveTheSameResultsAsTheirCopies() {
        // Column 1 of a [4, 2] matrix: a view whose elements are two apart in its buffer.
        INDArray matrix = Nd4j.create(new double[] {9, 0.7, 9, -1.2, 9, 2.5, 9, 0.1}, new long[] {4, 2}, DataType.DOUBLE);
        INDArray view = matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 2));
        INDArray copy = view.dup('c');
        INDArray fake = scores(-0.3, 1.1, -2.0);
        for (Loss loss : LOSSES) {
            LossResult onView = loss.discriminatorLoss(view, fake);
            LossResult onCopy = loss.discriminatorLoss(copy, fake);
            assertThat(onView.value()).as(loss.toString()).isEqualTo(onCopy.value());
            assertThat(onView.realGradient().toDoubleVector()).as(loss.toString()).containsExactly(onCopy.realGradient().toDoubleVector());
            assertThat(onView.realGradient().shape()).containsExactly(4, 1);
            assertThat(loss.generatorLoss(view).value()).as(loss.toString()).isEqualTo(loss.generatorLoss(copy).value());
            assertThat(loss.meanOutput(view)).as(loss.toString()).isEqualTo(loss.meanOutput(copy));
        }
        assertThat(matrix.getDouble(0, 0)).isEqualTo(9);
    }

    @Test
    void floatScoresGiveFloatGradientsCloseToTheDoubleOnes() {
        double[] real = {1.7, -0.4, 0.3, 2.6, -1.9};
        double[] fake = {-1.4, 0.55, -0.25};
        for (Loss loss : LOSSES) {
            LossResult d = loss.discriminatorLoss(scores(real), scores(fake));
            LossResult f = loss.discriminatorLoss(scores(DataType.FLOAT, real), scores(DataType.FLOAT, fake));
            assertThat(f.realGradient().dataType()).isEqualTo(DataType.FLOAT);
            assertThat(f.fakeGradient().dataType()).isEqualTo(DataType.FLOAT);
            assertThat(f.value()).as(loss.toString()).isCloseTo(d.value(), within(1e-6));
            assertThat(f.realGradient().toDoubleVector()).containsExactly(d.realGradient().toDoubleVector(), within(1e-7));
            assertThat(f.fakeGradient().toDoubleVector()).containsExactly(d.fakeGradient().toDoubleVector(), within(1e-7));
        }
    }

    @Test
    void meanOutputOfTheLogitLossesIsTheMeanSigmoidLikeTheSpiDefault() {
        INDArray s = scores(3.0, -40.0, 0.0, 0.8, -800.0, 800.0);
        double expected = Transforms.sigmoid(s, true).meanNumber().doubleValue();
        assertThat(new NonSaturatingLoss(1.0).meanOutput(s)).isCloseTo(expected, within(1e-15));
        assertThat(new MinimaxLoss(1.0).meanOutput(s)).isCloseTo(expected, within(1e-15));
        assertThat(new HingeLoss().meanOutput(s)).isCloseTo(s.meanNumber().doubleValue(), within(1e-12));
    }
}

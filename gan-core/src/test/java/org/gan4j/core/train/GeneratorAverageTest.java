package org.gan4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.api.nn.Parameters;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The generator's weight average against the closed form, in double. */
class GeneratorAverageTest {

    private static Parameters parameters() {
        Parameters.Builder b = Parameters.builder();
        b.add("w", 3);
        b.addState("s", 2);
        return b.build(DataType.DOUBLE);
    }

    @Test
    void theDecayWarmsUpThenStaysAtTheSetting() {
        assertThat(GeneratorAverage.decayAt(0.999, 1)).isCloseTo(2.0 / 11, within(1e-15));
        assertThat(GeneratorAverage.decayAt(0.999, 90)).isCloseTo(0.91, within(1e-15));
        assertThat(GeneratorAverage.decayAt(0.999, 8991)).isCloseTo(0.999, within(1e-15));
        assertThat(GeneratorAverage.decayAt(0.999, 100_000)).isEqualTo(0.999);
        assertThat(GeneratorAverage.decayAt(0.5, 3)).isCloseTo(4.0 / 13, within(1e-15));
        assertThat(GeneratorAverage.decayAt(0.5, 30)).isEqualTo(0.5);
    }

    @Test
    void updatesFollowTheRecurrenceOnWeightsAndState() {
        Parameters p = parameters();
        p.values().assign(Nd4j.createFromArray(1.0, -2.0, 4.0));
        p.state().assign(Nd4j.createFromArray(0.5, 3.0));
        GeneratorAverage average = new GeneratorAverage(p, 0.9);
        double[] expectedW = {1.0, -2.0, 4.0};
        double[] expectedS = {0.5, 3.0};
        for (int t = 1; t <= 40; t++) {
            double[] w = {Math.sin(t), t * 0.1, -t};
            double[] st = {t, 1.0 / t};
            p.values().assign(Nd4j.createFromArray(w));
            p.state().assign(Nd4j.createFromArray(st));
            average.update(t);
            double d = Math.min(0.9, (1.0 + t) / (10.0 + t));
            for (int i = 0; i < 3; i++) {
                expectedW[i] = d * expectedW[i] + (1 - d) * w[i];
            }
            for (int i = 0; i < 2; i++) {
                expectedS[i] = d * expectedS[i] + (1 - d) * st[i];
            }
        }
        assertThat(average.values().toDoubleVector()).containsExactly(expectedW, within(1e-12));
        assertThat(average.state().toDoubleVector()).containsExactly(expectedS, within(1e-12));
    }

    @Test
    void swapExchangesAverageAndLiveAndASecondSwapUndoesIt() {
        Parameters p = parameters();
        p.values().assign(Nd4j.createFromArray(1.0, 2.0, 3.0));
        p.state().assign(Nd4j.createFromArray(4.0, 5.0));
        GeneratorAverage average = new GeneratorAverage(p, 0.5);
        p.values().assign(Nd4j.createFromArray(10.0, 20.0, 30.0));
        p.state().assign(Nd4j.createFromArray(40.0, 50.0));
        INDArray[] seen = new INDArray[2];
        average.withAverage(() -> {
            seen[0] = p.values().dup();
            seen[1] = p.state().dup();
            assertThatThrownBy(() -> average.update(1)).isInstanceOf(IllegalStateException.class);
        });
        assertThat(seen[0].toDoubleVector()).containsExactly(1.0, 2.0, 3.0);
        assertThat(seen[1].toDoubleVector()).containsExactly(4.0, 5.0);
        assertThat(p.values().toDoubleVector()).containsExactly(10.0, 20.0, 30.0);
        assertThat(p.state().toDoubleVector()).containsExactly(40.0, 50.0);
        assertThat(average.values().toDoubleVector()).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void aNetworkWithoutStateAndABadDecay() {
        Parameters.Builder b = Parameters.builder();
        b.add("w", 2);
        Parameters p = b.build(DataType.FLOAT);
        GeneratorAverage average = new GeneratorAverage(p, 0.99);
        p.values().assign(1);
        average.update(1);
        average.swap();
        average.swap();
        assertThat(average.state().length()).isZero();
        assertThatThrownBy(() -> new GeneratorAverage(p, 1.0)).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> new GeneratorAverage(p, 0.0)).hasMessageContaining("(0, 1)");
    }
}

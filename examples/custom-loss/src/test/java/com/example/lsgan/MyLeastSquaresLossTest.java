package com.example.lsgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.gan4j.testkit.Scores;
import org.junit.jupiter.api.Test;

/** The loss against its closed form, its settings, and its registration. */
class MyLeastSquaresLossTest {

    @Test
    void valuesAndGradientsMatchTheClosedForm() {
        MyLeastSquaresLoss loss = new MyLeastSquaresLoss(0.0, 1.0, 1.0);
        LossResult d = loss.discriminatorLoss(Scores.of(2, 0), Scores.of(-1));
        // ½ mean((2-1)², (0-1)²) + ½ (-1-0)² = ½ + ½
        assertThat(d.value()).isCloseTo(1.0, within(1e-15));
        assertThat(d.realGradient().toDoubleVector()).containsExactly(0.5, -0.5);
        assertThat(d.fakeGradient().toDoubleVector()).containsExactly(-1.0);
        LossResult g = loss.generatorLoss(Scores.of(3, 1));
        assertThat(g.value()).isCloseTo(0.5 * (4 + 0) / 2, within(1e-15));
        assertThat(g.fakeGradient().toDoubleVector()).containsExactly(1.0, 0.0);
    }

    @Test
    void settingsHaveDefaultsAndAreCheckedAndTheNameIsRegistered() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (ComponentType c : new LsganPlugin().components()) {
            mapper.registerSubtypes(new NamedType(c.implementation(), c.name()));
        }
        assertThat(mapper.readValue("{\"type\":\"my-least-squares\"}", Loss.class)).isEqualTo(new MyLeastSquaresLoss(0.0, 1.0, 1.0));
        assertThat(mapper.readValue("{\"type\":\"my-least-squares\",\"a\":-1,\"c\":0}", Loss.class))
                .isEqualTo(new MyLeastSquaresLoss(-1.0, 1.0, 0.0));
        assertThatThrownBy(() -> new MyLeastSquaresLoss(1.0, 1.0, 1.0)).hasMessageContaining("b must differ from a");
    }
}

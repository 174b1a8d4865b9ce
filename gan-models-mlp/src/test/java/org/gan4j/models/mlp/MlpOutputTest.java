package org.gan4j.models.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.ModelContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MlpOutputTest {

    private static final ModelContext POINTS = new ModelContext(new long[] {2}, DataType.DOUBLE, 3);

    /** The generator's output on a fixed batch with every weight scaled up 50 times. */
    private static INDArray bigOutput(String output) {
        Generator g = new MlpGeneratorSpec(4, List.of(8), 0.2, 0.0, null, output).build(POINTS);
        g.parameters().values().muli(50);
        INDArray z = Nd4j.linspace(-1, 1, 64, DataType.DOUBLE).reshape(16, 4);
        return g.newPass().forward(z, false);
    }

    @Test
    void linearOutputReachesBeyondTanhsRange() {
        assertThat(bigOutput("linear").amaxNumber().doubleValue()).isGreaterThan(1.5);
        assertThat(bigOutput("tanh").amaxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        assertThat(bigOutput(null).amaxNumber().doubleValue()).isLessThanOrEqualTo(1.0); // default tanh
        assertThat(MlpGeneratorSpec.defaults().output()).isEqualTo("tanh");
    }

    @Test
    void unknownOutputIsRejectedNamingTheField() {
        assertThatThrownBy(() -> new MlpGeneratorSpec(4, null, null, null, null, "relu")).hasMessageStartingWith("output");
    }
}

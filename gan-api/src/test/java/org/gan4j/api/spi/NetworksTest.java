package org.gan4j.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.api.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class NetworksTest {

    @Test
    void generatorAndDiscriminatorDelegateToTheNetwork() {
        Sequential net = Sequential.builder(3).dense(1).build(DataType.FLOAT, 1);
        Generator g = Generator.of(net, LatentNoise.NORMAL);
        assertThat(g.noise()).isEqualTo(LatentNoise.NORMAL);
        assertThat(g.parameters()).isSameAs(net.parameters());
        assertThat(g.inputShape()).containsExactly(3);
        Discriminator d = Discriminator.of(net);
        assertThat(d.outputShape()).containsExactly(1);
        assertThat(d.newPass()).isInstanceOf(Sequential.SequentialPass.class);
    }

    @Test
    void aDiscriminatorMustOutputOneScore() {
        Sequential twoOut = Sequential.builder(6).dense(2).build(DataType.FLOAT, 1);
        assertThatThrownBy(() -> Discriminator.of(twoOut)).hasMessageContaining("[1]");
        assertThatThrownBy(() -> Generator.of(twoOut, null)).isInstanceOf(NullPointerException.class);
    }
}

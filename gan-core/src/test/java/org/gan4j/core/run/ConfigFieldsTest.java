package org.gan4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.api.Gan4jException;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.nn.kernel.MemoryLimits;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Allocations refused before they happen, reported at the config field they come from. */
class ConfigFieldsTest {

    static final String CONFIG = "{\"generator\":{\"type\":\"mlp\",\"latentSize\":100,\"hidden\":[256,100000000]},"
            + "\"schedule\":{\"batchSize\":64},\"metrics\":[{\"type\":\"m\",\"samples\":5000000}]}";

    @Test
    void aNetworkTooLargeForTheMemoryIsRefusedBeforeAllocatingAndNamesTheConfigField() {
        Parameters.Builder b = Parameters.builder();
        b.add("0.W", 100, 256);
        b.add("1.W", 256, 100_000_000);
        assertThatThrownBy(() -> ConfigFields.sized(CONFIG, "generator", () -> b.build(DataType.FLOAT)))
                .isInstanceOfSatisfying(Gan4jException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(Gan4jException.BAD_INPUT);
                    assertThat(e.getMessage()).startsWith("generator.hidden[1]: The network's 25,600,025,600 parameters")
                            .contains("'1.W'", "[256, 100000000]", "GB of native memory", "Make generator.hidden[1] smaller");
                });
    }

    @Test
    void withoutAMatchingNumberTheSectionIsNamed() {
        assertThatThrownBy(() -> ConfigFields.sized(CONFIG, "metrics[0]", () -> {
            MemoryLimits.requireNative(Long.MAX_VALUE, "Everything", 7);
            return null;
        })).hasMessageStartingWith("metrics[0]: Everything need more than 9 EB").hasMessageContaining("Make the metrics[0] smaller");
        assertThatThrownBy(() -> ConfigFields.sized(CONFIG, "metrics[0]", () -> {
            MemoryLimits.requireNative(Long.MAX_VALUE, "Evaluations", 5_000_000);
            return null;
        })).hasMessageStartingWith("metrics[0].samples: Evaluations need");
    }

    @Test
    void theHeapIsCheckedToo() {
        assertThatThrownBy(() -> MemoryLimits.requireHeap(Runtime.getRuntime().maxMemory() + 1, "The copies", 3))
                .hasMessageContaining("of Java heap").hasMessageContaining("-Xmx");
    }
}

package org.gan4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.gan4j.core.plugin.PluginLoader;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.GradientPenalty;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.ModelContext;
import org.gan4j.api.spi.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The workloads are the reference's: names, sizes, and for WGAN-GP the loss, optimizer and batch-norm-free critics. */
class WorkloadTest {

    private final ObjectMapper json = PluginLoader.load(WorkloadTest.class.getClassLoader(), List.of()).jsonMapper();

    @Test
    void theReferencesWorkloadsWithTheFirstFourAsDefault() {
        assertThat(Workload.names()).containsExactly("mlp-seed", "mlp-wide", "dcgan-mnist32", "dcgan-celeba64", "wgan-gp-mlp",
                "wgan-gp-mnist32");
        assertThat(Workload.DEFAULT).containsExactlyElementsOf(Workload.names().subList(0, 4));
        assertThat(Workload.named("wgan-gp-mnist32").orElseThrow().heavy()).isTrue();
        assertThat(Workload.named("wgan-gp-mlp").orElseThrow().heavy()).isFalse();
    }

    @Test
    void wganGpWorkloadsTrainCriticsWithoutBatchNormOrDropoutWithThePapersAdam() throws Exception {
        // PyTorch's parameter counts: mlp_pair(100, 256)'s D and critic32(1, 64)
        long[] counts = {784 * 1024 + 1024 + 1024 * 512 + 512 + 512 * 256 + 256 + 256 + 1, 16 * (64 + 64 * 128 + 128 * 256 + 256)};
        int i = 0;
        for (String name : List.of("wgan-gp-mlp", "wgan-gp-mnist32")) {
            Workload w = Workload.named(name).orElseThrow();
            Discriminator d = json.readValue(w.discriminator(), DiscriminatorSpec.class)
                    .build(new ModelContext(w.sampleShape(), DataType.FLOAT, 0));
            assertThat(d.doubleBackwardRefusal()).as(name).isEmpty();
            assertThat(d.parameters().size()).as(name).isEqualTo(counts[i++]);
            Loss loss = json.readValue(w.loss(), Loss.class);
            assertThat(loss.gradientPenalties()).extracting(GradientPenalty::samples).containsExactly(GradientPenalty.Samples.INTERPOLATES);
            assertThat(json.readValue(w.optimizer(), OptimizerSpec.class).toString()).contains("1.0E-4", "0.0", "0.9");
            assertThat(w.discriminator()).doesNotContain("\"dropout\":0.3");
        }
    }
}

package org.gan4j.cli.testplugin;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import org.gan4j.api.Checks;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.DatasetSpec;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.gan4j.api.spi.ModelContext;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Components for command-line tests, registered through the test class path's service file; they build nothing. */
public final class TestPlugin implements GanPlugin {

    @Override
    public List<ComponentType> components() {
        return List.of(
                ComponentType.of(DatasetSpec.class, "test-data", TestData.class),
                ComponentType.of(GeneratorSpec.class, "test-gen", TestGenerator.class),
                ComponentType.of(DiscriminatorSpec.class, "test-disc", TestDiscriminator.class),
                ComponentType.of(Loss.class, "test-loss", TestLoss.class));
    }

    @JsonClassDescription("test data (cannot be opened)")
    public record TestData(@JsonProperty("path") @JsonPropertyDescription("where the data is") String path) implements DatasetSpec {
        @JsonCreator
        public TestData {
            if (path == null) {
                throw new IllegalArgumentException("path is required");
            }
        }

        @Override
        public Dataset open(DataContext context) {
            throw new UnsupportedOperationException("test only");
        }
    }

    @JsonClassDescription("test generator (cannot be built)")
    public record TestGenerator(@JsonProperty("latentSize") @JsonPropertyDescription("latent vector length") int latentSize)
            implements GeneratorSpec {
        @JsonCreator
        public TestGenerator(@JsonProperty("latentSize") Integer latentSize) {
            this(Checks.positive("latentSize", latentSize == null ? 8 : latentSize));
        }

        @Override
        public Generator build(ModelContext context) {
            throw new UnsupportedOperationException("test only");
        }
    }

    @JsonClassDescription("test discriminator (cannot be built)")
    public record TestDiscriminator() implements DiscriminatorSpec {
        @JsonCreator
        public TestDiscriminator {
        }

        @Override
        public Discriminator build(ModelContext context) {
            throw new UnsupportedOperationException("test only");
        }
    }

    @JsonClassDescription("test loss (cannot compute)")
    public record TestLoss() implements Loss {
        @JsonCreator
        public TestLoss {
        }

        @Override
        public LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores) {
            throw new UnsupportedOperationException("test only");
        }

        @Override
        public LossResult generatorLoss(INDArray fakeScores) {
            throw new UnsupportedOperationException("test only");
        }
    }
}

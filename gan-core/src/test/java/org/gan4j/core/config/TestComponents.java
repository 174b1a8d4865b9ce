package org.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.OptionalInt;
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
import org.gan4j.api.spi.OptimizerChoice;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.plugin.CorePlugin;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Settings-only components for config tests: they validate like real ones but build nothing. */
public final class TestComponents implements GanPlugin {

    /** gan-core's own plugin plus these test components. */
    public static ComponentRegistry registry() {
        return ComponentRegistry.of(new CorePlugin(), new TestComponents());
    }

    @Override
    public List<ComponentType> components() {
        return List.of(
                ComponentType.of(DatasetSpec.class, "test-data", TestData.class),
                ComponentType.of(GeneratorSpec.class, "test-gen", TestGenerator.class),
                ComponentType.of(DiscriminatorSpec.class, "test-disc", TestDiscriminator.class),
                ComponentType.of(Loss.class, "minimax", TestLoss.class),
                ComponentType.of(Loss.class, "non-saturating", TestNsLoss.class),
                ComponentType.of(Loss.class, "wasserstein", TestCritic.class));
    }

    @JsonClassDescription("test data: a path, required")
    public record TestData(@JsonProperty("path") String path) implements DatasetSpec {
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

    @JsonClassDescription("test generator")
    public record TestGenerator(@JsonProperty("latentSize") int latentSize, @JsonProperty("hidden") List<Integer> hidden)
            implements GeneratorSpec {
        @JsonCreator
        public TestGenerator(@JsonProperty("latentSize") Integer latentSize, @JsonProperty("hidden") List<Integer> hidden) {
            this(Checks.positive("latentSize", latentSize == null ? 8 : latentSize), checkHidden(hidden));
        }

        @Override
        public Generator build(ModelContext context) {
            throw new UnsupportedOperationException("test only");
        }
    }

    @JsonClassDescription("test discriminator")
    public record TestDiscriminator(@JsonProperty("hidden") List<Integer> hidden) implements DiscriminatorSpec {
        @JsonCreator
        public TestDiscriminator {
            hidden = checkHidden(hidden);
        }

        @Override
        public Discriminator build(ModelContext context) {
            throw new UnsupportedOperationException("test only");
        }
    }

    static List<Integer> checkHidden(List<Integer> hidden) {
        if (hidden == null) {
            return List.of(16);
        }
        for (int i = 0; i < hidden.size(); i++) {
            Checks.positive("hidden[" + i + "]", hidden.get(i));
        }
        return List.copyOf(hidden);
    }

    @JsonClassDescription("test loss")
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

    @JsonClassDescription("test non-saturating loss")
    public record TestNsLoss() implements Loss {
        @JsonCreator
        public TestNsLoss {
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

    @JsonClassDescription("test critic loss recommending 5 critic steps and RMSProp")
    public record TestCritic(@JsonProperty("clip") double clip) implements Loss {
        @JsonCreator
        public TestCritic(@JsonProperty("clip") Double clip) {
            this(Checks.positive("clip", clip == null ? 0.01 : clip));
        }

        @Override
        public LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores) {
            throw new UnsupportedOperationException("test only");
        }

        @Override
        public LossResult generatorLoss(INDArray fakeScores) {
            throw new UnsupportedOperationException("test only");
        }

        @Override
        public OptionalInt recommendedDiscriminatorSteps() {
            return OptionalInt.of(5);
        }

        @Override
        public java.util.Optional<OptimizerChoice> recommendedOptimizer() {
            return java.util.Optional.of(OptimizerChoice.of("rmsprop", java.util.Map.of("lr", 5e-5)));
        }
    }

    /** A loss whose recommended optimizer does not validate, as a plugin's mistake would look; not in {@link #registry()}. */
    @JsonClassDescription("test loss recommending an optimizer with a negative learning rate")
    public record BadAdvice() implements Loss {
        @Override
        public LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores) {
            throw new UnsupportedOperationException("test only");
        }

        @Override
        public LossResult generatorLoss(INDArray fakeScores) {
            throw new UnsupportedOperationException("test only");
        }

        @Override
        public java.util.Optional<OptimizerChoice> recommendedOptimizer() {
            return java.util.Optional.of(OptimizerChoice.of("rmsprop", java.util.Map.of("lr", -1.0)));
        }
    }
}

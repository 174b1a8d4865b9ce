package org.gan4j.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.DatasetSpec;
import org.gan4j.api.spi.OptimizerSpec;
import org.gan4j.api.spi.TrainingSchedule;
import org.gan4j.core.config.TestComponents;
import org.gan4j.core.optim.AdamSpec;
import org.junit.jupiter.api.Test;

class ComponentRegistryTest {

    private final ComponentRegistry registry = TestComponents.registry();

    @Test
    void settingsShowDefaultsAndDescriptions() {
        assertThat(registry.settings(registry.find(OptimizerSpec.class, "adam").orElseThrow())).containsExactly(
                new ComponentRegistry.Setting("lr", "2.0E-4", "learning rate"),
                new ComponentRegistry.Setting("beta1", "0.5", "decay of the first moment"),
                new ComponentRegistry.Setting("beta2", "0.999", "decay of the second moment"),
                new ComponentRegistry.Setting("eps", "1.0E-8", "added to the denominator for stability"));
        assertThat(registry.settings(registry.find(TrainingSchedule.class, "alternating").orElseThrow()))
                .extracting(s -> s.name() + "=" + s.defaultValue())
                .containsExactly("discriminatorSteps=none", "generatorSteps=1", "epochs=1", "iterations=0", "batchSize=64",
                        "seconds=0.0");
    }

    @Test
    void aSettingWithoutDefaultIsMarkedRequired() {
        assertThat(registry.settings(registry.find(DatasetSpec.class, "test-data").orElseThrow()))
                .extracting(s -> s.name() + "=" + s.defaultValue())
                .containsExactly("path=(required)");
    }

    /** A dataset with one setting marked required and one with a default. */
    public record MarkedData(@com.fasterxml.jackson.annotation.JsonProperty(value = "path", required = true) String path,
                             @com.fasterxml.jackson.annotation.JsonProperty("limit") int limit) implements DatasetSpec {
        @com.fasterxml.jackson.annotation.JsonCreator
        public MarkedData(@com.fasterxml.jackson.annotation.JsonProperty(value = "path", required = true) String path,
                          @com.fasterxml.jackson.annotation.JsonProperty("limit") Integer limit) {
            this(path, limit == null ? 10 : limit.intValue());
        }

        @Override
        public org.gan4j.api.spi.Dataset open(org.gan4j.api.spi.DataContext context) {
            throw new UnsupportedOperationException("test only");
        }
    }

    @Test
    void settingsMarkedRequiredAreTheOnlyOnesShownRequired() {
        ComponentRegistry marked = ComponentRegistry.of(() -> java.util.List.of(
                org.gan4j.api.spi.ComponentType.of(DatasetSpec.class, "marked", MarkedData.class)));

        assertThat(marked.settings(marked.components().get(0)))
                .extracting(s -> s.name() + "=" + s.defaultValue())
                .containsExactly("path=(required)", "limit=(has a default)");
    }

    @Test
    void pluginJacksonModulesAreRegisteredOnBothMappers() {
        var module = new com.fasterxml.jackson.databind.module.SimpleModule("test-module");
        ComponentRegistry withModule = ComponentRegistry.of(new org.gan4j.api.spi.GanPlugin() {
            @Override
            public java.util.List<org.gan4j.api.spi.ComponentType> components() {
                return java.util.List.of();
            }

            @Override
            public java.util.List<com.fasterxml.jackson.databind.Module> jacksonModules() {
                return java.util.List.of(module);
            }
        });

        assertThat(withModule.jsonMapper().getRegisteredModuleIds()).contains(module.getTypeId());
        assertThat(withModule.yamlMapper().getRegisteredModuleIds()).contains(module.getTypeId());
        assertThat(registry.jsonMapper().getRegisteredModuleIds()).doesNotContain(module.getTypeId());
    }

    @Test
    void mappersAreStrict() {
        var mapper = registry.jsonMapper();
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"adam\",\"lr\":\"0.1\"}", OptimizerSpec.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"alternating\",\"epochs\":1.5}", TrainingSchedule.class))
                .isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"adam\",\"learningRate\":0.1}", OptimizerSpec.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"adam\",\"lr\":0.1,\"lr\":0.2}", OptimizerSpec.class))
                .hasMessageContaining("Duplicate field 'lr'");
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"adam\"} {}", OptimizerSpec.class))
                .hasMessageContaining("Trailing token");
    }

    @Test
    void componentsAreReadAndWrittenByName() throws Exception {
        OptimizerSpec adam = registry.yamlMapper().readValue("type: adam\nlr: 1\n", OptimizerSpec.class);

        assertThat(adam).isEqualTo(new AdamSpec(1.0, null, null, null));
        assertThat(registry.jsonMapper().writerFor(OptimizerSpec.class).writeValueAsString(adam))
                .isEqualTo("{\"type\":\"adam\",\"lr\":1.0,\"beta1\":0.5,\"beta2\":0.999,\"eps\":1.0E-8}");
    }

    @Test
    void byKindFollowsTheDisplayOrder() {
        assertThat(registry.byKind().keySet()).containsExactlyElementsOf(org.gan4j.api.spi.ComponentKinds.ordered());
        assertThat(registry.byKind().get(OptimizerSpec.class)).extracting(RegisteredComponent::name)
                .containsExactly("adam", "rmsprop", "sgd");
    }

    @Test
    void duplicatesAreRefusedForPluginsGivenDirectly() {
        assertThatThrownBy(() -> ComponentRegistry.of(new CorePlugin(), new CorePlugin()))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("Two plugins register the optimizer 'adam'");
    }
}

package org.gan4j.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.ServiceLoader;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.api.spi.Loss;
import org.junit.jupiter.api.Test;

/** The plugin's registration and reading the losses' settings with Jackson. */
class LossesPluginTest {

    private final ObjectMapper mapper = mapperWith(new LossesPlugin());

    private static ObjectMapper mapperWith(GanPlugin plugin) {
        ObjectMapper mapper = new ObjectMapper();
        for (ComponentType c : plugin.components()) {
            mapper.registerSubtypes(new NamedType(c.implementation(), c.name()));
        }
        return mapper;
    }

    @Test
    void serviceLoaderFindsThePluginWithItsSevenLosses() {
        GanPlugin plugin = ServiceLoader.load(GanPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(LossesPlugin.class::isInstance)
                .findFirst().orElseThrow();
        assertThat(plugin.components())
                .extracting(ComponentType::kind, ComponentType::name, ComponentType::implementation)
                .containsExactly(
                        tuple(Loss.class, "minimax", MinimaxLoss.class),
                        tuple(Loss.class, "non-saturating", NonSaturatingLoss.class),
                        tuple(Loss.class, "wasserstein", WassersteinLoss.class),
                        tuple(Loss.class, "wasserstein-gp", WassersteinGpLoss.class),
                        tuple(Loss.class, "least-squares", LeastSquaresLoss.class),
                        tuple(Loss.class, "hinge", HingeLoss.class),
                        tuple(Loss.class, "relativistic", RelativisticLoss.class));
    }

    @Test
    void readsEachLossByName() throws Exception {
        assertThat(mapper.readValue("{\"type\":\"minimax\",\"realLabel\":0.9}", Loss.class)).isEqualTo(new MinimaxLoss(0.9));
        assertThat(mapper.readValue("{\"type\":\"non-saturating\"}", Loss.class)).isEqualTo(new NonSaturatingLoss(1.0));
        assertThat(mapper.readValue("{\"type\":\"wasserstein\",\"clip\":0.05}", Loss.class)).isEqualTo(new WassersteinLoss(0.05));
        assertThat(mapper.readValue("{\"type\":\"wasserstein\"}", Loss.class)).isEqualTo(new WassersteinLoss(0.01));
    }

    @Test
    void writesTheResolvedSettingsBackReadably() throws Exception {
        for (Loss loss : new Loss[] {new MinimaxLoss(0.9), new NonSaturatingLoss(1.0), new WassersteinLoss(0.02)}) {
            String json = mapper.writerFor(Loss.class).writeValueAsString(loss);
            assertThat(mapper.readValue(json, Loss.class)).as(json).isEqualTo(loss);
        }
        assertThat(mapper.writerFor(Loss.class).writeValueAsString(new NonSaturatingLoss(0.9)))
                .isEqualTo("{\"type\":\"non-saturating\",\"realLabel\":0.9}");
    }

    @Test
    void anUnknownFieldFails() {
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"non-saturating\",\"labelSmoothing\":0.9}", Loss.class))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("labelSmoothing");
    }

    @Test
    void anOutOfRangeSettingFailsWithTheFieldName() {
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"minimax\",\"realLabel\":1.5}", Loss.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("realLabel must be in (0.0, 1.0], got 1.5");
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"wasserstein\",\"clip\":0}", Loss.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("clip must be a positive number");
    }
}

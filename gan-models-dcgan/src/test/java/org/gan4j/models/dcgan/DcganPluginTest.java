package org.gan4j.models.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.ServiceLoader;
import org.gan4j.core.error.Gan4jException;
import org.gan4j.core.spi.ComponentType;
import org.gan4j.core.spi.DiscriminatorSpec;
import org.gan4j.core.spi.GanPlugin;
import org.gan4j.core.spi.GeneratorSpec;
import org.gan4j.core.spi.LatentNoise;
import org.gan4j.core.spi.ModelContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The DCGAN placeholders: registered, settings read and validated, build refuses plainly. */
class DcganPluginTest {

    private final ObjectMapper mapper = new ObjectMapper();

    DcganPluginTest() {
        for (ComponentType c : new DcganPlugin().components()) {
            mapper.registerSubtypes(new NamedType(c.implementation(), c.name()));
        }
    }

    @Test
    void serviceLoaderFindsThePluginWithBothNetworks() {
        GanPlugin plugin = ServiceLoader.load(GanPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(DcganPlugin.class::isInstance)
                .findFirst().orElseThrow();
        assertThat(plugin.components())
                .extracting(ComponentType::kind, ComponentType::name, ComponentType::implementation)
                .containsExactly(
                        tuple(GeneratorSpec.class, "dcgan", DcganGeneratorSpec.class),
                        tuple(DiscriminatorSpec.class, "dcgan", DcganDiscriminatorSpec.class));
    }

    @Test
    void readsSettingsWithDefaults() throws Exception {
        assertThat(mapper.readValue("{\"type\":\"dcgan\",\"imageSize\":32,\"channels\":1}", GeneratorSpec.class))
                .isEqualTo(new DcganGeneratorSpec(100, 64, 32, 1, LatentNoise.NORMAL));
        assertThat(mapper.readValue("{\"type\":\"dcgan\",\"latentSize\":64,\"ngf\":32,\"imageSize\":64,\"channels\":3,\"noise\":\"uniform\"}",
                GeneratorSpec.class))
                .isEqualTo(new DcganGeneratorSpec(64, 32, 64, 3, LatentNoise.UNIFORM));
        assertThat(mapper.readValue("{\"type\":\"dcgan\",\"imageSize\":64,\"channels\":3}", DiscriminatorSpec.class))
                .isEqualTo(new DcganDiscriminatorSpec(64, 64, 3, 0.2));
    }

    @Test
    void writesTheResolvedSettingsBackReadably() throws Exception {
        GeneratorSpec g = new DcganGeneratorSpec(100, 64, 32, 1, LatentNoise.NORMAL);
        DiscriminatorSpec d = new DcganDiscriminatorSpec(32, 32, 1, 0.1);
        assertThat(mapper.readValue(mapper.writerFor(GeneratorSpec.class).writeValueAsString(g), GeneratorSpec.class)).isEqualTo(g);
        assertThat(mapper.readValue(mapper.writerFor(DiscriminatorSpec.class).writeValueAsString(d), DiscriminatorSpec.class)).isEqualTo(d);
    }

    @Test
    void imageSizeMustBe32Or64() {
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"dcgan\",\"imageSize\":48,\"channels\":1}", GeneratorSpec.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("imageSize must be 32 or 64, got 48");
        assertThatThrownBy(() -> new DcganDiscriminatorSpec(64, 28, 1, 0.2)).hasMessageStartingWith("imageSize must be 32 or 64");
        assertThatThrownBy(() -> new DcganGeneratorSpec(null, null, null, 1, null)).hasMessageStartingWith("imageSize must be set");
    }

    @Test
    void otherSettingsAreValidated() {
        assertThatThrownBy(() -> new DcganGeneratorSpec(100, 64, 32, 2, LatentNoise.NORMAL)).hasMessageStartingWith("channels must be 1");
        assertThatThrownBy(() -> new DcganGeneratorSpec(0, 64, 32, 1, LatentNoise.NORMAL)).hasMessageStartingWith("latentSize");
        assertThatThrownBy(() -> new DcganGeneratorSpec(100, -1, 32, 1, LatentNoise.NORMAL)).hasMessageStartingWith("ngf");
        assertThatThrownBy(() -> new DcganDiscriminatorSpec(0, 32, 1, 0.2)).hasMessageStartingWith("ndf");
        assertThatThrownBy(() -> new DcganDiscriminatorSpec(64, 32, 1, 1.0)).hasMessageStartingWith("leakySlope");
        assertThatThrownBy(() -> new DcganDiscriminatorSpec(64, 32, null, 0.2)).hasMessageStartingWith("channels must be set");
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"dcgan\",\"imageSize\":32,\"channels\":1,\"ndf\":64}", GeneratorSpec.class))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("ndf");
    }

    @Test
    void buildSaysPlainlyThatDcganIsNotImplementedYet() {
        ModelContext context = new ModelContext(new long[] {1, 32, 32}, DataType.FLOAT, 42);
        assertThatThrownBy(() -> new DcganGeneratorSpec(100, 64, 32, 1, LatentNoise.NORMAL).build(context))
                .isInstanceOfSatisfying(Gan4jException.class, e -> assertThat(e.exitCode()).isEqualTo(Gan4jException.BAD_INPUT))
                .hasMessage("the dcgan generator is registered but not implemented yet in this version of gan4j; use type: mlp for now");
        assertThatThrownBy(() -> new DcganDiscriminatorSpec(64, 32, 1, 0.2).build(context))
                .isInstanceOf(Gan4jException.class)
                .hasMessage("the dcgan discriminator is registered but not implemented yet in this version of gan4j; use type: mlp for now");
    }
}

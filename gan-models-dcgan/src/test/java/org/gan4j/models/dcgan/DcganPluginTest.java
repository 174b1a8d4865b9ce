package org.gan4j.models.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.ServiceLoader;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.api.spi.ModelContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The DCGAN plugin: registered, settings read and validated, data it cannot model refused plainly. */
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
                        tuple(DiscriminatorSpec.class, "dcgan", DcganDiscriminatorSpec.class),
                        tuple(GeneratorSpec.class, "infogan", InfoganGeneratorSpec.class),
                        tuple(DiscriminatorSpec.class, "infogan", InfoganDiscriminatorSpec.class));
    }

    @Test
    void readsInfoganSettingsWithDefaults() throws Exception {
        assertThat(mapper.readValue("{\"type\":\"infogan\"}", GeneratorSpec.class)).isEqualTo(InfoganGeneratorSpec.defaults());
        assertThat(mapper.readValue("{\"type\":\"infogan\",\"latentSize\":32,\"ngf\":16,\"dense\":256,\"noise\":\"uniform\"}",
                GeneratorSpec.class)).isEqualTo(new InfoganGeneratorSpec(32, 16, 256, LatentNoise.UNIFORM));
        assertThat(mapper.readValue("{\"type\":\"infogan\",\"ndf\":16,\"dense\":256}", DiscriminatorSpec.class))
                .isEqualTo(new InfoganDiscriminatorSpec(16, 256, 0.2));
        assertThat(mapper.readValue("{\"type\":\"infogan\",\"normalization\":\"layer\",\"spectralNorm\":true}", DiscriminatorSpec.class))
                .isEqualTo(new InfoganDiscriminatorSpec(64, 1024, 0.2, "layer", true));
    }

    @Test
    void readsSettingsWithDefaults() throws Exception {
        assertThat(mapper.readValue("{\"type\":\"dcgan\"}", GeneratorSpec.class))
                .isEqualTo(generator(100, 64, null, null, LatentNoise.NORMAL));
        assertThat(mapper.readValue("{\"type\":\"dcgan\",\"latentSize\":64,\"ngf\":32,\"imageSize\":64,\"channels\":3,\"noise\":\"uniform\"}",
                GeneratorSpec.class))
                .isEqualTo(generator(64, 32, 64, 3, LatentNoise.UNIFORM));
        assertThat(mapper.readValue("{\"type\":\"dcgan\",\"imageSize\":64,\"channels\":3}", DiscriminatorSpec.class))
                .isEqualTo(discriminator(64, 64, 3, 0.2));
        assertThat(mapper.readValue("{\"type\":\"dcgan\"}", DiscriminatorSpec.class)).isEqualTo(DcganDiscriminatorSpec.defaults());
    }

    @Test
    void writesTheResolvedSettingsBackReadably() throws Exception {
        GeneratorSpec g = generator(100, 64, 32, 1, LatentNoise.NORMAL);
        DiscriminatorSpec d = discriminator(32, null, null, 0.1);
        assertThat(mapper.readValue(mapper.writerFor(GeneratorSpec.class).writeValueAsString(g), GeneratorSpec.class)).isEqualTo(g);
        assertThat(mapper.readValue(mapper.writerFor(DiscriminatorSpec.class).writeValueAsString(d), DiscriminatorSpec.class)).isEqualTo(d);
    }

    @Test
    void imageSizeMustBe32Or64() {
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"dcgan\",\"imageSize\":48,\"channels\":1}", GeneratorSpec.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("imageSize must be 32 or 64, got 48");
        assertThatThrownBy(() -> discriminator(64, 28, 1, 0.2))
                .hasMessageStartingWith("imageSize must be 32 or 64").hasMessageContaining("padTo: 32");
    }

    @Test
    void otherSettingsAreValidated() {
        assertThatThrownBy(() -> generator(100, 64, 32, 2, LatentNoise.NORMAL)).hasMessageStartingWith("channels must be 1");
        assertThatThrownBy(() -> generator(0, 64, 32, 1, LatentNoise.NORMAL)).hasMessageStartingWith("latentSize");
        assertThatThrownBy(() -> generator(100, -1, 32, 1, LatentNoise.NORMAL)).hasMessageStartingWith("ngf");
        assertThatThrownBy(() -> discriminator(0, 32, 1, 0.2)).hasMessageStartingWith("ndf");
        assertThatThrownBy(() -> discriminator(64, 32, 1, 1.0)).hasMessageStartingWith("leakySlope");
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"dcgan\",\"imageSize\":32,\"channels\":1,\"ndf\":64}", GeneratorSpec.class))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("ndf");
    }

    @Test
    void buildRefusesDataItCannotModelWithAPlainError() {
        assertBadInput(() -> DcganGeneratorSpec.defaults().build(context(1, 28, 28)),
                "the dcgan generator needs 32x32 or 64x64 images, but the dataset gives 28x28; for MNIST set data.padTo: 32 in the config (pads with background pixels)");
        assertBadInput(() -> DcganDiscriminatorSpec.defaults().build(context(3, 48, 48)),
                "the dcgan discriminator needs 32x32 or 64x64 images, but the dataset gives 48x48; resize the images");
        assertBadInput(() -> DcganDiscriminatorSpec.defaults().build(context(3, 32, 64)),
                "the dcgan discriminator needs square images [channels, size, size], but the dataset gives samples of shape [3, 32, 64]");
        assertBadInput(() -> generator(100, 8, 64, null, LatentNoise.NORMAL).build(context(1, 32, 32)),
                "the dcgan generator is set to imageSize 64 but the dataset gives 32x32 images; remove imageSize or make it 32");
        assertBadInput(() -> discriminator(8, 32, 3, 0.2).build(context(1, 32, 32)),
                "the dcgan discriminator is set to channels 3 but the dataset gives 1; remove channels or make it 1");
        assertBadInput(() -> DcganDiscriminatorSpec.defaults().build(context(2, 32, 32)),
                "the dcgan discriminator needs 1 (grey) or 3 (RGB) channels, but the dataset gives 2");
    }

    /** The canonical constructors, unambiguous for int literals. */
    static DcganGeneratorSpec generator(int latentSize, int ngf, Integer imageSize, Integer channels, LatentNoise noise) {
        return new DcganGeneratorSpec(latentSize, ngf, imageSize, channels, noise);
    }

    static DcganDiscriminatorSpec discriminator(int ndf, Integer imageSize, Integer channels, double leakySlope) {
        return new DcganDiscriminatorSpec(ndf, imageSize, channels, leakySlope, DcganDiscriminatorSpec.BATCH, false);
    }

    private static ModelContext context(long... shape) {
        return new ModelContext(shape, DataType.FLOAT, 42);
    }

    private static void assertBadInput(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(Gan4jException.class, e -> assertThat(e.exitCode()).isEqualTo(Gan4jException.BAD_INPUT))
                .hasMessage(message);
    }
}

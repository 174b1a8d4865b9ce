package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.gan4j.core.error.Gan4jException;
import org.gan4j.core.spi.ComponentType;
import org.gan4j.core.spi.DataContext;
import org.gan4j.core.spi.DatasetSpec;
import org.gan4j.core.spi.GanPlugin;
import org.gan4j.data.celeba.CelebaDatasetSpec;
import org.gan4j.data.mnist.MnistDatasetSpec;
import org.junit.jupiter.api.Test;

class DataPluginTest {

    static ObjectMapper mapper() {
        return register(new ObjectMapper(new YAMLFactory()));
    }

    static ObjectMapper register(ObjectMapper m) {
        for (ComponentType c : new DataPlugin().components()) {
            m.registerSubtypes(new NamedType(c.implementation(), c.name()));
        }
        return m;
    }

    @Test
    void isFoundByServiceLoaderAndNamesItsDatasets() {
        assertThat(ServiceLoader.load(GanPlugin.class).stream().map(ServiceLoader.Provider::type))
                .contains(DataPlugin.class);
        assertThat(new DataPlugin().components()).extracting(ComponentType::name).contains("mnist", "celeba", "ring", "grid");
    }

    @Test
    void mnistReadsFromYamlWithDefaultsAndPrintsBack() throws Exception {
        ObjectMapper m = mapper();
        DatasetSpec spec = m.readValue("{type: mnist, split: test, files: {testLabels: labels.idx}}", DatasetSpec.class);
        assertThat(spec).isInstanceOf(MnistDatasetSpec.class);
        MnistDatasetSpec mnist = (MnistDatasetSpec) spec;
        assertThat(mnist.split()).isEqualTo("test");
        assertThat(mnist.path()).isEqualTo("data/mnist");
        assertThat(mnist.files().testLabels()).isEqualTo("labels.idx");
        assertThat(mnist.files().testImages()).isEqualTo("t10k-images-idx3-ubyte.gz");
        String printed = register(new ObjectMapper()).writerFor(DatasetSpec.class).writeValueAsString(spec);
        assertThat(printed).startsWith("{\"type\":\"mnist\",\"path\":\"data/mnist\",\"split\":\"test\",\"download\":false,"
                + "\"mirror\":\"https://ossci-datasets.s3.amazonaws.com/mnist/\"");
        assertThat(m.readValue(printed, DatasetSpec.class)).isEqualTo(spec);
    }

    @Test
    void celebaHasItsSettingsButDoesNotOpen() throws Exception {
        CelebaDatasetSpec spec = (CelebaDatasetSpec) mapper().readValue("{type: celeba, split: valid}", DatasetSpec.class);
        assertThat(spec.imageSize()).isEqualTo(64);
        assertThat(spec.subset()).isZero();
        assertThat(spec.split()).isEqualTo("valid");
        assertThatThrownBy(() -> new CelebaDatasetSpec(null, 0, null, null)).hasMessageStartingWith("imageSize must be positive");
        assertThatThrownBy(() -> new CelebaDatasetSpec(null, null, "dev", null)).hasMessageStartingWith("split must be one of");
        assertThatThrownBy(() -> spec.open(new DataContext(Path.of("."), s -> { })))
                .isInstanceOf(Gan4jException.class)
                .hasMessage("the celeba dataset is registered but not implemented yet in this version of gan4j");
    }
}

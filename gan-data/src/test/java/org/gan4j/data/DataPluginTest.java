package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ServiceLoader;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.DatasetSpec;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.data.celeba.CelebaDatasetSpec;
import org.gan4j.data.images.ImageFolderSpec;
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
        assertThat(new DataPlugin().components()).extracting(ComponentType::name)
                .containsExactly("mnist", "celeba", "image-folder", "ring", "grid");
    }

    @Test
    void mnistReadsFromYamlWithDefaultsAndPrintsBack() throws Exception {
        ObjectMapper m = mapper();
        DatasetSpec spec = m.readValue("{type: mnist, split: test, files: {testLabels: labels.idx}}", DatasetSpec.class);
        assertThat(spec).isInstanceOf(MnistDatasetSpec.class);
        MnistDatasetSpec mnist = (MnistDatasetSpec) spec;
        assertThat(mnist.split()).isEqualTo("test");
        assertThat(mnist.path()).isNull();
        assertThat(mnist.directory()).isEqualTo("data/mnist");
        assertThat(mnist.files().testLabels()).isEqualTo("labels.idx");
        assertThat(mnist.files().testImages()).isEqualTo("t10k-images-idx3-ubyte.gz");
        String printed = register(new ObjectMapper()).writerFor(DatasetSpec.class).writeValueAsString(spec);
        assertThat(printed).startsWith("{\"type\":\"mnist\",\"path\":null,\"split\":\"test\",\"padTo\":0,\"download\":false,"
                + "\"mirror\":\"https://ossci-datasets.s3.amazonaws.com/mnist/\"");
        assertThat(m.readValue(printed, DatasetSpec.class)).isEqualTo(spec);
    }

    @Test
    void celebaReadsFromYamlWithDefaultsAndPrintsBack() throws Exception {
        ObjectMapper m = mapper();
        CelebaDatasetSpec spec = (CelebaDatasetSpec) m.readValue("{type: celeba, split: valid, onCorrupt: SKIP}", DatasetSpec.class);
        assertThat(spec).isEqualTo(new CelebaDatasetSpec("data/celeba", 64, "valid", 0, "skip", 0, false));
        String printed = register(new ObjectMapper()).writerFor(DatasetSpec.class).writeValueAsString(spec);
        assertThat(printed).isEqualTo("{\"type\":\"celeba\",\"path\":\"data/celeba\",\"imageSize\":64,\"split\":\"valid\","
                + "\"subset\":0,\"onCorrupt\":\"skip\",\"threads\":0,\"cache\":false}");
        assertThat(m.readValue(printed, DatasetSpec.class)).isEqualTo(spec);
        assertThatThrownBy(() -> new CelebaDatasetSpec(null, 0, null, null, null, null, null)).hasMessageStartingWith("imageSize must be positive");
        assertThatThrownBy(() -> new CelebaDatasetSpec(null, null, "dev", null, null, null, null)).hasMessageStartingWith("split must be one of");
        assertThatThrownBy(() -> new CelebaDatasetSpec(null, null, null, -1, null, null, null)).hasMessageStartingWith("subset must be 0 or more");
        assertThatThrownBy(() -> new CelebaDatasetSpec(null, null, null, null, "ignore", null, null))
                .hasMessageStartingWith("onCorrupt must be fail or skip; got 'ignore'");
        assertThatThrownBy(() -> new CelebaDatasetSpec(null, null, null, null, null, -2, null)).hasMessageStartingWith("threads must be 0 or more");
    }

    @Test
    void imageFolderReadsFromYamlWithDefaultsAndPrintsBack() throws Exception {
        ObjectMapper m = mapper();
        ImageFolderSpec spec = (ImageFolderSpec) m.readValue("{type: image-folder, path: pics, channels: 1, imageSize: 32}", DatasetSpec.class);
        assertThat(spec).isEqualTo(new ImageFolderSpec("pics", 32, 1, 0, "fail", 0, false));
        String printed = register(new ObjectMapper()).writerFor(DatasetSpec.class).writeValueAsString(spec);
        assertThat(printed).isEqualTo("{\"type\":\"image-folder\",\"path\":\"pics\",\"imageSize\":32,\"channels\":1,"
                + "\"subset\":0,\"onCorrupt\":\"fail\",\"threads\":0,\"cache\":false}");
        assertThat(m.readValue(printed, DatasetSpec.class)).isEqualTo(spec);
        assertThatThrownBy(() -> new ImageFolderSpec(null, null, 2, null, null, null, null))
                .hasMessageStartingWith("channels must be 1 (grey) or 3 (RGB), got 2");
        assertThatThrownBy(() -> new ImageFolderSpec(" ", null, null, null, null, null, null)).hasMessageStartingWith("path must name a folder");
    }
}

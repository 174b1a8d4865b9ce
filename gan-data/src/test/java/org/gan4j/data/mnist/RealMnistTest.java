package org.gan4j.data.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.data.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The real MNIST test split from the shared data directory (see {@link SharedData}); skipped where it is absent. */
class RealMnistTest {

    static Path mnist;

    @BeforeAll
    static void locate() {
        Optional<Path> shared = SharedData.dir();
        assumeTrue(shared.isPresent() && Files.isDirectory(shared.get().resolve("mnist")),
                "no shared data directory (set GAN4J_DATA)");
        mnist = shared.get().resolve("mnist");
    }

    @Test
    void theTestSplitHasMnistsLabelCountsAndPixels() throws Exception {
        Dataset d = MnistDatasetSpec.of(mnist.toString(), "test").open(new DataContext(Path.of("."), s -> { }));
        assertThat(d.size()).isEqualTo(10000);
        assertThat(d.sampleShape()).containsExactly(1, 28, 28);
        assertThat(d.classCount()).isEqualTo(10);
        int[] histogram = new int[10];
        for (int i = 0; i < d.size(); i++) {
            histogram[d.label(i)]++;
        }
        assertThat(histogram).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
        assertThat(d.label(0)).isEqualTo(7);

        INDArray out = Nd4j.zeros(DataType.FLOAT, 1, 1, 28, 28);
        d.fill(new int[] {0}, 0, 1, out);
        assertThat(out.minNumber().floatValue()).isEqualTo(-1f);
        assertThat(out.maxNumber().floatValue()).isEqualTo(1f);
        // every pixel of image 1234 against the bytes of the file, decompressed independently
        int image = 1234;
        d.fill(new int[] {image}, 0, 1, out);
        byte[] raw;
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(mnist.resolve("t10k-images-idx3-ubyte.gz")))) {
            raw = in.readAllBytes();
        }
        float[] values = out.ravel().toFloatVector();
        for (int k = 0; k < 784; k++) {
            assertThat(values[k]).isEqualTo((float) ((raw[16 + image * 784 + k] & 0xff) / 127.5 - 1));
        }
    }

    @Test
    void theSharedFileIsTheCanonicalOne() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (InputStream in = new DigestInputStream(Files.newInputStream(mnist.resolve("t10k-images-idx3-ubyte.gz")), md5)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(HexFormat.of().formatHex(md5.digest())).isEqualTo("9fb629c4189551a2d022fa330f9573f3")
                .isEqualTo(MnistDatasetSpec.MNIST_MD5.get("t10k-images-idx3-ubyte.gz"));
    }

    @Test
    void theTrainSplitIsMissingThereAndTheMessageSaysSo() {
        assumeTrue(!Files.exists(mnist.resolve("train-images-idx3-ubyte.gz")));
        assertThatThrownBy(() -> MnistDatasetSpec.of(mnist.toString(), "train").open(new DataContext(Path.of("."), s -> { })))
                .hasMessageContaining("holds only the test split")
                .hasMessageContaining("split: test");
    }

    @Test
    void fashionMnistReadsThroughTheSameSpecWithSplitAll() {
        Path fashion = mnist.resolveSibling("fashion-mnist");
        assumeTrue(Files.isDirectory(fashion));
        Dataset d = MnistDatasetSpec.of(fashion.toString(), "all").open(new DataContext(Path.of("."), s -> { }));
        assertThat(d.size()).isEqualTo(70000);
        assertThat(d.classCount()).isEqualTo(10);
        int[] histogram = new int[10];
        for (int i = 0; i < d.size(); i++) {
            histogram[d.label(i)]++;
        }
        assertThat(histogram).containsOnly(7000); // 6000 train + 1000 test per class
        assertThat(d.files()).hasSize(4);
    }
}

package org.gan4j.data.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.data.idx.IdxTestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MnistDatasetSpecTest {

    @TempDir
    Path dir;

    final List<String> log = new ArrayList<>();

    DataContext context() {
        return new DataContext(dir, log::add);
    }

    void writeTest(boolean gzip) throws IOException {
        write("t10k-images-idx3-ubyte", IdxTestFiles.images(7, 28, 28), gzip);
        write("t10k-labels-idx1-ubyte", IdxTestFiles.labels(7, 10), gzip);
    }

    void writeTrain() throws IOException {
        write("train-images-idx3-ubyte", IdxTestFiles.images(5, 28, 28), true);
        write("train-labels-idx1-ubyte", IdxTestFiles.labels(5, 3), true);
    }

    void write(String name, byte[] content, boolean gzip) throws IOException {
        Files.createDirectories(dir.resolve("mnist"));
        Files.write(dir.resolve("mnist").resolve(gzip ? name + ".gz" : name), gzip ? IdxTestFiles.gzip(content) : content);
    }

    static float scaled(int image, int k) {
        return (float) (IdxTestFiles.pixel(image, k, 784) / 127.5 - 1);
    }

    @Test
    void decodesAndScalesToMinusOneOne() throws IOException {
        writeTest(true);
        try (Dataset d = MnistDatasetSpec.of("mnist", "test").open(context())) {
            assertThat(d.size()).isEqualTo(7);
            assertThat(d.sampleShape()).containsExactly(1, 28, 28);
            assertThat(d.classCount()).as("largest label + 1").isEqualTo(7);
            assertThat(d.label(6)).isEqualTo(6);
            assertThat(d.files()).extracting(p -> p.getFileName().toString())
                    .containsExactly("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
            assertThat(d.description()).isEqualTo("mnist test split: 7 images 1x28x28 from mnist");

            INDArray out = Nd4j.zeros(DataType.FLOAT, 3, 1, 28, 28);
            d.fill(new int[] {9, 4, 2, 9}, 1, 2, out);
            assertThat(out.getFloat(0, 0, 0, 0)).isEqualTo(-1f);      // pixel value 0
            assertThat(out.getFloat(0, 0, 27, 27)).isEqualTo(1f);     // pixel value 255
            assertThat(out.getFloat(0, 0, 3, 5)).isEqualTo(scaled(4, 3 * 28 + 5));
            assertThat(out.getFloat(1, 0, 10, 1)).isEqualTo(scaled(2, 10 * 28 + 1));
            assertThat(out.getFloat(2, 0, 3, 5)).as("rows past count are left alone").isEqualTo(0f);
            assertThat(scaled(0, 3)).isEqualTo((float) (9 / 127.5 - 1));
        }
    }

    @Test
    void labelsAreTheConditionNamedByNumberOrByTheGivenNames() throws IOException {
        writeTest(true);
        Dataset digits = MnistDatasetSpec.of("mnist", "test").open(context());
        assertThat(digits.condition()).isEqualTo(org.gan4j.api.spi.Condition.classes(7));
        INDArray rows = Nd4j.zeros(DataType.FLOAT, 2, 7);
        digits.fillCondition(new int[] {0, 5, 3}, 1, 2, rows);
        assertThat(rows.toFloatMatrix()[0]).containsExactly(0, 0, 0, 0, 0, 1, 0);
        assertThat(rows.toFloatMatrix()[1]).containsExactly(0, 0, 0, 1, 0, 0, 0);

        List<String> names = List.of("a", "b", "c", "d", "e", "f", "g");
        Dataset named = new MnistDatasetSpec("mnist", "test", null, null, null, null, null, names).open(context());
        assertThat(named.condition().names()).isEqualTo(names);
        assertThatThrownBy(() -> new MnistDatasetSpec("mnist", "test", null, null, null, null, null, List.of("a", "b")).open(context()))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("data.classNames names 2 classes")
                .hasMessageContaining("go from 0 to 6");
        assertThatThrownBy(() -> new MnistDatasetSpec("mnist", "test", null, null, null, null, null, List.of("a", "a")))
                .hasMessageContaining("classNames has 'a' twice");
    }

    @Test
    void findsTheUncompressedFilesUnderTheGzipNames() throws IOException {
        writeTest(false);
        Dataset d = MnistDatasetSpec.of("mnist", "test").open(context());
        assertThat(d.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
        INDArray out = Nd4j.zeros(DataType.DOUBLE, 1, 1, 28, 28);
        d.fill(new int[] {5}, 0, 1, out);
        assertThat(out.getDouble(0, 0, 1, 1)).isEqualTo(scaled(5, 29), org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void splitAllIsTrainThenTest() throws IOException {
        writeTest(true);
        writeTrain();
        Dataset d = MnistDatasetSpec.of("mnist", "all").open(context());
        assertThat(d.size()).isEqualTo(12);
        assertThat(d.label(4)).isEqualTo(1);      // train label 4 % 3
        assertThat(d.label(5 + 4)).isEqualTo(4);  // test label 4 % 10
        INDArray out = Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28);
        d.fill(new int[] {4, 5 + 4}, 0, 2, out);
        assertThat(out.getFloat(0, 0, 0, 1)).isEqualTo(scaled(4, 1));
        assertThat(out.getFloat(1, 0, 0, 1)).isEqualTo(scaled(4, 1));
        assertThat(d.files()).hasSize(4);
    }

    @Test
    void imageAndLabelCountsMustMatch() throws IOException {
        write("t10k-images-idx3-ubyte", IdxTestFiles.images(7, 28, 28), true);
        write("t10k-labels-idx1-ubyte", IdxTestFiles.labels(6, 10), true);
        assertThatThrownBy(() -> MnistDatasetSpec.of("mnist", "test").open(context()))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz holds 7 images but")
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz holds 6 labels");
    }

    @Test
    void aMissingDirectoryIsNamedWithWhatToDo() {
        assertThatThrownBy(() -> MnistDatasetSpec.of("nowhere", "train").open(context()))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("the mnist directory " + dir.resolve("nowhere") + " (data.path: nowhere) does not exist")
                .hasMessageContaining("train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz")
                .hasMessageContaining("download: true");
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        write("t10k-images-idx3-ubyte", IdxTestFiles.images(7, 28, 28), true);
        assertThatThrownBy(() -> MnistDatasetSpec.of("mnist", "test").open(context()))
                .hasMessageContaining(dir.resolve("mnist") + " lacks t10k-labels-idx1-ubyte.gz (or t10k-labels-idx1-ubyte) needed for split: test")
                .hasMessageContaining("download: true")
                .hasMessageNotContaining("t10k-images");
    }

    @Test
    void onlyTheTestSplitPresentSuggestsSplitTest() throws IOException {
        writeTest(true);
        for (String split : new String[] {"train", "all"}) {
            assertThatThrownBy(() -> MnistDatasetSpec.of("mnist", split).open(context()))
                    .hasMessageContaining("holds only the test split")
                    .hasMessageContaining("use split: test")
                    .hasMessageContaining("train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz");
        }
    }

    @Test
    void otherFileNamesServeOtherIdxPairs() throws IOException {
        write("imgs", IdxTestFiles.images(4, 28, 28), true);
        write("labs", IdxTestFiles.labels(4, 2), false);
        MnistDatasetSpec spec = new MnistDatasetSpec("mnist", "test", null, null,
                new IdxFileNames(null, null, "imgs.gz", "labs"), null, null);
        Dataset d = spec.open(context());
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.classCount()).isEqualTo(2);
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new MnistDatasetSpec(null, "tset", null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("split must be one of train, test, all; got 'tset'");
        assertThatThrownBy(() -> new MnistDatasetSpec(null, null, null, "ftp://x/", null, null, null))
                .hasMessageStartingWith("mirror must be an http:// or https:// URL");
        assertThatThrownBy(() -> new MnistDatasetSpec(null, null, null, null, null, Map.of("a", "123"), null))
                .hasMessageStartingWith("md5 of 'a' must be 32 hexadecimal digits");
        assertThatThrownBy(() -> new IdxFileNames("../x", null, null, null)).hasMessageStartingWith("trainImages must be a file name");

        MnistDatasetSpec defaults = new MnistDatasetSpec(null, null, null, "http://example.org/m", null, null, null);
        assertThat(defaults.path()).isNull();
        assertThat(defaults.directory()).isEqualTo("data/mnist");
        assertThat(defaults.split()).isEqualTo("train");
        assertThat(defaults.download()).isFalse();
        assertThat(defaults.mirror()).isEqualTo("http://example.org/m/");
        assertThat(defaults.md5()).containsEntry("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3").hasSize(4);
        assertThat(defaults.padTo()).isZero();
        assertThatThrownBy(() -> new MnistDatasetSpec(null, null, null, null, null, null, -1))
                .hasMessageStartingWith("padTo must be 0 or more");
    }

    @Test
    void padToCentresTheImageOnBackground() throws IOException {
        writeTest(true);
        Dataset d = MnistDatasetSpec.of("mnist", "test").withPadTo(32).open(context());
        assertThat(d.sampleShape()).containsExactly(1, 32, 32);
        assertThat(d.description()).isEqualTo("mnist test split: 7 images 1x32x32 (28x28 padded) from mnist");
        INDArray out = Nd4j.zeros(DataType.FLOAT, 2, 1, 32, 32);
        d.fill(new int[] {4, 2}, 0, 2, out);
        for (int r = 0; r < 2; r++) {
            int image = r == 0 ? 4 : 2;
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    boolean inside = y >= 2 && y < 30 && x >= 2 && x < 30;
                    float expected = inside ? scaled(image, (y - 2) * 28 + (x - 2)) : -1f;
                    assertThat(out.getFloat(r, 0, y, x)).as("image %d at (%d, %d)", image, y, x).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void anOddMarginPutsTheExtraBackgroundAfterTheImage() throws IOException {
        writeTest(true);
        Dataset d = MnistDatasetSpec.of("mnist", "test").withPadTo(31).open(context());
        INDArray out = Nd4j.zeros(DataType.FLOAT, 1, 1, 31, 31);
        d.fill(new int[] {3}, 0, 1, out);
        assertThat(out.getFloat(0, 0, 0, 0)).isEqualTo(-1f);
        assertThat(out.getFloat(0, 0, 1, 1)).isEqualTo(scaled(3, 0));
        assertThat(out.getFloat(0, 0, 28, 28)).isEqualTo(scaled(3, 27 * 28 + 27));
        assertThat(out.getFloat(0, 0, 29, 29)).isEqualTo(-1f);
        assertThat(out.getFloat(0, 0, 30, 30)).isEqualTo(-1f);
    }

    @Test
    void padToSmallerThanTheImagesIsRefused() throws IOException {
        writeTest(true);
        assertThatThrownBy(() -> MnistDatasetSpec.of("mnist", "test").withPadTo(27).open(context()))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("data.padTo is 27 but the images in")
                .hasMessageContaining("are 28x28; padTo must be at least the image side");
    }
}

package org.gan4j.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.DataContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageFolderTest {

    @TempDir
    Path dir;
    final List<String> log = new ArrayList<>();

    ImageDataset open(ImageFolderSpec spec) {
        return (ImageDataset) spec.open(new DataContext(dir, log::add));
    }

    static ImageFolderSpec spec(int size, int channels, int subset, String onCorrupt) {
        return new ImageFolderSpec("pics", size, channels, subset, onCorrupt, 1, false);
    }

    static List<String> relative(Path root, ImageDataset d) {
        return IntStream.range(0, d.size()).mapToObj(i -> root.relativize(d.image(i)).toString().replace('\\', '/')).toList();
    }

    /** pics/b.png (white), pics/a/z.JPG (red), pics/a/y/x.jpeg (black), plus files that are not picked up. */
    Path writeTree() throws IOException {
        Path root = dir.resolve("pics");
        TestImages.png(root.resolve("b.png"), TestImages.rgb(20, 30, (x, y) -> 0xffffff));
        TestImages.jpeg(root.resolve("a/z.JPG"), TestImages.rgb(30, 20, (x, y) -> 0xff0000));
        TestImages.jpeg(root.resolve("a/y/x.jpeg"), TestImages.rgb(25, 25, (x, y) -> 0));
        Files.writeString(root.resolve("a/notes.txt"), "not an image");
        TestImages.png(root.resolve(".thumbs/b.png"), TestImages.rgb(4, 4, (x, y) -> 0x00ff00));
        TestImages.png(root.resolve("a/._z.png"), TestImages.rgb(4, 4, (x, y) -> 0x00ff00));
        return root;
    }

    @Test
    void findsPngAndJpegInNestedFoldersInSortedOrder() throws IOException {
        Path root = writeTree();
        ImageDataset d = open(spec(16, 3, 0, null));
        assertThat(relative(root, d)).containsExactly("a/y/x.jpeg", "a/z.JPG", "b.png");
        assertThat(d.sampleShape()).containsExactly(3, 16, 16);
        assertThat(d.description()).isEqualTo("image-folder pics: 3 images 3x16x16, resized and centre-cropped");
        assertThat(d.files()).containsExactly(root);
        INDArray out = Nd4j.zeros(DataType.FLOAT, 3, 3, 16, 16);
        d.fill(new int[] {0, 1, 2}, 0, 3, out);
        assertThat(out.getDouble(0, 1, 8, 8)).isEqualTo(-1.0);                  // black
        assertThat(out.getDouble(1, 0, 8, 8)).isCloseTo(1.0, within(0.05));     // red
        assertThat(out.getDouble(1, 1, 8, 8)).isCloseTo(-1.0, within(0.05));
        assertThat(out.getDouble(2, 2, 15, 15)).isEqualTo(1.0);                 // white PNG, lossless

        ImageDataset first = open(spec(16, 3, 2, null));
        assertThat(relative(root, first)).containsExactly("a/y/x.jpeg", "a/z.JPG");
        assertThat(first.description()).isEqualTo("image-folder pics: 2 images (the first of 3) 3x16x16, resized and centre-cropped");
    }

    @Test
    void oneChannelIsGrey() throws IOException {
        writeTree();
        ImageDataset d = open(spec(8, 1, 0, null));
        assertThat(d.sampleShape()).containsExactly(1, 8, 8);
        INDArray out = Nd4j.zeros(DataType.FLOAT, 3, 1, 8, 8);
        d.fill(new int[] {0, 1, 2}, 0, 3, out);
        // red: L = 255 * 19595 / 65536 = 76 (JPEG leaves it within a level or two)
        assertThat(out.getDouble(1, 0, 4, 4)).isCloseTo(76 / 127.5 - 1, within(0.03));
        assertThat(out.getDouble(2, 0, 4, 4)).isEqualTo(1.0);
        assertThat(out.getDouble(0, 0, 4, 4)).isEqualTo(-1.0);
    }

    @Test
    void anEmptyOrMissingFolderIsAClearError() throws IOException {
        assertThatThrownBy(() -> open(spec(8, 3, 0, null)))
                .isInstanceOf(Gan4jException.class)
                .hasMessage("the image folder " + dir.resolve("pics") + " (data.path: pics) does not exist; "
                        + "set data.path to a folder holding PNG or JPEG images (searched recursively)");
        Files.createDirectories(dir.resolve("pics/sub"));
        Files.writeString(dir.resolve("pics/sub/list.txt"), "nothing");
        assertThatThrownBy(() -> open(spec(8, 3, 0, null)))
                .isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith("the image folder " + dir.resolve("pics") + " (data.path: pics) holds no images: "
                        + "found no .png, .jpg or .jpeg files in it or its subfolders");
    }

    @Test
    void aCorruptFileFailsNamingItOrIsSkipped() throws IOException {
        Path root = writeTree();
        Path cut = TestImages.truncate(root.resolve("a/z.JPG"));
        ImageDataset failing = open(spec(8, 3, 0, "fail"));
        INDArray out = Nd4j.zeros(DataType.FLOAT, 1, 3, 8, 8);
        assertThatThrownBy(() -> failing.fill(new int[] {1}, 0, 1, out))
                .isInstanceOf(Gan4jException.class).hasMessageStartingWith("cannot read the image " + cut + ": ");
        ImageDataset skipping = open(spec(8, 3, 0, "skip"));
        skipping.fill(new int[] {1}, 0, 1, out);
        assertThat(out.getDouble(0, 0, 4, 4)).as("replaced by b.png, white").isEqualTo(1.0);
        assertThat(skipping.corruptCount()).isEqualTo(1);
        assertThat(log).singleElement().asString().startsWith("skipping the corrupt image " + cut);
    }
}

package org.gan4j.data.celeba;

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
import org.gan4j.api.spi.Dataset;
import org.gan4j.core.data.BatchStream;
import org.gan4j.data.images.ImageDataset;
import org.gan4j.data.images.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A CelebA layout the test writes: six 178x218 JPEGs (red, green, blue, white-over-black,
 * black-left-of-white, grey), images 1-4 in train, 5 in valid, 6 in test, three attributes.
 */
class CelebaDatasetTest {

    @TempDir
    Path dir;
    Path root;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void writeLayout() throws IOException {
        root = dir.resolve("celeba");
        Path images = root.resolve("img_align_celeba");
        TestImages.jpeg(images.resolve("000001.jpg"), TestImages.solid(0xff0000));
        TestImages.jpeg(images.resolve("000002.jpg"), TestImages.solid(0x00ff00));
        TestImages.jpeg(images.resolve("000003.jpg"), TestImages.solid(0x0000ff));
        TestImages.jpeg(images.resolve("000004.jpg"), TestImages.topWhite());
        TestImages.jpeg(images.resolve("000005.jpg"), TestImages.rightWhite());
        TestImages.jpeg(images.resolve("000006.jpg"), TestImages.solid(0x808080));
        Files.writeString(images.resolve("readme.txt"), "not an image");
        Files.writeString(root.resolve("list_eval_partition.txt"),
                "000001.jpg 0\n000002.jpg 0\n000003.jpg 0\n000004.jpg 0\n000005.jpg 1\n000006.jpg 2\n");
        Files.writeString(root.resolve("list_attr_celeba.txt"), """
                6
                Smiling Male Young\s
                000001.jpg  1 -1  1
                000002.jpg -1 -1  1
                000003.jpg -1  1 -1
                000004.jpg  1  1  1
                000005.jpg -1 -1 -1
                000006.jpg  1 -1 -1
                """);
    }

    DataContext context() {
        return new DataContext(dir, log::add);
    }

    ImageDataset open(CelebaDatasetSpec spec) {
        return (ImageDataset) spec.open(context());
    }

    static CelebaDatasetSpec spec(String split, int subset, String onCorrupt, int threads, boolean cache) {
        return new CelebaDatasetSpec("celeba", 64, split, subset, onCorrupt, threads, cache);
    }

    static List<String> names(ImageDataset d) {
        return IntStream.range(0, d.size()).mapToObj(i -> d.image(i).getFileName().toString()).toList();
    }

    static INDArray fill(Dataset d, int... indices) {
        INDArray out = Nd4j.zeros(DataType.FLOAT, indices.length, 3, 64, 64);
        d.fill(indices, 0, indices.length, out);
        return out;
    }

    @Test
    void partitionsSelectTheirImages() {
        try (ImageDataset train = open(CelebaDatasetSpec.of("celeba", "train"))) {
            assertThat(names(train)).containsExactly("000001.jpg", "000002.jpg", "000003.jpg", "000004.jpg");
            assertThat(train.sampleShape()).containsExactly(3, 64, 64);
            assertThat(train.slowToFill()).isTrue();
            assertThat(train.description()).isEqualTo("celeba train split: 4 images 3x64x64 from celeba, resized and centre-cropped, 3 attributes");
            assertThat(train.files()).containsExactly(root.resolve("img_align_celeba"), root.resolve("list_eval_partition.txt"),
                    root.resolve("list_attr_celeba.txt"));
        }
        assertThat(names(open(CelebaDatasetSpec.of("celeba", "valid")))).containsExactly("000005.jpg");
        assertThat(names(open(CelebaDatasetSpec.of("celeba", "test")))).containsExactly("000006.jpg");
        assertThat(names(open(CelebaDatasetSpec.of("celeba", "all")))).hasSize(6).startsWith("000001.jpg").endsWith("000006.jpg");
        ImageDataset first = open(spec("train", 2, null, 1, false));
        assertThat(names(first)).containsExactly("000001.jpg", "000002.jpg");
        assertThat(first.description()).startsWith("celeba train split: 2 images (the first of 4) 3x64x64");
    }

    @Test
    void samplesAreRgbChannelsFirstInMinusOneOne() {
        ImageDataset d = open(CelebaDatasetSpec.of("celeba", "train"));
        INDArray out = fill(d, 2, 0, 1, 3);
        // row 0 is blue, row 1 red, row 2 green; JPEG keeps solid colours within a few levels
        for (int row = 0; row < 3; row++) {
            int on = new int[] {2, 0, 1}[row];
            for (int c = 0; c < 3; c++) {
                INDArray plane = out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(row), org.nd4j.linalg.indexing.NDArrayIndex.point(c));
                assertThat(plane.minNumber().doubleValue()).as("row %d channel %d", row, c).isCloseTo(c == on ? 1 : -1, within(0.05));
                assertThat(plane.maxNumber().doubleValue()).as("row %d channel %d", row, c).isCloseTo(c == on ? 1 : -1, within(0.05));
            }
        }
        // white over black: the boundary is in the middle of the centred crop
        assertThat(out.getDouble(3, 0, 29, 20)).isCloseTo(1, within(0.05));
        assertThat(out.getDouble(3, 0, 34, 20)).isCloseTo(-1, within(0.05));
        assertThat(out.getDouble(3, 1, 31, 20) + out.getDouble(3, 1, 32, 20)).isCloseTo(0, within(0.1));
    }

    @Test
    void attributesAreParsedPerSample() {
        ImageDataset d = open(CelebaDatasetSpec.of("celeba", "train"));
        assertThat(d.attributes().names()).containsExactly("Smiling", "Male", "Young");
        assertThat(d.attributes().size()).isEqualTo(4);
        assertThat(d.attributes().has(0, "Smiling")).isTrue();
        assertThat(d.attributes().has(0, "Male")).isFalse();
        assertThat(d.attributes().has(2, 1)).isTrue();
        assertThat(d.attributes().has(3, "Young")).isTrue();
        assertThat(open(CelebaDatasetSpec.of("celeba", "test")).attributes().has(0, "Smiling")).as("000006.jpg").isTrue();
        assertThatThrownBy(() -> d.attributes().has(0, "Bald")).hasMessageContaining("no attribute 'Bald'");
    }

    @Test
    void attributesAreTheConditionOfConditionalModels() {
        ImageDataset d = open(CelebaDatasetSpec.of("celeba", "train"));
        assertThat(d.condition()).isEqualTo(org.gan4j.api.spi.Condition.attributes(java.util.List.of("Smiling", "Male", "Young")));
        org.nd4j.linalg.api.ndarray.INDArray rows = org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 3);
        d.fillCondition(new int[] {3, 0, 2}, 1, 2, rows);
        for (int r = 0; r < 2; r++) {
            int sample = new int[] {0, 2}[r];
            for (int a = 0; a < 3; a++) {
                assertThat(rows.getFloat(r, a)).as("sample %d attribute %d", sample, a).isEqualTo(d.attributes().has(sample, a) ? 1f : 0f);
            }
        }
        assertThat(rows.getRow(2).sumNumber().doubleValue()).as("rows past count are left alone").isZero();
    }

    @Test
    void withoutTheAttributeFileThereAreNoAttributes() throws IOException {
        Files.delete(root.resolve("list_attr_celeba.txt"));
        ImageDataset d = open(CelebaDatasetSpec.of("celeba", "train"));
        assertThat(d.attributes().isEmpty()).isTrue();
        assertThat(d.files()).hasSize(2);
    }

    @Test
    void aMalformedAttributeFileIsNamedWithItsLine() throws IOException {
        Files.writeString(root.resolve("list_attr_celeba.txt"), "2\nSmiling Male\n000001.jpg 1 -1\n000002.jpg 1 yes\n");
        assertThatThrownBy(() -> open(CelebaDatasetSpec.of("celeba", "train")))
                .isInstanceOf(Gan4jException.class)
                .hasMessage(root.resolve("list_attr_celeba.txt") + " line 4 has 'yes' for Male; values must be 1 or -1; "
                        + "fix or delete the file (attributes are optional)");
    }

    @Test
    void aMissingPartitionFileIsNeededForTrainButNotForAll() throws IOException {
        Files.delete(root.resolve("list_eval_partition.txt"));
        assertThatThrownBy(() -> open(CelebaDatasetSpec.of("celeba", "train")))
                .isInstanceOf(Gan4jException.class)
                .hasMessage("split: train needs " + root.resolve("list_eval_partition.txt") + " to know which images are in it, "
                        + "and it does not exist; copy list_eval_partition.txt (Eval/ in the CelebA download) there, "
                        + "or use split: all to train on every image in " + root.resolve("img_align_celeba"));
        ImageDataset all = open(CelebaDatasetSpec.of("celeba", "all"));
        assertThat(all.size()).isEqualTo(6);
        assertThat(all.files()).doesNotContain(root.resolve("list_eval_partition.txt"));
    }

    @Test
    void aMissingImageDirectoryOrRootIsNamed() throws IOException {
        assertThatThrownBy(() -> CelebaDatasetSpec.of("elsewhere", "train").open(context()))
                .isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith("the CelebA directory " + dir.resolve("elsewhere") + " (data.path: elsewhere) does not exist");
        Files.move(root.resolve("img_align_celeba"), root.resolve("images"));
        assertThatThrownBy(() -> open(CelebaDatasetSpec.of("celeba", "train")))
                .isInstanceOf(Gan4jException.class)
                .hasMessage(root + " (data.path: celeba) has no img_align_celeba/ folder; extract img_align_celeba.zip "
                        + "(Img/ in the CelebA download) there, or set data.path to the directory that has it");
    }

    @Test
    void aTruncatedJpegStopsTrainingNamingTheFile() throws IOException {
        Path cut = TestImages.truncate(root.resolve("img_align_celeba/000002.jpg"));
        ImageDataset d = open(CelebaDatasetSpec.of("celeba", "train"));
        assertThat(fill(d, 0).getDouble(0, 0, 5, 5)).isCloseTo(1, within(0.05));
        assertThatThrownBy(() -> fill(d, 0, 1))
                .isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith("cannot read the image " + cut + ": ")
                .hasMessageContaining("Missing EOI marker")
                .hasMessageEndingWith("; replace or delete the file, or set data.onCorrupt: skip to train without it");
    }

    @Test
    void withOnCorruptSkipATruncatedJpegIsCountedAndReplacedByTheNextImage() throws IOException {
        Path cut = TestImages.truncate(root.resolve("img_align_celeba/000002.jpg"));
        for (boolean cache : new boolean[] {false, true}) {
            log.clear();
            ImageDataset d = open(spec("train", 0, "skip", 2, cache));
            INDArray out = fill(d, 1, 2, 1);
            assertThat(out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)))
                    .as("sample 1 (corrupt) is sample 2 (blue)").isEqualTo(out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)));
            assertThat(out.getDouble(0, 2, 10, 10)).isCloseTo(1, within(0.05));
            assertThat(d.corruptCount()).isEqualTo(1);
            assertThat(log).filteredOn(l -> l.startsWith("skipping")).containsExactly("skipping the corrupt image " + cut
                    + " (Truncated File - Missing EOI marker; Corrupt JPEG data: premature end of data segment); "
                    + "1 skipped so far, each replaced by the next readable image");
            if (cache) {
                assertThat(d.description()).endsWith("; 1 corrupt image replaced by the next readable one");
            }
        }
    }

    @Test
    void missingListedImagesFailOrAreLeftOut() throws IOException {
        Files.delete(root.resolve("img_align_celeba/000003.jpg"));
        assertThatThrownBy(() -> open(CelebaDatasetSpec.of("celeba", "train")))
                .isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith("1 of the 4 images list_eval_partition.txt puts in the train split are missing from "
                        + root.resolve("img_align_celeba") + " (the first is 000003.jpg)");
        ImageDataset d = open(spec("train", 0, "skip", 1, false));
        assertThat(names(d)).containsExactly("000001.jpg", "000002.jpg", "000004.jpg");
        assertThat(d.description()).endsWith("; 1 listed images missing, left out");
        assertThat(d.attributes().has(2, "Male")).as("attributes follow the images left").isTrue();
    }

    @Test
    void threadsAndCacheGiveTheSameSamples() {
        int[] order = {3, 0, 2, 1, 3};
        INDArray one = fill(open(spec("train", 0, null, 1, false)), order);
        assertThat(fill(open(spec("train", 0, null, 3, false)), order)).isEqualTo(one);
        ImageDataset cached = open(spec("train", 0, null, 2, true));
        assertThat(cached.slowToFill()).isFalse();
        assertThat(fill(cached, order)).isEqualTo(one);
        assertThat(log).anyMatch(l -> l.startsWith("decoding 4 images into memory"));
    }

    /** The trainer prefetches datasets that are slow to fill: the batches must not change. */
    @Test
    void prefetchingGivesTheSameBatches() {
        ImageDataset d = open(spec("all", 0, null, 2, false));
        List<INDArray> plain = new ArrayList<>();
        try (BatchStream s = new BatchStream(d, 2, 5, DataType.FLOAT, false)) {
            for (int i = 0; i < 7; i++) {
                plain.add(s.next().features().dup());
            }
        }
        try (BatchStream s = new BatchStream(d, 2, 5, DataType.FLOAT, true)) {
            for (int i = 0; i < 7; i++) {
                assertThat(s.next().features()).as("batch %d", i).isEqualTo(plain.get(i));
            }
        }
    }
}

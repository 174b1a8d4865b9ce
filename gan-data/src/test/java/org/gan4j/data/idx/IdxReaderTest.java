package org.gan4j.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.gan4j.api.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void readsRawImages() throws IOException {
        byte[] content = IdxTestFiles.images(3, 4, 5);
        IdxArray a = IdxReader.readImages(write("raw-images", content));
        assertThat(a.dimensions()).containsExactly(3, 4, 5);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.itemLength()).isEqualTo(20);
        assertThat(a.data()).containsExactly(Arrays.copyOfRange(content, 16, content.length));
        assertThat(a.data()[2 * 20 + 19] & 0xff).isEqualTo(255);
    }

    @Test
    void recognisesGzipByItsMagicBytesNotItsName() throws IOException {
        byte[] content = IdxTestFiles.images(3, 4, 5);
        IdxArray gz = IdxReader.readImages(write("images.idx", IdxTestFiles.gzip(content)));
        IdxArray raw = IdxReader.readImages(write("images.gz", content));
        assertThat(gz.data()).containsExactly(Arrays.copyOfRange(content, 16, content.length));
        assertThat(raw.data()).containsExactly(gz.data());
    }

    @Test
    void readsLabels() throws IOException {
        IdxArray a = IdxReader.readLabels(write("labels.gz", IdxTestFiles.gzip(IdxTestFiles.labels(12, 10))));
        assertThat(a.dimensions()).containsExactly(12);
        assertThat(a.data()[11]).isEqualTo((byte) 1);
    }

    @Test
    void aLabelsFileReadAsImagesIsRefusedWithTheMagicNumbers() throws IOException {
        Path p = write("swapped.gz", IdxTestFiles.gzip(IdxTestFiles.labels(12, 10)));
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining(p + " is not an IDX images file: after gunzip it starts with 0x00000801 where 0x00000803 was expected")
                .hasMessageContaining("swapped");
    }

    @Test
    void anHtmlPageIsRecognised() throws IOException {
        Path p = write("page", "<html><body>404</body></html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> IdxReader.readImages(p)).hasMessageContaining("HTML");
    }

    @Test
    void aTruncatedRawFileNamesTheOffsetAndTheExpectedLength() throws IOException {
        byte[] content = IdxTestFiles.images(3, 4, 5); // 16 + 60 bytes
        Path p = write("cut", Arrays.copyOf(content, 50));
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining(p + " is truncated: it ends at byte 50 but its header (3 images of 4x5) needs 76 bytes")
                .hasMessageContaining("re-download");
    }

    @Test
    void aFileCutInsideTheHeaderIsTruncated() throws IOException {
        Path p = write("cut", Arrays.copyOf(IdxTestFiles.images(3, 4, 5), 6));
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .hasMessageContaining("is truncated: it ends at byte 6 before the end of the IDX header");
        Path empty = write("empty", new byte[0]);
        assertThatThrownBy(() -> IdxReader.readImages(empty))
                .hasMessageContaining("is truncated: it ends at byte 0 before the end of the IDX header");
    }

    @Test
    void aTruncatedGzipFileNamesTheDecompressedOffset() throws IOException {
        byte[] content = IdxTestFiles.images(200, 28, 28); // 156816 bytes, compresses to a few tens of kB
        byte[] gz = IdxTestFiles.gzip(content);
        Path p = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .isInstanceOf(Gan4jException.class)
                .hasMessageMatching("(?s).*cut\\.gz is truncated: its decompressed content ends at byte \\d+ "
                        + "but its header \\(200 images of 28x28\\) needs 156816 bytes.*re-download.*");
    }

    @Test
    void aGzipFileWithoutItsTrailerIsTruncated() throws IOException {
        byte[] gz = IdxTestFiles.gzip(IdxTestFiles.images(3, 4, 5));
        Path p = write("notrailer.gz", Arrays.copyOf(gz, gz.length - 8));
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .hasMessageContaining("notrailer.gz is truncated: its decompressed content ends at byte 76 but the gzip stream stops before its trailer");
    }

    @Test
    void aDamagedGzipFileIsReported() throws IOException {
        byte[] gz = IdxTestFiles.gzip(IdxTestFiles.images(3, 4, 5));
        gz[gz.length - 6] ^= 0x55; // inside the CRC
        Path p = write("crc.gz", gz);
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .hasMessageContaining("crc.gz starts like a gzip file but is damaged");
    }

    @Test
    void extraBytesAfterTheDataAreRefused() throws IOException {
        byte[] content = IdxTestFiles.images(3, 4, 5);
        Path p = write("long", Arrays.copyOf(content, content.length + 1));
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .hasMessageContaining("is longer than its header says: 3 images of 4x5 end at byte 76");
    }

    @Test
    void aZeroDimensionIsRefused() throws IOException {
        byte[] content = IdxTestFiles.images(3, 4, 5);
        content[11] = 0; // rows = 0
        Path p = write("zero", content);
        assertThatThrownBy(() -> IdxReader.readImages(p)).hasMessageContaining("invalid header: dimension 1 is 0");
    }

    @Test
    void aMissingFileIsNamed() {
        Path p = dir.resolve("nope");
        assertThatThrownBy(() -> IdxReader.readLabels(p)).hasMessageContaining("the IDX labels file " + p + " does not exist");
    }
}

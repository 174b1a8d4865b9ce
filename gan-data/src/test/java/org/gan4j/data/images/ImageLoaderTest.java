package org.gan4j.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.gan4j.data.images.ImageLoader.UnreadableImageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {

    @TempDir
    Path dir;

    static int at(byte[] chw, int size, int c, int y, int x) {
        return chw[c * size * size + y * size + x] & 0xff;
    }

    /** Pillow's bilinear resize + crop, byte for byte (the PyTorch DCGAN tutorial's pipeline). */
    @Test
    void resizeAndCropMatchPillowExactly() throws Exception {
        Path png = TestImages.png(dir.resolve("formula.png"), TestImages.formula());
        BufferedImage transposed = TestImages.rgb(61, 45, (x, y) -> TestImages.formula().getRGB(y, x));
        Path wide = TestImages.png(dir.resolve("wide.png"), transposed);
        int lines = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ImageLoaderTest.class.getResourceAsStream("pillow-reference.txt"), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                int size = Integer.parseInt(parts[0]);
                byte[] expected = HexFormat.of().parseHex(parts[2]);
                ImageLoader loader = new ImageLoader(size, parts[1].equals("L") ? 1 : 3);
                byte[] got = loader.load(parts[1].endsWith("transposed") ? wide : png);
                assertThat(got).as("size %d %s", size, parts[1]).isEqualTo(expected);
                lines++;
            }
        }
        assertThat(lines).as("16 RGB downscale, 16 grey, 48 RGB upscale, 12 RGB of the wide image").isEqualTo(4);
    }

    @Test
    void aRedJpegIsRedAfterScaling() throws Exception {
        byte[] out = new ImageLoader(64, 3).load(TestImages.jpeg(dir.resolve("red.jpg"), TestImages.solid(0xff0000)));
        assertThat(out).hasSize(3 * 64 * 64);
        for (int k = 0; k < 64 * 64; k += 97) {
            assertThat(at(out, 64, 0, k / 64, k % 64)).isGreaterThanOrEqualTo(250);
            assertThat(at(out, 64, 1, k / 64, k % 64)).isLessThanOrEqualTo(5);
            assertThat(at(out, 64, 2, k / 64, k % 64)).isLessThanOrEqualTo(5);
        }
    }

    /**
     * 178x218 resizes to 64x78 (torchvision: int(64 * 218 / 178)); the crop drops 7 rows above and 7
     * below, so the white/black boundary at the middle of the image is the middle of the crop.
     */
    @Test
    void theCropIsCentred() throws Exception {
        byte[] out = new ImageLoader(64, 3).load(TestImages.png(dir.resolve("top.png"), TestImages.topWhite()));
        for (int c = 0; c < 3; c++) {
            assertThat(at(out, 64, c, 30, 10)).isEqualTo(255);
            assertThat(at(out, 64, c, 33, 10)).isEqualTo(0);
            // the blurred boundary rows 31 and 32 mirror each other around mid-grey
            assertThat(at(out, 64, c, 31, 10) + at(out, 64, c, 32, 10)).isBetween(254, 256);
        }
        byte[] side = new ImageLoader(64, 1).load(TestImages.png(dir.resolve("side.png"), TestImages.rightWhite()));
        assertThat(at(side, 64, 0, 5, 30)).isEqualTo(0);
        assertThat(at(side, 64, 0, 5, 33)).isEqualTo(255);
        assertThat(at(side, 64, 0, 5, 31) + at(side, 64, 0, 5, 32)).isBetween(254, 256);
    }

    @Test
    void greyUsesPillowsLumaWeightsAndGreyFilesAreReadAsStored() throws Exception {
        byte[] grey = new ImageLoader(8, 1).load(TestImages.png(dir.resolve("c.png"), TestImages.rgb(10, 10, (x, y) -> 0xc86432)));
        assertThat(at(grey, 8, 0, 3, 3)).isEqualTo((200 * 19595 + 100 * 38470 + 50 * 7471 + 0x8000) >> 16);

        BufferedImage g = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setSamples(0, 0, 10, 10, 0, filled(100, 100));
        Path file = TestImages.png(dir.resolve("g.png"), g);
        assertThat(at(new ImageLoader(8, 1).load(file), 8, 0, 4, 4)).as("no gamma change").isEqualTo(100);
        byte[] asRgb = new ImageLoader(8, 3).load(file);
        assertThat(new int[] {at(asRgb, 8, 0, 1, 1), at(asRgb, 8, 1, 1, 1), at(asRgb, 8, 2, 1, 1)}).containsExactly(100, 100, 100);
    }

    @Test
    void alphaIsDroppedAndPalettesAreLookedUp() throws Exception {
        BufferedImage argb = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                argb.setRGB(x, y, 0x20_10_80_f0);
            }
        }
        byte[] out = new ImageLoader(4, 3).load(TestImages.png(dir.resolve("a.png"), argb));
        assertThat(new int[] {at(out, 4, 0, 0, 0), at(out, 4, 1, 0, 0), at(out, 4, 2, 0, 0)}).containsExactly(0x10, 0x80, 0xf0);

        IndexColorModel palette = new IndexColorModel(2, 2, new byte[] {0, (byte) 200}, new byte[] {0, 20}, new byte[] {0, 7});
        BufferedImage indexed = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_BINARY, palette);
        indexed.getRaster().setSamples(0, 0, 10, 10, 0, filled(100, 1));
        out = new ImageLoader(4, 3).load(TestImages.png(dir.resolve("p.png"), indexed));
        assertThat(new int[] {at(out, 4, 0, 2, 2), at(out, 4, 1, 2, 2), at(out, 4, 2, 2, 2)}).containsExactly(200, 20, 7);
    }

    @Test
    void truncatedEmptyAndNonImageFilesAreUnreadableWithTheReason() throws IOException {
        Path cut = TestImages.truncate(TestImages.jpeg(dir.resolve("cut.jpg"), TestImages.topWhite()));
        ImageLoader loader = new ImageLoader(16, 3);
        assertThatThrownBy(() -> loader.load(cut)).isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining("Missing EOI marker");
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        assertThatThrownBy(() -> loader.load(empty)).hasMessage("the file is empty");
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        assertThatThrownBy(() -> loader.load(text)).hasMessageStartingWith("not an image in a format Java reads");
        assertThatThrownBy(() -> loader.load(dir.resolve("absent.png"))).hasMessageStartingWith("cannot read the file");
    }

    @Test
    void sizeAndChannelsAreChecked() {
        assertThatThrownBy(() -> new ImageLoader(0, 3)).hasMessageStartingWith("size must be positive");
        assertThatThrownBy(() -> new ImageLoader(8, 2)).hasMessageStartingWith("channels must be 1 or 3");
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }
}

package org.gan4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class ImageGridTest {

    @TempDir
    Path dir;

    @Test
    void valuesMapLinearlyFromMinusOneToZeroAndOneTo255() {
        assertThat(ImageGrid.toByte(-1)).isEqualTo(0);
        assertThat(ImageGrid.toByte(1)).isEqualTo(255);
        assertThat(ImageGrid.toByte(0)).isEqualTo(128); // 127.5 rounds up
        assertThat(ImageGrid.toByte(-3)).isEqualTo(0);
        assertThat(ImageGrid.toByte(7)).isEqualTo(255);
        assertThat(ImageGrid.scaleFor(28)).isEqualTo(2);
        assertThat(ImageGrid.scaleFor(64)).isEqualTo(1);
    }

    @Test
    void greyGridPlacesEachSampleInItsCellWithGaps() {
        // 5 samples of 1x2x2 -> 3 columns, 2 rows, scale 32 -> cells 64 px, 2 px gaps around and between.
        float[] v = new float[5 * 4];
        for (int i = 0; i < 5; i++) {
            v[4 * i] = -1f;       // top-left pixel black
            v[4 * i + 3] = 1f;    // bottom-right pixel white
            v[4 * i + 1] = 0f;
            v[4 * i + 2] = i / 4f * 2 - 1; // varies by sample
        }
        BufferedImage img = ImageGrid.render(Nd4j.create(v, new long[] {5, 1, 2, 2}));
        assertThat(img.getWidth()).isEqualTo(3 * 64 + 4 * 2);
        assertThat(img.getHeight()).isEqualTo(2 * 64 + 3 * 2);
        int cell4x = 2 + (4 % 3) * 66;
        int cell4y = 2 + (4 / 3) * 66;
        assertThat(grey(img, cell4x, cell4y)).isEqualTo(0);
        assertThat(grey(img, cell4x + 63, cell4y + 63)).isEqualTo(255);
        assertThat(grey(img, cell4x + 32, cell4y + 31)).isEqualTo(128);
        assertThat(grey(img, cell4x + 31, cell4y + 32)).isEqualTo(255); // sample 4's bottom-left: 4/4*2-1 = 1
        assertThat(grey(img, 2, 2 + 32)).isEqualTo(0);                   // sample 0's bottom-left: -1
        assertThat(grey(img, 0, 0)).isEqualTo(40);                       // gap
        assertThat(grey(img, 66, 10)).isEqualTo(40);                     // gap between columns
    }

    @Test
    void threeChannelsGiveRgb() {
        float[] v = {1, 1, 1, 1, -1, -1, -1, -1, 0, 0, 0, 0}; // red plane full, green off, blue middle
        BufferedImage img = ImageGrid.render(Nd4j.create(v, new long[] {1, 3, 2, 2}));
        assertThat(img.getRGB(2, 2) & 0xFFFFFF).isEqualTo((255 << 16) | (0 << 8) | 128);
    }

    @Test
    void pngAndAnimatedGifReadBack() throws Exception {
        BufferedImage a = ImageGrid.render(Nd4j.zeros(4, 1, 8, 8).subi(1));
        BufferedImage b = ImageGrid.render(Nd4j.ones(4, 1, 8, 8));
        ImageGrid.writePng(a, dir.resolve("a.png"));
        BufferedImage back = ImageIO.read(dir.resolve("a.png").toFile());
        assertThat(back.getWidth()).isEqualTo(a.getWidth());
        assertThat(grey(back, 0, 0)).isEqualTo(ImageGrid.BACKGROUND);
        assertThat(grey(back, 2, 2)).isEqualTo(0);
        AnimatedGif.write(List.of(a, b, a), 20, dir.resolve("x.gif"));
        try (ImageInputStream in = ImageIO.createImageInputStream(dir.resolve("x.gif").toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(3);
            assertThat(grey(reader.read(1), 5, 5)).isEqualTo(255);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode app = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
            assertThat(app.getAttribute("applicationID")).isEqualTo("NETSCAPE");
            IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            assertThat(gce.getAttribute("delayTime")).isEqualTo("20");
        }
    }

    /** The stored grey level (raster sample for grey images: getRGB would convert colour spaces). */
    static int grey(BufferedImage img, int x, int y) {
        return img.getType() == BufferedImage.TYPE_BYTE_GRAY ? img.getRaster().getSample(x, y, 0) : img.getRGB(x, y) & 0xFF;
    }
}

package org.gan4j.data.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntBinaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Small images the tests write: solid colours, halves, and a formula image with a Pillow reference. */
public final class TestImages {

    public static final int WIDTH = 178;
    public static final int HEIGHT = 218;

    private TestImages() {
    }

    /** A {@code w x h} RGB image whose pixel (x, y) is {@code rgb.applyAsInt(x, y)} (0xRRGGBB). */
    public static BufferedImage rgb(int w, int h, IntBinaryOperator rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb.applyAsInt(x, y));
            }
        }
        return image;
    }

    /** CelebA-sized (178x218) single colour. */
    public static BufferedImage solid(int rgb) {
        return rgb(WIDTH, HEIGHT, (x, y) -> rgb);
    }

    /** CelebA-sized, white above row {@code HEIGHT / 2}, black below: the boundary lands mid-crop when the crop is centred. */
    public static BufferedImage topWhite() {
        return rgb(WIDTH, HEIGHT, (x, y) -> y < HEIGHT / 2 ? 0xffffff : 0);
    }

    /** CelebA-sized, black left half, white right half. */
    public static BufferedImage rightWhite() {
        return rgb(WIDTH, HEIGHT, (x, y) -> x < WIDTH / 2 ? 0 : 0xffffff);
    }

    /** The 45x61 image whose resized crops pillow-reference.txt holds. */
    public static BufferedImage formula() {
        return rgb(45, 61, (x, y) -> (x * 37 + y * 11) % 256 << 16 | (x * x + 3 * y) % 256 << 8 | (x ^ y) * 5 % 256);
    }

    /** JPEG at quality 0.95 (so solid colours stay within a few levels). */
    public static Path jpeg(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return file;
    }

    public static Path png(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        return file;
    }

    /** Cuts {@code file} to half its length: a JPEG then lacks its end (ImageIO warns, Pillow too). */
    public static Path truncate(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        return file;
    }
}

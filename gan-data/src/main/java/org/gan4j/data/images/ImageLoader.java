package org.gan4j.data.images;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns one image file into a training sample the way torchvision's usual GAN pipeline does
 * ({@code convert("RGB")} or {@code convert("L")}, {@code Resize(size)}, {@code CenterCrop(size)}):
 * decoded with ImageIO (PNG, JPEG, BMP, GIF), alpha dropped, converted to RGB or to grey with
 * Pillow's ITU-R 601-2 weights, resized and cropped by {@link Resampler}. The result is
 * {@code channels x size x size} bytes, channel-first, RGB order. Thread-safe.
 */
public final class ImageLoader {

    /** A file that does not decode cleanly; the message says why (ImageIO's words). */
    public static final class UnreadableImageException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableImageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final int size;
    private final int channels;

    /**
     * @param size     side of the square samples
     * @param channels 3 for RGB, 1 for grey
     */
    public ImageLoader(int size, int channels) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        this.size = size;
        this.channels = channels;
    }

    public int size() {
        return size;
    }

    public int channels() {
        return channels;
    }

    /** Bytes per sample: {@code channels * size * size}. */
    public int sampleLength() {
        return channels * size * size;
    }

    /** Decodes, converts, resizes and crops {@code file}; a truncated or undecodable file is an {@link UnreadableImageException}. */
    public byte[] load(Path file) throws UnreadableImageException {
        byte[] out = new byte[sampleLength()];
        BufferedImage image = decode(file);
        int[] pixels = pixels(image, channels);
        Resampler.resizeCrop(pixels, image.getWidth(), image.getHeight(), channels, size, out, 0);
        return out;
    }

    /**
     * Decodes a whole file with ImageIO. Warnings count as failures: for a truncated JPEG ImageIO
     * returns an image grey past the cut and only warns ("Premature end of JPEG file").
     */
    static BufferedImage decode(Path file) throws UnreadableImageException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnreadableImageException("cannot read the file: " + e, e);
        }
        if (bytes.length == 0) {
            throw new UnreadableImageException("the file is empty", null);
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableImageException("not an image in a format Java reads (PNG, JPEG, BMP, GIF)", null);
            }
            ImageReader reader = readers.next();
            try {
                List<String> warnings = new ArrayList<>(1);
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new UnreadableImageException(String.join("; ", warnings), null);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // RuntimeException: ImageIO's decoders throw e.g. IndexOutOfBounds on some damaged files
            throw new UnreadableImageException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /**
     * The image's samples, interleaved, {@code channels} per pixel, 0..255. Grey and sRGB rasters are
     * read as stored (Java's grey colour space is linear, so {@code getRGB} would brighten grey
     * images); palettes and other colour spaces go through {@code getRGB}.
     */
    static int[] pixels(BufferedImage image, int channels) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        ColorSpace cs = cm.getColorSpace();
        int components = cm.getNumColorComponents();
        int bits = cm.getComponentSize(0);
        boolean direct = !(cm instanceof IndexColorModel) && (bits == 8 || bits == 16)
                && (components == 1 && cs.getType() == ColorSpace.TYPE_GRAY || components == 3 && cs.isCS_sRGB());
        int[] source;
        Raster raster = image.getRaster();
        if (direct && bits == 8 && raster.getDataBuffer() instanceof DataBufferByte buffer && buffer.getNumBanks() == 1
                && raster.getSampleModel() instanceof ComponentSampleModel sm
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            // what ImageIO gives for JPEG and 8-bit PNG: read the bytes directly (getPixels costs as much as decoding)
            byte[] data = buffer.getData();
            int[] bandOffsets = sm.getBandOffsets();
            int pixelStride = sm.getPixelStride();
            int scanline = sm.getScanlineStride();
            int base = buffer.getOffset();
            source = new int[w * h * components];
            int i = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0, p = base + y * scanline; x < w; x++, p += pixelStride) {
                    for (int c = 0; c < components; c++) {
                        source[i++] = data[p + bandOffsets[c]] & 0xff;
                    }
                }
            }
        } else if (direct) {
            int bands = raster.getNumBands(); // colour components, then alpha if any
            int[] all = raster.getPixels(0, 0, w, h, (int[]) null);
            source = new int[w * h * components];
            for (int i = 0, p = 0; i < source.length; i += components, p += bands) {
                for (int c = 0; c < components; c++) {
                    int v = all[p + c];
                    source[i + c] = bits == 16 ? (v * 255 + 32767) / 65535 : v;
                }
            }
        } else {
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            components = 3;
            source = new int[w * h * 3];
            for (int i = 0; i < argb.length; i++) {
                source[3 * i] = argb[i] >> 16 & 0xff;
                source[3 * i + 1] = argb[i] >> 8 & 0xff;
                source[3 * i + 2] = argb[i] & 0xff;
            }
        }
        if (components == channels) {
            return source;
        }
        int n = w * h;
        int[] out = new int[n * channels];
        if (channels == 1) {
            // Pillow's convert("L"): L = R * 299/1000 + G * 587/1000 + B * 114/1000 in 16-bit fixed point
            for (int i = 0; i < n; i++) {
                out[i] = (source[3 * i] * 19595 + source[3 * i + 1] * 38470 + source[3 * i + 2] * 7471 + 0x8000) >> 16;
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = source[i];
            }
        }
        return out;
    }
}

package org.gan4j.core.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lays out a batch of images in [-1, 1] as one picture: a square-ish grid (columns = ceil(sqrt n), or as many as asked)
 * with {@value #GAP}-pixel dark gaps between and around cells, small images upscaled by a whole
 * factor (x2 for 28 or 32 pixels) so they stay visible. One channel gives grey, three give RGB.
 */
public final class ImageGrid {

    /** Pixels between cells and around the grid. */
    public static final int GAP = 2;
    /** Grey level of the gaps. */
    public static final int BACKGROUND = 40;

    private ImageGrid() {
    }

    /** Whether samples of this shape can be drawn: {@code [h, w]}, {@code [1, h, w]} or {@code [3, h, w]}. */
    public static boolean isImageShape(long[] sampleShape) {
        return sampleShape.length == 2 || (sampleShape.length == 3 && (sampleShape[0] == 1 || sampleShape[0] == 3));
    }

    /** The grey level of a value in [-1, 1]: -1 is 0, 1 is 255, values outside are clamped. */
    public static int toByte(double value) {
        long v = Math.round((value + 1.0) * 127.5);
        return (int) Math.max(0, Math.min(255, v));
    }

    /** Upscaling factor for images of this height: 2 for 28 or 32 pixels, 1 from 64 up. */
    public static int scaleFor(long height) {
        return (int) Math.max(1, 64 / height);
    }

    /** Renders a batch {@code [n, h, w]} or {@code [n, c, h, w]} (c = 1 or 3) as one grid image. */
    public static BufferedImage render(INDArray batch) {
        return render(batch, 0);
    }

    /**
     * Renders a batch as a grid of {@code columns} columns (e.g. one row per class), or a square-ish
     * one when {@code columns} is 0.
     */
    public static BufferedImage render(INDArray batch, int columns) {
        long[] shape = batch.shape();
        long[] sample = Arrays.copyOfRange(shape, 1, shape.length);
        if (!isImageShape(sample)) {
            throw new IllegalArgumentException("samples of shape " + Arrays.toString(sample) + " are not images");
        }
        int n = (int) shape[0];
        int channels = sample.length == 2 ? 1 : (int) sample[0];
        int h = (int) sample[sample.length - 2];
        int w = (int) sample[sample.length - 1];
        int scale = scaleFor(h);
        int cols = columns > 0 ? Math.min(columns, Math.max(1, n)) : (int) Math.ceil(Math.sqrt(n));
        int rows = (n + cols - 1) / cols;
        int cellW = w * scale;
        int cellH = h * scale;
        int width = cols * cellW + (cols + 1) * GAP;
        int height = rows * cellH + (rows + 1) * GAP;
        BufferedImage image = new BufferedImage(width, height, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        // Grey pixels go straight into the raster: setRGB on TYPE_BYTE_GRAY would apply a colour-space
        // conversion and break the linear [-1, 1] -> [0, 255] mapping.
        WritableRaster raster = image.getRaster();
        if (channels == 1) {
            int[] fill = new int[width * height];
            java.util.Arrays.fill(fill, BACKGROUND);
            raster.setSamples(0, 0, width, height, 0, fill);
        } else {
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(BACKGROUND, BACKGROUND, BACKGROUND));
            g.fillRect(0, 0, width, height);
            g.dispose();
        }
        float[] data = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int plane = h * w;
        int perSample = channels * plane;
        for (int i = 0; i < n; i++) {
            int x0 = GAP + (i % cols) * (cellW + GAP);
            int y0 = GAP + (i / cols) * (cellH + GAP);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int base = i * perSample + y * w + x;
                    int v = channels == 1 ? toByte(data[base])
                            : (toByte(data[base]) << 16) | (toByte(data[base + plane]) << 8) | toByte(data[base + 2 * plane]);
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            if (channels == 1) {
                                raster.setSample(x0 + x * scale + dx, y0 + y * scale + dy, 0, v);
                            } else {
                                image.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, v);
                            }
                        }
                    }
                }
            }
        }
        return image;
    }

    /** Writes a PNG through a temporary file and an atomic move, so readers never see half a file. */
    public static void writePng(BufferedImage image, Path file) {
        AtomicFiles.write(file, out -> {
            if (!javax.imageio.ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** Renders {@code batch} and writes it as a PNG. */
    public static void writePng(INDArray batch, Path file) {
        writePng(render(batch), file);
    }

}

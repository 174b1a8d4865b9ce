package org.gan4j.models.dcgan;

import java.util.Arrays;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.ModelContext;

/** Validation shared by the DCGAN generator and discriminator settings, and their image geometry. */
final class DcganShapes {

    private DcganShapes() {
    }

    /**
     * The image side, if set: DCGAN's stack of stride-2 layers halves (or doubles) it from 4 pixels,
     * so only 32 (three layers) and 64 (four layers, the paper's) are supported. {@code null} means
     * "the data's".
     */
    static Integer imageSize(Integer imageSize) {
        if (imageSize != null && imageSize != 32 && imageSize != 64) {
            throw new IllegalArgumentException("imageSize must be 32 or 64, got " + imageSize
                    + " (resize or pad the images, e.g. MNIST's 28 to 32 with padTo: 32); leave it out to take the data's");
        }
        return imageSize;
    }

    /** Image channels if set: 1 (grey) or 3 (RGB); {@code null} means "the data's". */
    static Integer channels(Integer channels) {
        if (channels != null && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        return channels;
    }

    /**
     * The data's {@code [channels, size, size]}, checked against the settings (when given) and
     * against what DCGAN can build.
     */
    static long[] resolve(String network, Integer imageSize, Integer channels, ModelContext context) {
        long[] shape = context.sampleShape();
        if (shape.length != 3 || shape[1] != shape[2]) {
            throw Gan4jException.badInput("the dcgan " + network + " needs square images [channels, size, size], but the dataset gives samples of shape "
                    + Arrays.toString(shape));
        }
        long c = shape[0];
        long size = shape[1];
        if (size == 28) {
            throw Gan4jException.badInput("the dcgan " + network + " needs 32x32 or 64x64 images, but the dataset gives 28x28;"
                    + " for MNIST set data.padTo: 32 in the config (pads with background pixels)");
        }
        if (size != 32 && size != 64) {
            throw Gan4jException.badInput("the dcgan " + network + " needs 32x32 or 64x64 images, but the dataset gives "
                    + size + "x" + size + "; resize the images");
        }
        if (c != 1 && c != 3) {
            throw Gan4jException.badInput("the dcgan " + network + " needs 1 (grey) or 3 (RGB) channels, but the dataset gives " + c);
        }
        if (imageSize != null && imageSize != size) {
            throw Gan4jException.badInput("the dcgan " + network + " is set to imageSize " + imageSize + " but the dataset gives "
                    + size + "x" + size + " images; remove imageSize or make it " + size);
        }
        if (channels != null && channels != c) {
            throw Gan4jException.badInput("the dcgan " + network + " is set to channels " + channels + " but the dataset gives "
                    + c + "; remove channels or make it " + c);
        }
        return shape;
    }

    /**
     * Feature-map multipliers of the hidden layers from the widest (next to the 4x4 end) to the
     * narrowest (next to the image): 4, 2, 1 for 32x32 and 8, 4, 2, 1 for 64x64.
     */
    static int[] multipliers(long imageSize) {
        return imageSize == 64 ? new int[] {8, 4, 2, 1} : new int[] {4, 2, 1};
    }

    /**
     * How a generator reads labels: not at all, as an embedding joined to z, or through conditional
     * batch normalisation (a per-class scale and shift after every batch norm; de Vries et al. 2017,
     * Miyato and Koyama 2018).
     */
    static final java.util.List<String> GENERATOR_CONDITIONS = java.util.List.of("none", "concat", "batchnorm");
    /** The generator condition that joins an embedding to z. */
    static final String CONCAT = "concat";
    /** The generator condition that scales and shifts every batch norm's output per class. */
    static final String BATCH_NORM = "batchnorm";
    /**
     * How a discriminator reads labels: not at all, as image-sized embedding maps joined to the image
     * as extra channels, through a projection output (Miyato and Koyama 2018), or as the targets of
     * an auxiliary classifier (AC-GAN, Odena et al. 2017).
     */
    static final java.util.List<String> DISCRIMINATOR_CONDITIONS = java.util.List.of("none", "concat", "projection", "auxiliary");

    /**
     * A generator's batch norm, followed, for {@code condition: batchnorm}, by the condition's
     * per-class scale and shift ({@code classes} the condition's width; 0 for none).
     */
    static org.gan4j.api.nn.Sequential.Builder batchNorm(org.gan4j.api.nn.Sequential.Builder b, String condition, int classes) {
        b.add(org.gan4j.api.nn.BatchNorm2d::new);
        return condition.equals(BATCH_NORM) ? b.conditionalScaleShift(classes) : b;
    }

    /** {@code value} (default {@code none}) checked against {@code allowed}. */
    static String condition(String value, java.util.List<String> allowed) {
        String v = value == null ? "none" : value;
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("condition must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        }
        return v;
    }
}

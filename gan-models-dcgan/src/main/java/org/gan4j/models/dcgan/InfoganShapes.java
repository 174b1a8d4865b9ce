package org.gan4j.models.dcgan;

import java.util.Arrays;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.ModelContext;

/** The image geometry the InfoGAN-style networks accept: square images whose side is a multiple of 4 (28 for MNIST). */
final class InfoganShapes {

    private InfoganShapes() {
    }

    /** The data's {@code [channels, size, size]}, checked against what the two stride-2 layers can build. */
    static long[] resolve(String network, ModelContext context) {
        long[] shape = context.sampleShape();
        if (shape.length != 3 || shape[1] != shape[2]) {
            throw Gan4jException.badInput("the infogan " + network + " needs square images [channels, size, size], but the dataset gives samples of shape "
                    + Arrays.toString(shape));
        }
        if (shape[1] % 4 != 0 || shape[1] < 8) {
            throw Gan4jException.badInput("the infogan " + network + " halves the image twice, so its side must be a multiple of 4 (28 for MNIST),"
                    + " but the dataset gives " + shape[1] + "x" + shape[2] + "; remove data.padTo or resize the images");
        }
        if (shape[0] != 1 && shape[0] != 3) {
            throw Gan4jException.badInput("the infogan " + network + " needs 1 (grey) or 3 (RGB) channels, but the dataset gives " + shape[0]);
        }
        return shape;
    }
}

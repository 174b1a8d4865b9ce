package org.gan4j.models.dcgan;

import org.gan4j.core.error.Gan4jException;

/** Validation shared by the DCGAN generator and discriminator settings. */
final class DcganShapes {

    private DcganShapes() {
    }

    /**
     * The image side: DCGAN's stack of stride-2 layers halves (or doubles) it from 4 pixels, so only
     * 32 (three layers) and 64 (four layers, the paper's) are supported. Required: it must match the data.
     */
    static int imageSize(Integer imageSize) {
        if (imageSize == null) {
            throw new IllegalArgumentException("imageSize must be set to the data's image size: 32 or 64");
        }
        if (imageSize != 32 && imageSize != 64) {
            throw new IllegalArgumentException("imageSize must be 32 or 64, got " + imageSize
                    + " (resize or pad the images, e.g. MNIST's 28 to 32)");
        }
        return imageSize;
    }

    /** Image channels: 1 (grey) or 3 (RGB). Required: it must match the data. */
    static int channels(Integer channels) {
        if (channels == null) {
            throw new IllegalArgumentException("channels must be set to the data's channel count: 1 (grey) or 3 (RGB)");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        return channels;
    }

    /** The error both specs' {@code build} throw until the networks exist. */
    static Gan4jException notImplemented(String network) {
        return Gan4jException.badInput("the dcgan " + network
                + " is registered but not implemented yet in this version of gan4j; use type: mlp for now");
    }
}

package org.gan4j.api.nn;

/**
 * Transposed 2-D convolution (the gradient of a {@link Conv2d} with respect to its input) over NCHW
 * input {@code [inChannels, H, W]}: output side {@code (H - 1) stride - 2 padding + kernel}, as
 * PyTorch's {@code ConvTranspose2d} without output padding. Weights are
 * {@code [kernel, kernel, outChannels, inChannels]} (libnd4j's layout; PyTorch's {@code [in, out, kH, kW]}
 * permuted by {@code (2, 3, 1, 0)}), bias {@code [outChannels]} when enabled. Runs libnd4j's
 * {@code deconv2d} and {@code deconv2d_bp}.
 */
public final class ConvTranspose2d extends ConvolutionBase {

    /** Without bias (as in DCGAN). */
    public ConvTranspose2d(long[] inputShape, long outChannels, int kernel, int stride, int padding) {
        this(inputShape, outChannels, kernel, stride, padding, false);
    }

    public ConvTranspose2d(long[] inputShape, long outChannels, int kernel, int stride, int padding, boolean bias) {
        super("ConvTranspose2d", inputShape, outChannels, kernel, stride, padding, bias);
    }

    @Override
    long outputSize(long in) {
        return (in - 1) * stride - 2L * padding + kernel;
    }

    @Override
    long[] weightShape() {
        return new long[] {kernel, kernel, outChannels, inChannels};
    }

    /** PyTorch computes a transposed convolution's fan-in from its weight's dimension 1: out channels. */
    @Override
    long fanIn() {
        return outChannels * kernel * kernel;
    }

    @Override
    String forwardOp() {
        return "deconv2d";
    }

    @Override
    String backwardOp() {
        return "deconv2d_bp";
    }

    @Override
    String inputGradientOp() {
        return "conv2d";
    }

    /** A convolution of this layer's output size always comes back to its input size. */
    @Override
    boolean inputGradientOpFits() {
        return true;
    }

    @Override
    boolean isTransposed() {
        return true;
    }
}

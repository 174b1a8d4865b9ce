package org.gan4j.api.nn;

/**
 * 2-D convolution over NCHW input {@code [inChannels, H, W]} with a square kernel, stride and zero
 * padding, no dilation: output side {@code (H + 2 padding - kernel) / stride + 1}. Weights are
 * {@code [kernel, kernel, inChannels, outChannels]} (libnd4j's layout; PyTorch's {@code [out, in, kH, kW]}
 * permuted by {@code (2, 3, 1, 0)}), bias {@code [outChannels]} when enabled. Runs libnd4j's
 * {@code conv2d} and {@code conv2d_bp} (oneDNN-backed on the CPU backend).
 */
public final class Conv2d extends ConvolutionBase {

    /** Without bias (as in DCGAN). */
    public Conv2d(long[] inputShape, long outChannels, int kernel, int stride, int padding) {
        this(inputShape, outChannels, kernel, stride, padding, false);
    }

    public Conv2d(long[] inputShape, long outChannels, int kernel, int stride, int padding, boolean bias) {
        super("Conv2d", inputShape, outChannels, kernel, stride, padding, bias);
    }

    @Override
    long outputSize(long in) {
        long span = in + 2L * padding - kernel;
        return span < 0 ? 0 : span / stride + 1;
    }

    @Override
    long[] weightShape() {
        return new long[] {kernel, kernel, inChannels, outChannels};
    }

    @Override
    long fanIn() {
        return inChannels * kernel * kernel;
    }

    @Override
    String forwardOp() {
        return "conv2d";
    }

    @Override
    String backwardOp() {
        return "conv2d_bp";
    }

    @Override
    String inputGradientOp() {
        return "deconv2d";
    }

    @Override
    boolean inputGradientOpFits() {
        long[] in = inputShape();
        return (in[1] + 2L * padding - kernel) % stride == 0 && (in[2] + 2L * padding - kernel) % stride == 0;
    }

    @Override
    boolean isTransposed() {
        return false;
    }
}

package org.gan4j.data.images;

/**
 * Resize-then-centre-crop as torchvision's {@code Resize(size)} + {@code CenterCrop(size)} do on a
 * PIL image with bilinear interpolation: the shorter side becomes {@code size}, the longer
 * {@code floor(size * long / short)}, then the centre {@code size x size} is cut out.
 *
 * <p>The resampling reproduces Pillow's ({@code Resample.c}): a separable triangle filter whose
 * support widens with the downscale factor (so downscaling averages every input pixel instead of
 * aliasing), 22-bit fixed-point weights, a horizontal pass rounded to 8 bits, then a vertical
 * pass. Only the output rows and columns inside the crop are computed, with the same result as
 * resizing the whole image first. Stateless and thread-safe.
 */
final class Resampler {

    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private Resampler() {
    }

    /**
     * @param pixels   interleaved samples 0..255, {@code height} rows of {@code width * channels}
     * @param size     side of the square output
     * @param out      receives the crop channel-first: {@code channels} planes of {@code size x size}
     * @param offset   where in {@code out} the first plane starts
     */
    static void resizeCrop(int[] pixels, int width, int height, int channels, int size, byte[] out, int offset) {
        int newWidth;
        int newHeight;
        if (width <= height) {
            newWidth = size;
            newHeight = (int) ((double) ((long) size * height) / width);
        } else {
            newHeight = size;
            newWidth = (int) ((double) ((long) size * width) / height);
        }
        // torchvision's CenterCrop: int(round((new - size) / 2.0)), Python rounding half to even
        int top = (int) Math.rint((newHeight - size) / 2.0);
        int left = (int) Math.rint((newWidth - size) / 2.0);
        Taps xs = new Taps(width, newWidth, left, size);
        Taps ys = new Taps(height, newHeight, top, size);

        // horizontal pass over the input rows the vertical pass reads
        int firstRow = ys.start[0];
        int lastRow = ys.start[size - 1] + ys.count[size - 1];
        int rows = lastRow - firstRow;
        int midRow = size * channels;
        int[] mid = new int[rows * midRow];
        int rowLength = width * channels;
        for (int y = 0; y < rows; y++) {
            int in = (firstRow + y) * rowLength;
            int m = y * midRow;
            for (int x = 0; x < size; x++) {
                int p = in + xs.start[x] * channels;
                int n = xs.count[x];
                int k0 = x * xs.kernelSize;
                if (channels == 3) {
                    int s0 = HALF;
                    int s1 = HALF;
                    int s2 = HALF;
                    for (int k = 0; k < n; k++, p += 3) {
                        int w = xs.weights[k0 + k];
                        s0 += pixels[p] * w;
                        s1 += pixels[p + 1] * w;
                        s2 += pixels[p + 2] * w;
                    }
                    mid[m + 3 * x] = clip8(s0);
                    mid[m + 3 * x + 1] = clip8(s1);
                    mid[m + 3 * x + 2] = clip8(s2);
                } else {
                    for (int c = 0; c < channels; c++) {
                        int sum = HALF;
                        for (int k = 0, q = p + c; k < n; k++, q += channels) {
                            sum += pixels[q] * xs.weights[k0 + k];
                        }
                        mid[m + x * channels + c] = clip8(sum);
                    }
                }
            }
        }
        // vertical pass: whole rows of the horizontal result at a time (sequential, vectorisable), into channel planes
        int plane = size * size;
        int[] acc = new int[midRow];
        for (int y = 0; y < size; y++) {
            java.util.Arrays.fill(acc, HALF);
            int start = ys.start[y] - firstRow;
            int n = ys.count[y];
            int k0 = y * ys.kernelSize;
            for (int k = 0; k < n; k++) {
                int w = ys.weights[k0 + k];
                int r = (start + k) * midRow;
                for (int j = 0; j < midRow; j++) {
                    acc[j] += mid[r + j] * w;
                }
            }
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < channels; c++) {
                    out[offset + c * plane + y * size + x] = (byte) clip8(acc[x * channels + c]);
                }
            }
        }
    }

    private static int clip8(int sum) {
        if (sum >= 1 << PRECISION_BITS << 8) {
            return 255;
        }
        if (sum <= 0) {
            return 0;
        }
        return sum >> PRECISION_BITS;
    }

    /** Pillow's bilinear filter: a triangle of support 1. */
    private static double triangle(double x) {
        double a = Math.abs(x);
        return a < 1.0 ? 1.0 - a : 0.0;
    }

    /**
     * Input ranges and fixed-point weights of output pixels {@code first .. first+count} when an axis
     * of {@code inSize} is resized to {@code outSize} (Pillow's {@code precompute_coeffs}).
     */
    static final class Taps {
        final int[] start;
        final int[] count;
        final int[] weights;
        final int kernelSize;

        Taps(int inSize, int outSize, int first, int outCount) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // the triangle's support is 1
            this.kernelSize = (int) Math.ceil(support) * 2 + 1;
            this.start = new int[outCount];
            this.count = new int[outCount];
            this.weights = new int[outCount * kernelSize];
            double[] w = new double[kernelSize];
            for (int o = 0; o < outCount; o++) {
                double center = (first + o + 0.5) * scale;
                int min = Math.max(0, (int) (center - support + 0.5));
                int max = Math.min(inSize, (int) (center + support + 0.5)) - min;
                double total = 0;
                for (int k = 0; k < max; k++) {
                    w[k] = triangle((k + min - center + 0.5) / filterScale);
                    total += w[k];
                }
                for (int k = 0; k < max; k++) {
                    double normalized = total != 0 ? w[k] / total : w[k];
                    weights[o * kernelSize + k] = (int) (normalized < 0
                            ? -0.5 + normalized * (1 << PRECISION_BITS) : 0.5 + normalized * (1 << PRECISION_BITS));
                }
                start[o] = min;
                count[o] = max;
            }
        }
    }
}

package org.gan4j.api.nn;

import org.gan4j.api.nn.kernel.HeapCopy;
import org.gan4j.api.nn.kernel.Buffers;
import java.util.Arrays;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * Layer normalisation (Ba, Kiros and Hinton 2016): each sample is normalised over all its values,
 * {@code x̂ = (x - mean) / sqrt(var + eps)} (biased variance), then scaled and shifted per channel,
 * {@code y = gamma_k x̂ + beta_k}, {@code k} indexing the first sample dimension (the channel of a
 * {@code [C, H, W]} image, as the WGAN-GP authors' critic normalises; each feature of a flat
 * {@code [F]} input, as PyTorch's {@code LayerNorm(F)}). {@code gamma} and {@code beta} are
 * trainable slots {@code [C]}, initialised 1 and 0. The same in training and evaluation, and no
 * sample depends on another: the critic-friendly normalisation for gradient penalties, which
 * {@link BatchNorm2d} is not.
 *
 * <p>Java loops in double over heap copies, forward, backward and both sweeps of double
 * back-propagation.
 */
public final class LayerNorm implements Layer {

    /** PyTorch's default. */
    public static final double DEFAULT_EPSILON = 1e-5;

    private final long[] shape;
    private final int channels;
    private final int size;
    private final double epsilon;
    private Parameters.Slot gamma;
    private Parameters.Slot beta;

    /** With epsilon 1e-5. */
    public LayerNorm(long[] inputShape) {
        this(inputShape, DEFAULT_EPSILON);
    }

    public LayerNorm(long[] inputShape, double epsilon) {
        if (inputShape.length == 0) {
            throw new IllegalArgumentException("LayerNorm needs an input with at least one dimension");
        }
        long n = 1;
        for (long d : inputShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("LayerNorm input dimensions must be positive: " + Arrays.toString(inputShape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE || !(epsilon > 0)) {
            throw new IllegalArgumentException("LayerNorm needs fewer than 2^31 values per sample and epsilon > 0");
        }
        this.shape = inputShape.clone();
        this.channels = (int) inputShape[0];
        this.size = (int) n;
        this.epsilon = epsilon;
    }

    @Override
    public long[] inputShape() {
        return shape.clone();
    }

    @Override
    public long[] outputShape() {
        return shape.clone();
    }

    public double epsilon() {
        return epsilon;
    }

    /** Scale, {@code [C]}. */
    public Parameters.Slot gamma() {
        return gamma;
    }

    /** Shift, {@code [C]}. */
    public Parameters.Slot beta() {
        return beta;
    }

    @Override
    public void declareParameters(Parameters.Builder builder, String prefix) {
        gamma = builder.add(prefix + "gamma", channels);
        beta = builder.add(prefix + "beta", channels);
    }

    @Override
    public void initialise(Random random) {
        gamma.value().assign(1);
        beta.value().assign(0);
    }

    /** Supported: see {@code LayerNormPass.tangentForward}. */
    @Override
    public Optional<String> doubleBackwardRefusal() {
        return Optional.empty();
    }

    @Override
    public LayerPass newPass(Random random) {
        if (gamma == null) {
            throw new IllegalStateException("LayerNorm used before its parameters were declared");
        }
        return new LayerNormPass();
    }

    /**
     * Per sample of {@code n = size} values, with {@code r = 1/sqrt(var + eps)}, {@code g = gamma δ}
     * and means over the sample: backward {@code dx = r (g - mean(g) - x̂ mean(g x̂))},
     * {@code dgamma_k = Σ δ x̂}, {@code dbeta_k = Σ δ}.
     */
    private final class LayerNormPass implements LayerPass {
        private final int perChannel = size / channels;
        private INDArray input;
        private INDArray output;
        private INDArray gradInput;
        private INDArray tangent;
        private INDArray secondOrder;
        private INDArray gradOutput;
        private int batch;
        /** x̂ of the last forward. */
        private double[] normalised;
        /** r per sample. */
        private double[] inverseStd;
        private double[] values;
        private double[] grads;
        private double[] tangentValues;
        private double[] second;

        @Override
        public INDArray forward(INDArray x, boolean training) {
            long n = Buffers.checkInput("LayerNorm", x, shape);
            if (n * size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("LayerNorm batch of more than 2^31 values");
            }
            batch = (int) n;
            output = Buffers.ensure(output, x.dataType(), x.shape());
            normalised = HeapCopy.read(x, normalised);
            inverseStd = inverseStd == null || inverseStd.length < batch ? new double[batch] : inverseStd;
            values = ensure(values);
            double[] g = HeapCopy.read(gamma.value());
            double[] b = HeapCopy.read(beta.value());
            for (int i = 0; i < batch; i++) {
                int base = i * size;
                double mean = 0;
                for (int j = base; j < base + size; j++) {
                    mean += normalised[j];
                }
                mean /= size;
                double variance = 0;
                for (int j = base; j < base + size; j++) {
                    double d = normalised[j] - mean;
                    variance += d * d;
                }
                double r = 1 / Math.sqrt(variance / size + epsilon);
                inverseStd[i] = r;
                for (int j = base; j < base + size; j++) {
                    normalised[j] = (normalised[j] - mean) * r;
                }
                for (int k = 0; k < channels; k++) {
                    int from = base + k * perChannel;
                    for (int j = from; j < from + perChannel; j++) {
                        values[j] = g[k] * normalised[j] + b[k];
                    }
                }
            }
            HeapCopy.writePrefix(output, values);
            input = x;
            gradOutput = null;
            return output;
        }

        private double[] ensure(double[] a) {
            return a != null && a.length >= batch * size ? a : new double[batch * size];
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
            if (input == null) {
                throw new IllegalStateException("backward before forward");
            }
            this.gradOutput = gradOutput;
            if (!parameterGradients && !inputGradient) {
                return null;
            }
            grads = HeapCopy.read(gradOutput, grads);
            if (parameterGradients) {
                addParameterGradients(grads, normalised);
            }
            if (!inputGradient) {
                return null;
            }
            values = ensure(values);
            inputGradient(grads, values);
            gradInput = Buffers.ensure(gradInput, gradOutput.dataType(), input.shape());
            HeapCopy.writePrefix(gradInput, values);
            return gradInput;
        }

        /** {@code dgamma_k += Σ δ u}, {@code dbeta_k += Σ δ} over the batch and the channel's values. */
        private void addParameterGradients(double[] delta, double[] u) {
            double[] dg = HeapCopy.read(gamma.gradient());
            double[] db = HeapCopy.read(beta.gradient());
            for (int i = 0; i < batch; i++) {
                for (int k = 0; k < channels; k++) {
                    int from = i * size + k * perChannel;
                    double sg = 0;
                    double sb = 0;
                    for (int j = from; j < from + perChannel; j++) {
                        sg += delta[j] * u[j];
                        sb += delta[j];
                    }
                    dg[k] += sg;
                    db[k] += sb;
                }
            }
            HeapCopy.write(gamma.gradient(), dg);
            HeapCopy.write(beta.gradient(), db);
        }

        /** {@code dx = r (g - mean(g) - x̂ mean(g x̂))} with {@code g = gamma δ}, into {@code dx}. */
        private void inputGradient(double[] delta, double[] dx) {
            double[] gm = HeapCopy.read(gamma.value());
            for (int i = 0; i < batch; i++) {
                int base = i * size;
                double sum = 0;
                double dot = 0;
                for (int k = 0; k < channels; k++) {
                    int from = base + k * perChannel;
                    for (int j = from; j < from + perChannel; j++) {
                        double g = gm[k] * delta[j];
                        sum += g;
                        dot += g * normalised[j];
                    }
                }
                double mean = sum / size;
                double meanDot = dot / size;
                double r = inverseStd[i];
                for (int k = 0; k < channels; k++) {
                    int from = base + k * perChannel;
                    for (int j = from; j < from + perChannel; j++) {
                        dx[j] = r * (gm[k] * delta[j] - mean - normalised[j] * meanDot);
                    }
                }
            }
        }

        /**
         * Along the input direction {@code t}, per sample with {@code a = mean(x̂ t)}:
         * {@code R{x̂} = r (t - mean(t) - x̂ a)}, {@code R{y} = gamma R{x̂}},
         * {@code R{dgamma} ∋ Σ δ R{x̂}}; and the first backward's {@code dx} moves by
         * {@code -r a dx - r b R{x̂} - r c x̂} with {@code b = mean(g x̂)}, {@code c = mean(g R{x̂})}
         * ({@code R{r} = -r² a}), kept for {@link #tangentBackward}.
         */
        @Override
        public INDArray tangentForward(INDArray inputTangent, boolean parameterGradients, boolean outputTangent) {
            if (gradOutput == null) {
                throw new IllegalStateException("tangentForward before forward and backward");
            }
            double[] gm = HeapCopy.read(gamma.value());
            tangentValues = HeapCopy.read(inputTangent, tangentValues);
            double[] t = tangentValues;
            grads = HeapCopy.read(gradOutput, grads);
            double[] delta = grads;
            second = ensure(second);
            for (int i = 0; i < batch; i++) {
                int base = i * size;
                double meanT = 0;
                double a = 0;
                for (int j = base; j < base + size; j++) {
                    meanT += t[j];
                    a += normalised[j] * t[j];
                }
                meanT /= size;
                a /= size;
                double r = inverseStd[i];
                double sumG = 0;
                double b = 0;
                double c = 0;
                for (int k = 0; k < channels; k++) {
                    int from = base + k * perChannel;
                    for (int j = from; j < from + perChannel; j++) {
                        t[j] = r * (t[j] - meanT - normalised[j] * a); // t now holds R{x̂}
                        double g = gm[k] * delta[j];
                        sumG += g;
                        b += g * normalised[j];
                        c += g * t[j];
                    }
                }
                double meanG = sumG / size;
                b /= size;
                c /= size;
                for (int k = 0; k < channels; k++) {
                    int from = base + k * perChannel;
                    for (int j = from; j < from + perChannel; j++) {
                        double dx = r * (gm[k] * delta[j] - meanG - normalised[j] * b);
                        second[j] = -r * (a * dx + b * t[j] + c * normalised[j]);
                    }
                }
            }
            if (parameterGradients) {
                double[] dg = HeapCopy.read(gamma.gradient());
                for (int i = 0; i < batch; i++) {
                    for (int k = 0; k < channels; k++) {
                        int from = i * size + k * perChannel;
                        double s = 0;
                        for (int j = from; j < from + perChannel; j++) {
                            s += delta[j] * t[j];
                        }
                        dg[k] += s;
                    }
                }
                HeapCopy.write(gamma.gradient(), dg);
            }
            if (!outputTangent) {
                return null;
            }
            for (int i = 0; i < batch; i++) {
                for (int k = 0; k < channels; k++) {
                    int from = i * size + k * perChannel;
                    for (int j = from; j < from + perChannel; j++) {
                        t[j] *= gm[k];
                    }
                }
            }
            tangent = Buffers.ensure(tangent, inputTangent.dataType(), inputTangent.shape());
            HeapCopy.writePrefix(tangent, t);
            return tangent;
        }

        @Override
        public INDArray tangentBackward(INDArray gradOutputTangent, boolean parameterGradients, boolean inputGradient) {
            if (gradOutputTangent != null && parameterGradients) {
                grads = HeapCopy.read(gradOutputTangent, grads);
                addParameterGradients(grads, normalised);
            }
            if (!inputGradient) {
                return null;
            }
            if (gradOutputTangent != null) {
                values = ensure(values);
                grads = HeapCopy.read(gradOutputTangent, grads);
                inputGradient(grads, values);
                for (int j = 0; j < batch * size; j++) {
                    second[j] += values[j];
                }
            }
            secondOrder = Buffers.ensure(secondOrder, input.dataType(), input.shape());
            HeapCopy.writePrefix(secondOrder, second);
            return secondOrder;
        }
    }
}

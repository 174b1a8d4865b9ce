package org.gan4j.embed.export;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.BatchNorm2d;
import org.gan4j.api.nn.ConditionConcat;
import org.gan4j.api.nn.Conv2d;
import org.gan4j.api.nn.ConvTranspose2d;
import org.gan4j.api.nn.Dense;
import org.gan4j.api.nn.Dropout;
import org.gan4j.api.nn.Layer;
import org.gan4j.api.nn.LeakyRelu;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.Relu;
import org.gan4j.api.nn.Reshape;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.nn.Sigmoid;
import org.gan4j.api.nn.Tanh;
import org.gan4j.api.spi.Generator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network read as a list of gan4j's standard layers, in evaluation mode (dropout left out), with
 * every weight in PyTorch's layout ({@code Linear [out, in]}, {@code Conv2d [out, in, kH, kW]},
 * {@code ConvTranspose2d [in, out, kH, kW]}): what both exports write. Each step keeps its index in
 * the {@link Sequential}, which is its PyTorch {@code nn.Sequential} index too.
 *
 * <p>A conditional generator's {@link ConditionConcat} (the label embedding joined to z) is a
 * {@link LabelEmbedding} step; the network then has a second input, the condition rows.
 */
public final class StandardLayers {

    /** The layers gan4j can export, as the refusal message lists them. */
    static final String SUPPORTED = "Dense, Conv2d, ConvTranspose2d, BatchNorm2d, ReLU, LeakyReLU, Tanh, Sigmoid, Dropout, Reshape"
            + " and ConditionConcat";

    /** One layer. */
    public sealed interface Step permits Linear, Convolution, BatchNorm, Activation, Shape, LabelEmbedding {
        /** Index of the layer in the network, its PyTorch module index. */
        int index();
    }

    /** {@code y = x W^T + b}, weight {@code [out, in]}. */
    public record Linear(int index, INDArray weight, INDArray bias) implements Step {
    }

    /** A (transposed) convolution with a square kernel; bias null when it has none. */
    public record Convolution(int index, boolean transposed, INDArray weight, INDArray bias, int kernel, int stride, int padding)
            implements Step {
    }

    /** Batch norm on running statistics. */
    public record BatchNorm(int index, INDArray gamma, INDArray beta, INDArray runningMean, INDArray runningVar, double epsilon)
            implements Step {
    }

    /** An element-wise activation: {@code Relu}, {@code LeakyRelu} (with {@code alpha}), {@code Tanh} or {@code Sigmoid} (ONNX's names). */
    public record Activation(int index, String op, double alpha) implements Step {
    }

    /**
     * The label embedding joined after the input: {@code e = c E} with {@code E [conditionSize, m]}
     * ({@code nn.Embedding}'s weight for one-hot rows), each sample's flat input and {@code e}
     * concatenated and shaped {@code outputShape}.
     */
    public record LabelEmbedding(int index, INDArray embedding, long inputLength, long[] outputShape) implements Step {
    }

    /** A reshape to {@code shape} (per sample, without the batch dimension). */
    public record Shape(int index, long[] shape) implements Step {
    }

    private final long[] inputShape;
    private final long[] outputShape;
    private final int conditionSize;
    private final List<Step> steps;

    private StandardLayers(long[] inputShape, long[] outputShape, int conditionSize, List<Step> steps) {
        this.inputShape = inputShape;
        this.conditionSize = conditionSize;
        this.outputShape = outputShape;
        this.steps = List.copyOf(steps);
    }

    /**
     * Reads {@code generator}.
     *
     * @param what names it in the refusal, e.g. "the generator of runs/x"
     * @throws Gan4jException (bad input) when it is not a {@link Sequential} of standard layers
     */
    public static StandardLayers of(Generator generator, String what) {
        Network inner = Generator.underlying(generator);
        if (!(inner instanceof Sequential sequential)) {
            throw Gan4jException.badInput(what + " is a " + inner.getClass().getName() + ", not a Sequential network of gan4j's standard"
                    + " layers, so it cannot be exported. Export takes the mlp and dcgan generators and plugin generators built with"
                    + " Sequential.builder from " + SUPPORTED + ".");
        }
        List<Step> steps = new ArrayList<>();
        List<Layer> layers = sequential.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Step step = step(i, layer);
            if (step == null && !(layer instanceof Dropout)) {
                throw Gan4jException.badInput(what + " has a layer gan4j cannot export: layer " + i + " is a " + layer.getClass().getName()
                        + ". Export takes networks built from " + SUPPORTED + ".");
            }
            if (step != null) {
                steps.add(step);
            }
        }
        return new StandardLayers(generator.inputShape(), generator.outputShape(), generator.conditionSize(), steps);
    }

    private static Step step(int i, Layer layer) {
        if (layer instanceof Dense d) {
            return new Linear(i, floats(d.weight().value()).transpose().dup('c'), floats(d.bias().value()));
        } else if (layer instanceof Conv2d c) {
            return new Convolution(i, false, torchKernel(c.weight().value()), c.bias() == null ? null : floats(c.bias().value()),
                    c.kernel(), c.stride(), c.padding());
        } else if (layer instanceof ConvTranspose2d c) {
            return new Convolution(i, true, torchKernel(c.weight().value()), c.bias() == null ? null : floats(c.bias().value()),
                    c.kernel(), c.stride(), c.padding());
        } else if (layer instanceof BatchNorm2d b) {
            return new BatchNorm(i, floats(b.gamma().value()), floats(b.beta().value()), floats(b.runningMean().value()),
                    floats(b.runningVar().value()), b.epsilon());
        } else if (layer instanceof Relu) {
            return new Activation(i, "Relu", 0);
        } else if (layer instanceof LeakyRelu l) {
            return new Activation(i, "LeakyRelu", l.slope());
        } else if (layer instanceof Tanh) {
            return new Activation(i, "Tanh", 0);
        } else if (layer instanceof Sigmoid) {
            return new Activation(i, "Sigmoid", 0);
        } else if (layer instanceof Reshape) {
            return new Shape(i, layer.outputShape());
        } else if (layer instanceof ConditionConcat c) {
            return new LabelEmbedding(i, floats(c.embedding().value()), Shapes.size(c.inputShape()), c.outputShape());
        }
        return null;
    }

    /** libnd4j's kernel layout {@code [kH, kW, a, b]} as PyTorch's {@code [b, a, kH, kW]} (both convolutions; see Conv2d). */
    private static INDArray torchKernel(INDArray kernel) {
        return floats(kernel).permute(3, 2, 0, 1).dup('c');
    }

    private static INDArray floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c');
    }

    /** Shape of one input sample (the latent). */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /** Width of the condition rows the network reads beside the latent; 0 for an unconditional one. */
    public int conditionSize() {
        return conditionSize;
    }

    /** Shape of one output sample. */
    public long[] outputShape() {
        return outputShape.clone();
    }

    /** The layers in order, dropout left out. */
    public List<Step> steps() {
        return steps;
    }
}

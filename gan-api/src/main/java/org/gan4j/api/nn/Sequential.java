package org.gan4j.api.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Network} that applies a list of {@link Layer}s in turn. Parameters are named
 * {@code <layer index>.<slot>} (e.g. {@code 0.weight}), like PyTorch's {@code nn.Sequential}.
 *
 * <pre>{@code
 * Sequential net = Sequential.builder(100)
 *         .dense(256).leakyRelu(0.2).dropout(0.3)
 *         .dense(784).tanh().reshape(1, 28, 28)
 *         .build(context.dataType(), context.seed());
 * Generator g = Generator.of(net, LatentNoise.UNIFORM);
 * }</pre>
 *
 * <p>A network with {@link ConditionalLayer}s ({@link Builder#conditionConcat},
 * {@link Builder#conditionalScaleShift}, {@link Builder#projection}) is conditional: {@link #conditionSize()} is their condition width,
 * and its passes compute with {@link Pass#forward(INDArray, INDArray, boolean)}, handing the
 * condition to those layers.
 */
public final class Sequential implements Network {

    /** Mixed into the seed for the dropout generator, so masks do not replay the initialisation draws. */
    private static final long DROPOUT_SEED_MIX = 0x9E3779B97F4A7C15L;

    private final List<Layer> layers;
    private final Parameters parameters;
    private final Random random;
    private final long[] inputShape;
    private final long[] outputShape;
    private final int conditionSize;

    private Sequential(List<Layer> layers, long[] inputShape, DataType dataType, long seed) {
        this.layers = List.copyOf(layers);
        this.conditionSize = conditionSize(layers);
        this.inputShape = inputShape.clone();
        this.outputShape = layers.isEmpty() ? inputShape.clone() : layers.get(layers.size() - 1).outputShape();
        Parameters.Builder builder = Parameters.builder();
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).declareParameters(builder, i + ".");
        }
        this.parameters = builder.build(dataType);
        Random init = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        for (Layer layer : layers) {
            layer.initialise(init);
        }
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed ^ DROPOUT_SEED_MIX);
    }

    /** The condition width all conditional layers share (0 without any); layers disagreeing are refused. */
    private static int conditionSize(List<Layer> layers) {
        int size = 0;
        for (Layer layer : layers) {
            if (layer instanceof ConditionalLayer c) {
                if (size != 0 && c.conditionSize() != size) {
                    throw new IllegalArgumentException("conditional layers read conditions of different widths, " + size
                            + " and " + c.conditionSize());
                }
                size = c.conditionSize();
            }
        }
        return size;
    }

    /** Starts a network whose samples have shape {@code inputShape}. */
    public static Builder builder(long... inputShape) {
        return new Builder(inputShape);
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** The generator dropout masks are drawn from (seeded from the build seed). */
    public Random random() {
        return random;
    }

    /** Restarts the dropout generator from {@code seed} (mixed as at build time). */
    @Override
    public void reseed(long seed) {
        random.setSeed(seed ^ DROPOUT_SEED_MIX);
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public long[] outputShape() {
        return outputShape.clone();
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public int conditionSize() {
        return conditionSize;
    }

    @Override
    public SequentialPass newPass() {
        List<LayerPass> passes = new ArrayList<>(layers.size());
        boolean[] conditional = new boolean[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            passes.add(layers.get(i).newPass(random));
            conditional[i] = layers.get(i) instanceof ConditionalLayer;
        }
        return new SequentialPass(passes, conditional, conditionSize);
    }

    /** The first layer that cannot do double back-propagation, named by its index, and why. */
    @Override
    public Optional<String> doubleBackwardRefusal() {
        for (int i = 0; i < layers.size(); i++) {
            Optional<String> refusal = layers.get(i).doubleBackwardRefusal();
            if (refusal.isPresent()) {
                return Optional.of("layer " + i + " (" + layers.get(i).getClass().getSimpleName() + "): " + refusal.get());
            }
        }
        return Optional.empty();
    }

    /** The pass of a {@link Sequential}: one {@link LayerPass} per layer. */
    public static final class SequentialPass implements LayerPass {
        private final List<LayerPass> passes;
        private final boolean[] conditional;
        private final int conditionSize;

        private SequentialPass(List<LayerPass> passes, boolean[] conditional, int conditionSize) {
            this.passes = passes;
            this.conditional = conditional;
            this.conditionSize = conditionSize;
        }

        @Override
        public INDArray forward(INDArray input, boolean training) {
            if (conditionSize > 0) {
                throw new IllegalArgumentException("this network reads a condition of " + conditionSize
                        + " values per sample: call forward(input, condition, training)");
            }
            INDArray x = input;
            for (LayerPass pass : passes) {
                x = pass.forward(x, training);
            }
            return x;
        }

        /** Hands {@code condition} to the conditional layers; a network without any takes {@code null} only. */
        @Override
        public INDArray forward(INDArray input, INDArray condition, boolean training) {
            if (conditionSize == 0) {
                return LayerPass.super.forward(input, condition, training);
            }
            INDArray x = input;
            for (int i = 0; i < passes.size(); i++) {
                x = conditional[i] ? passes.get(i).forward(x, condition, training) : passes.get(i).forward(x, training);
            }
            return x;
        }

        /**
         * Like {@link #backward(INDArray, boolean)}, but with {@code inputGradient} false the first
         * layer skips dLoss/dInput (for a dense first layer, the largest GEMM of a discriminator's
         * backward) and {@code null} is returned.
         */
        @Override
        public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
            INDArray g = gradOutput;
            for (int i = passes.size() - 1; i >= 0; i--) {
                g = passes.get(i).backward(g, parameterGradients, i > 0 || inputGradient);
            }
            return g;
        }

        /**
         * The two sweeps of {@link LayerPass}: the input direction {@code c} forward through every
         * layer's {@link LayerPass#tangentForward} (the last one needs no output tangent), then
         * {@code R{δ}}, zero at the output (the first backward's {@code gradOutput} is a constant),
         * back through every layer's {@link LayerPass#tangentBackward}.
         */
        @Override
        public INDArray doubleBackward(INDArray gradOfInputGradient, boolean parameterGradients, boolean inputGradient) {
            tangentForward(gradOfInputGradient, parameterGradients, false);
            INDArray r = tangentBackward(null, parameterGradients, inputGradient);
            if (inputGradient && r == null) {
                return Nd4j.zeros(gradOfInputGradient.dataType(), gradOfInputGradient.shape());
            }
            return r;
        }

        @Override
        public INDArray tangentForward(INDArray inputTangent, boolean parameterGradients, boolean outputTangent) {
            INDArray t = inputTangent;
            int last = passes.size() - 1;
            for (int i = 0; i <= last; i++) {
                t = passes.get(i).tangentForward(t, parameterGradients, i < last || outputTangent);
            }
            return t;
        }

        @Override
        public INDArray tangentBackward(INDArray gradOutputTangent, boolean parameterGradients, boolean inputGradient) {
            INDArray r = gradOutputTangent;
            for (int i = passes.size() - 1; i >= 0; i--) {
                r = passes.get(i).tangentBackward(r, parameterGradients, i > 0 || inputGradient);
            }
            return r;
        }

        @Override
        public void freezeRandomness(boolean frozen) {
            for (LayerPass pass : passes) {
                pass.freezeRandomness(frozen);
            }
        }
    }

    /** Adds layers one after another, each declared with the previous one's output shape. */
    public static final class Builder {
        private final long[] inputShape;
        private final List<Layer> layers = new ArrayList<>();
        private long[] shape;

        private Builder(long[] inputShape) {
            if (inputShape.length == 0) {
                throw new IllegalArgumentException("input shape must have at least one dimension");
            }
            for (long d : inputShape) {
                if (d <= 0) {
                    throw new IllegalArgumentException("input shape dimensions must be positive: " + Arrays.toString(inputShape));
                }
            }
            this.inputShape = inputShape.clone();
            this.shape = inputShape.clone();
        }

        /** The output shape of the layers added so far. */
        public long[] currentShape() {
            return shape.clone();
        }

        /** Adds a layer built for the current shape, e.g. {@code add(in -> new Dense(in, 10))}. */
        public Builder add(Function<long[], Layer> factory) {
            Layer layer = factory.apply(shape.clone());
            if (!Arrays.equals(layer.inputShape(), shape)) {
                throw new IllegalArgumentException(layer.getClass().getSimpleName() + " declared for input "
                        + Arrays.toString(layer.inputShape()) + " but follows a layer with output " + Arrays.toString(shape));
            }
            layers.add(layer);
            shape = layer.outputShape();
            return this;
        }

        public Builder dense(long units) {
            return add(in -> new Dense(in, units));
        }

        public Builder leakyRelu(double slope) {
            return add(in -> new LeakyRelu(in, slope));
        }

        public Builder relu() {
            return add(Relu::new);
        }

        public Builder tanh() {
            return add(Tanh::new);
        }

        public Builder sigmoid() {
            return add(Sigmoid::new);
        }

        /** Adds layer normalisation over each sample ({@link LayerNorm}). */
        public Builder layerNorm() {
            return add(LayerNorm::new);
        }

        /**
         * Adds the layer {@code factory} builds, spectrally normalised ({@link SpectralNorm}), e.g.
         * {@code spectralNorm(in -> new Dense(in, 256))}.
         */
        public Builder spectralNorm(Function<long[], Layer> factory) {
            return add(in -> new SpectralNorm(in, factory));
        }

        /** Adds dropout, or nothing when {@code p} is 0. */
        public Builder dropout(double p) {
            return p == 0 ? this : add(in -> new Dropout(in, p));
        }

        public Builder reshape(long... outputShape) {
            return add(in -> new Reshape(in, outputShape));
        }

        /**
         * Joins a label embedding of {@code embeddingShape} to the current shape along its first
         * dimension ({@link ConditionConcat}): e.g. {@code conditionConcat(10, 50)} after a latent
         * {@code [100]} gives {@code [150]}; {@code conditionConcat(10, 1, 32, 32)} after an image
         * {@code [1, 32, 32]} gives {@code [2, 32, 32]}.
         */
        public Builder conditionConcat(int conditionSize, long... embeddingShape) {
            return add(in -> new ConditionConcat(in, conditionSize, embeddingShape));
        }

        /**
         * A per-channel scale and shift chosen by the condition ({@link ConditionalScaleShift}): after
         * a {@link BatchNorm2d}, conditional batch normalisation.
         */
        public Builder conditionalScaleShift(int conditionSize) {
            return add(in -> new ConditionalScaleShift(in, conditionSize));
        }

        /** Ends in a projection discriminator's score ({@link Projection}) from the current flat features. */
        public Builder projection(int conditionSize) {
            return add(in -> new Projection(in, conditionSize));
        }

        /** Flattens the current shape to one dimension (nothing if already flat). */
        public Builder flatten() {
            if (shape.length == 1) {
                return this;
            }
            return reshape(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
        }

        /** Allocates the parameters as {@code dataType} and initialises them from {@code seed}. */
        public Sequential build(DataType dataType, long seed) {
            return new Sequential(Collections.unmodifiableList(new ArrayList<>(layers)), inputShape, dataType, seed);
        }
    }
}

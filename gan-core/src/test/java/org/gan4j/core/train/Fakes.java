package org.gan4j.core.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.nn.Pass;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.DatasetSpec;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.gan4j.api.spi.ModelContext;
import org.gan4j.api.spi.TrainingSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Hand-written test doubles for the SPI, so trainer tests do not depend on the real layers, losses or data. */
public final class Fakes {

    private Fakes() {
    }

    /**
     * y = x W + b on flattened samples, with one state value counting training forwards (so the
     * state array is not empty and its round trip is tested).
     */
    static class Linear {
        final long[] inShape;
        final long[] outShape;
        final int in;
        final int out;
        final Parameters parameters;
        final Parameters.Slot w;
        final Parameters.Slot b;
        final Parameters.Slot seen;

        Linear(long[] inShape, long[] outShape, DataType type, long seed) {
            this.inShape = inShape.clone();
            this.outShape = outShape.clone();
            this.in = (int) Arrays.stream(inShape).reduce(1, (a, c) -> a * c);
            this.out = (int) Arrays.stream(outShape).reduce(1, (a, c) -> a * c);
            Parameters.Builder builder = Parameters.builder();
            w = builder.add("w", in, out);
            b = builder.add("b", 1, out);
            seen = builder.addState("seen", 1);
            parameters = builder.build(type);
            java.util.Random r = new java.util.Random(seed);
            double[] init = new double[in * out];
            for (int i = 0; i < init.length; i++) {
                init[i] = r.nextGaussian() * 0.3;
            }
            w.value().assign(Nd4j.create(init, new long[] {in, out}).castTo(type));
        }

        Pass newPass() {
            return new Pass() {
                INDArray input;

                @Override
                public INDArray forward(INDArray x, boolean training) {
                    if (training) {
                        seen.value().addi(1);
                    }
                    input = x.reshape('c', x.size(0), in);
                    INDArray y = input.mmul(w.value()).addiRowVector(b.value());
                    return y.reshape('c', Shapes.withBatch(x.size(0), outShape));
                }

                @Override
                public INDArray backward(INDArray g, boolean parameterGradients) {
                    INDArray g2 = g.reshape('c', g.size(0), out);
                    if (parameterGradients) {
                        w.gradient().addi(input.transpose().mmul(g2));
                        b.gradient().addi(g2.sum(true, 0));
                    }
                    return g2.mmul(w.value().transpose()).reshape('c', Shapes.withBatch(g.size(0), inShape));
                }
            };
        }
    }

    static final class LinearGenerator extends Linear implements Generator {
        LinearGenerator(int latent, long[] sampleShape, DataType type, long seed) {
            super(new long[] {latent}, sampleShape, type, seed);
        }

        @Override
        public LatentNoise noise() {
            return LatentNoise.NORMAL;
        }

        @Override
        public long[] inputShape() {
            return inShape.clone();
        }

        @Override
        public long[] outputShape() {
            return outShape.clone();
        }

        @Override
        public Parameters parameters() {
            return parameters;
        }

        @Override
        public Pass newPass() {
            return super.newPass();
        }
    }

    static final class LinearDiscriminator extends Linear implements Discriminator {
        LinearDiscriminator(long[] sampleShape, DataType type, long seed) {
            super(sampleShape, new long[] {1}, type, seed);
        }

        @Override
        public long[] inputShape() {
            return inShape.clone();
        }

        @Override
        public long[] outputShape() {
            return outShape.clone();
        }

        @Override
        public Parameters parameters() {
            return parameters;
        }

        @Override
        public Pass newPass() {
            return super.newPass();
        }
    }

    /** Samples from a seeded Gaussian around (1, -1) (shape [2]) or uniform images in [-1, 1]. */
    static final class ToyDataset implements Dataset {
        final long[] shape;
        final INDArray data;

        ToyDataset(long[] shape, int size, long seed) {
            this.shape = shape.clone();
            java.util.Random r = new java.util.Random(seed);
            int n = (int) Arrays.stream(shape).reduce(1, (a, c) -> a * c);
            double[] values = new double[size * n];
            for (int i = 0; i < values.length; i++) {
                values[i] = shape.length == 1 ? (i % 2 == 0 ? 1 : -1) + 0.2 * r.nextGaussian() : 2 * r.nextDouble() - 1;
            }
            data = Nd4j.create(values, new long[] {size, n}).castTo(DataType.DOUBLE);
        }

        @Override
        public long[] sampleShape() {
            return shape.clone();
        }

        @Override
        public int size() {
            return (int) data.size(0);
        }

        @Override
        public void fill(int[] indices, int from, int count, INDArray out) {
            for (int i = 0; i < count; i++) {
                INDArray slot = out.slice(i);
                slot.assign(data.getRow(indices[from + i]).reshape(slot.shape()));
            }
        }

        @Override
        public List<Path> files() {
            return List.of();
        }

        @Override
        public String description() {
            return "toy data, " + size() + " samples of " + Arrays.toString(shape);
        }
    }

    /** {@link ToyDataset} with a class per sample: {@code labels[i % labels.length]}. */
    static final class LabelledToyDataset implements Dataset {
        final ToyDataset data;
        final int classes;
        final int[] labels;

        LabelledToyDataset(long[] shape, int size, long seed, int classes, int... labels) {
            this.data = new ToyDataset(shape, size, seed);
            this.classes = classes;
            this.labels = labels.clone();
        }

        @Override
        public long[] sampleShape() {
            return data.sampleShape();
        }

        @Override
        public int size() {
            return data.size();
        }

        @Override
        public void fill(int[] indices, int from, int count, INDArray out) {
            data.fill(indices, from, count, out);
        }

        @Override
        public int classCount() {
            return classes;
        }

        @Override
        public int label(int index) {
            return labels[index % labels.length];
        }

        @Override
        public List<Path> files() {
            return List.of();
        }

        @Override
        public String description() {
            return "labelled " + data.description();
        }
    }

    /** Non-saturating logistic loss from logits, written directly in softplus form. */
    public static class Bce implements Loss {
        @Override
        public LossResult discriminatorLoss(INDArray real, INDArray fake) {
            double n = real.size(0);
            double value = Transforms.softPlus(real.neg(), true).sumNumber().doubleValue() / n
                    + Transforms.softPlus(fake, true).sumNumber().doubleValue() / fake.size(0);
            INDArray gReal = Transforms.sigmoid(real.neg(), true).negi().divi(n);
            INDArray gFake = Transforms.sigmoid(fake, true).divi(fake.size(0));
            return new LossResult(value, gReal, gFake);
        }

        @Override
        public LossResult generatorLoss(INDArray fake) {
            double n = fake.size(0);
            double value = Transforms.softPlus(fake.neg(), true).sumNumber().doubleValue() / n;
            return new LossResult(value, null, Transforms.sigmoid(fake.neg(), true).negi().divi(n));
        }
    }

    /** A loss whose generator loss turns NaN at its {@code nanAt}-th call (1-based). */
    public static final class NanLoss extends Bce {
        final int nanAt;
        int calls;

        public NanLoss(int nanAt) {
            this.nanAt = nanAt;
        }

        @Override
        public LossResult generatorLoss(INDArray fake) {
            LossResult r = super.generatorLoss(fake);
            return ++calls == nanAt ? new LossResult(Double.NaN, null, r.fakeGradient()) : r;
        }
    }

    public record Schedule(int batchSize, int epochs, long iterations, int dSteps, int gSteps) implements TrainingSchedule {
        @Override
        public int discriminatorSteps(long iteration) {
            return dSteps;
        }

        @Override
        public int generatorSteps(long iteration) {
            return gSteps;
        }
    }

    // ----- Jackson-readable specs for the Guice wiring tests -----

    public record ToyDataSpec(@JsonProperty("shape") long[] shape, @JsonProperty("size") int size) implements DatasetSpec {
        @JsonCreator
        public ToyDataSpec {
        }

        @Override
        public Dataset open(DataContext context) {
            if (size == 0) {
                throw org.gan4j.api.Gan4jException.badInput("The toy data is empty: set size.");
            }
            return new ToyDataset(shape, size, 7);
        }
    }

    public record LinearGenSpec(@JsonProperty("latent") int latent) implements GeneratorSpec {
        @JsonCreator
        public LinearGenSpec {
        }

        @Override
        public Generator build(ModelContext c) {
            return new LinearGenerator(latent, c.sampleShape(), c.dataType(), c.seed());
        }
    }

    public record LinearDiscSpec(@JsonProperty("scale") double scale) implements DiscriminatorSpec {
        @JsonCreator
        public LinearDiscSpec {
        }

        @Override
        public Discriminator build(ModelContext c) {
            return new LinearDiscriminator(c.sampleShape(), c.dataType(), c.seed());
        }
    }

    public record BceSpec() implements Loss {
        @Override
        public LossResult discriminatorLoss(INDArray real, INDArray fake) {
            return new Bce().discriminatorLoss(real, fake);
        }

        @Override
        public LossResult generatorLoss(INDArray fake) {
            return new Bce().generatorLoss(fake);
        }
    }

    /** A metric: the mean of generated samples, so its value follows the generator's weights. */
    public record MeanSpec(@JsonProperty("every") int every) implements org.gan4j.api.spi.MetricSpec {
        @JsonCreator
        public MeanSpec {
        }

        @Override
        public int samples() {
            return 16;
        }

        @Override
        public java.util.Map<String, Double> evaluate(org.gan4j.api.spi.MetricContext context) {
            return java.util.Map.of("value", context.generate().meanNumber().doubleValue());
        }
    }

    /** A metric that fits no data: refused before training. */
    public record PickySpec() implements org.gan4j.api.spi.MetricSpec {
        @Override
        public int every() {
            return 1;
        }

        @Override
        public int samples() {
            return 4;
        }

        @Override
        public void checkFits(Dataset data) {
            throw org.gan4j.api.Gan4jException.badInput("metrics: picky needs other data than " + data.description() + ".");
        }

        @Override
        public java.util.Map<String, Double> evaluate(org.gan4j.api.spi.MetricContext context) {
            throw new AssertionError("evaluated although it does not fit the data");
        }
    }

    /** A mapper that knows the fakes' type names, as the plugin registry's would. */
    public static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.registerSubtypes(new NamedType(ToyDataSpec.class, "toy"), new NamedType(LinearGenSpec.class, "linear"),
                new NamedType(LinearDiscSpec.class, "linear"), new NamedType(BceSpec.class, "bce"),
                new NamedType(Schedule.class, "fixed"), new NamedType(org.gan4j.core.optim.SgdSpec.class, "sgd"),
                new NamedType(MeanSpec.class, "mean"));
        return m;
    }
}

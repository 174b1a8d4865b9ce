package org.gan4j.embed;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.nn.Pass;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.spi.ModelContext;
import org.gan4j.core.train.ModelArchive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Generators of every built-in type, as a trained run would hold them, for the tests: built from a
 * spec through the plugins' mapper, made to look trained (see {@link #build}), and written as a run's
 * {@code generator.zip}.
 */
public final class BuiltInGenerators {

    /** A spec (as a config writes it) and the data's sample shape. */
    public record Case(String name, String specJson, long[] sampleShape) {
        public String type() {
            return name.replaceAll("[-\\[].*", "");
        }
    }

    /** Every built-in generator type, in the shapes gan4j trains it on. */
    public static final List<Case> CASES = List.of(
            new Case("mlp", "{\"type\":\"mlp\",\"latentSize\":100,\"hidden\":[128,256,512],\"dropout\":0.3}", new long[] {1, 28, 28}),
            new Case("mlp-linear-2d", "{\"type\":\"mlp\",\"latentSize\":2,\"hidden\":[64,64],\"output\":\"linear\",\"dropout\":0}",
                    new long[] {2}),
            new Case("dcgan-32x32x1", "{\"type\":\"dcgan\",\"latentSize\":100,\"ngf\":16}", new long[] {1, 32, 32}),
            new Case("dcgan-64x64x3", "{\"type\":\"dcgan\",\"latentSize\":64,\"ngf\":8}", new long[] {3, 64, 64}),
            new Case("infogan-28x28x1", "{\"type\":\"infogan\",\"latentSize\":64,\"ngf\":16,\"dense\":128}", new long[] {1, 28, 28}));

    private BuiltInGenerators() {
    }

    /**
     * Builds the case's generator from seed {@code seed}, then makes it look trained: batch-norm
     * scales and shifts moved off 1 and 0, and the running statistics taken from 30 training-mode
     * passes over random latents (as training leaves them), so evaluation mode really differs from
     * the initial state and samples differ from latent to latent.
     */
    public static Generator build(Gan4j gan, Case c, long seed) throws Exception {
        ObjectMapper json = gan.registry().jsonMapper();
        GeneratorSpec spec = json.readValue(c.specJson(), GeneratorSpec.class);
        Generator g = spec.build(new ModelContext(c.sampleShape(), DataType.FLOAT, seed));
        Parameters p = g.parameters();
        if (p.state().length() == 0) {
            return g;
        }
        for (Parameters.Slot slot : p.slots().values()) {
            if (slot.name().endsWith("gamma") || slot.name().endsWith("beta")) {
                slot.value().addi(Nd4j.rand(DataType.FLOAT, slot.value().shape()).subi(0.5).muli(0.4));
            }
        }
        Pass pass = g.newPass();
        org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed + 1);
        long[] shape = Shapes.withBatch(64, g.inputShape());
        for (int i = 0; i < 30; i++) {
            INDArray z = Nd4j.create(DataType.FLOAT, shape);
            g.noise().sample(z, rng);
            pass.forward(z, true);
        }
        return g;
    }

    /** Writes {@code g} as {@code <dir>/generator.zip} and returns the file. */
    public static Path archive(Generator g, Case c, Path dir, long seed) {
        Path file = dir.resolve("generator.zip");
        ModelArchive.write(file, "generator", g, c.specJson(), c.sampleShape(), seed, seed, 0);
        return file;
    }
}

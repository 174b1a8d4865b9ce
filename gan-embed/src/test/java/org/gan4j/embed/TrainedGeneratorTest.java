package org.gan4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.core.image.ImageGrid;
import org.gan4j.core.run.Sampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainedGeneratorTest {

    static Gan4j gan;

    @TempDir
    Path dir;

    @BeforeAll
    static void plugins() {
        gan = Gan4j.create();
    }

    private TrainedGenerator dcgan() throws Exception {
        BuiltInGenerators.Case c = BuiltInGenerators.CASES.get(2);
        BuiltInGenerators.archive(BuiltInGenerators.build(gan, c, 4), c, dir, 4);
        return gan.load(dir);
    }

    @Test
    void loadsARunDirectoryOrItsArchiveAndKnowsItsShapes() throws Exception {
        TrainedGenerator g = dcgan();
        assertThat(g.latentShape()).containsExactly(100, 1, 1);
        assertThat(g.latentSize()).isEqualTo(100);
        assertThat(g.sampleShape()).containsExactly(1, 32, 32);
        assertThat(g.makesImages()).isTrue();
        assertThat(g.classCount()).isEmpty();
        TrainedGenerator fromZip = gan.load(dir.resolve("generator.zip"));
        assertThat(fromZip.sample(4, 9).equalsWithEps(g.sample(4, 9), 0)).isTrue();
    }

    @Test
    void theSameSeedGivesWhatGan4jSampleDrawsWhateverTheBatchSize() throws Exception {
        TrainedGenerator g = dcgan();
        INDArray a = g.sample(SampleRequest.of(10).withSeed(3));
        INDArray b = g.sample(SampleRequest.of(10).withSeed(3).withBatchSize(3));
        assertThat(a.shape()).containsExactly(10, 1, 32, 32);
        assertThat(maxDifference(a, b)).as("float rounding only").isLessThan(1e-5);
        assertThat(maxDifference(a, g.sample(SampleRequest.of(10).withSeed(4)))).isGreaterThan(0.01);
        // the command line's picture of the same seed is the grid of these samples
        Path png = Sampler.sample(dir, 10, 3, dir.resolve("cli.png"), text -> readSpec(text));
        BufferedImage cli = ImageIO.read(png.toFile());
        BufferedImage api = g.sampleGrid(SampleRequest.of(10).withSeed(3));
        assertThat(pixels(api)).isEqualTo(pixels(cli));
    }

    @Test
    void floatsAndImagesHoldTheSameValues() throws Exception {
        TrainedGenerator g = dcgan();
        SampleRequest r = SampleRequest.of(3).withSeed(8);
        INDArray x = g.sample(r);
        float[] f = g.sampleFloats(r);
        assertThat(f).hasSize(3 * 32 * 32);
        assertThat(f[1024 + 33]).isCloseTo(x.getFloat(1, 0, 1, 1), within(0f));
        List<BufferedImage> images = g.sampleImages(r);
        assertThat(images).hasSize(3);
        assertThat(images.get(2).getWidth()).isEqualTo(32);
        assertThat(images.get(2).getRaster().getSample(5, 7, 0)).isEqualTo(ImageGrid.toByte(x.getDouble(2, 0, 7, 5)));
    }

    @Test
    void concurrentSamplingGivesWhatSequentialSamplingGives() throws Exception {
        TrainedGenerator g = dcgan();
        int calls = 16;
        List<INDArray> sequential = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            sequential.add(g.sample(SampleRequest.of(5 + i % 3).withSeed(i).withBatchSize(1 + i % 4)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<INDArray>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int k = i;
                Callable<INDArray> call = () -> g.sample(SampleRequest.of(5 + k % 3).withSeed(k).withBatchSize(1 + k % 4));
                // seed 0 included: ND4J's generator made with seed 0 draws differently on each thread; Seeds.random maps it
                futures.add(pool.submit(call));
            }
            for (int i = 0; i < calls; i++) {
                assertThat(maxDifference(futures.get(i).get(), sequential.get(i))).as("call %d", i).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void interpolationStartsAndEndsAtTheGivenLatents() throws Exception {
        TrainedGenerator g = dcgan();
        INDArray z = g.latents(2, 1);
        for (Interpolation how : Interpolation.values()) {
            INDArray path = g.interpolate(z.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)),
                    z.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)), 5, how);
            assertThat(path.shape()).containsExactly(5, 100, 1, 1);
            assertThat(maxDifference(path.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)),
                    z.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)))).isLessThan(1e-6);
            assertThat(maxDifference(path.get(org.nd4j.linalg.indexing.NDArrayIndex.point(4)),
                    z.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)))).isLessThan(1e-5);
            assertThat(g.generate(path).shape()).containsExactly(5, 1, 32, 32);
        }
        // linear: the midpoint is the mean; spherical: the norm stays between the ends' norms
        double[] a = {3, 0};
        double[] b = {0, 4};
        assertThat(Interpolation.LINEAR.at(a, b, 0.5)).containsExactly(1.5, 2.0);
        double[] mid = Interpolation.SPHERICAL.at(a, b, 0.5);
        double norm = Math.hypot(mid[0], mid[1]);
        assertThat(norm).isBetween(3.0, 4.0);
        assertThat(mid[0] / 3).isCloseTo(mid[1] / 4, within(1e-12)); // equal weights sin(pi/4)/sin(pi/2)
    }

    @Test
    void aClassIsRefusedClearlyByAnUnconditionalGenerator() throws Exception {
        TrainedGenerator g = dcgan();
        assertThatThrownBy(() -> g.sample(SampleRequest.of(4).withLabel(3)))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("is unconditional")
                .hasMessageContaining("Leave out withLabel");
    }

    /** A conditional infogan generator, as a run on MNIST leaves it (the classes recorded in generator.zip). */
    private TrainedGenerator conditional() throws Exception {
        String specJson = "{\"type\":\"infogan\",\"latentSize\":16,\"ngf\":4,\"dense\":16,\"condition\":\"concat\",\"embedding\":5}";
        long[] shape = {1, 28, 28};
        org.gan4j.api.spi.Condition digits = org.gan4j.api.spi.Condition.classes(10);
        org.gan4j.api.spi.Generator built = readSpec(specJson).build(new org.gan4j.api.spi.ModelContext(shape, DataType.FLOAT, 6, digits));
        // as if trained: the initial N(0, 0.02) weights make outputs (and the label's effect) tiny
        org.nd4j.linalg.api.rng.Random rng = org.nd4j.linalg.factory.Nd4j.getRandomFactory().getNewRandomInstance(9);
        INDArray noise = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, built.parameters().values().shape());
        org.nd4j.linalg.factory.Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.GaussianDistribution(noise, 0.0, 0.2), rng);
        built.parameters().values().addi(noise);
        org.gan4j.core.train.ModelArchive.write(dir.resolve("generator.zip"), "generator", built, specJson, shape, 6, 6, 0, digits);
        return gan.load(dir);
    }

    @Test
    void aConditionalGeneratorDrawsTheClassAskedForAsGan4jSampleDoes() throws Exception {
        TrainedGenerator g = conditional();
        assertThat(g.classCount()).hasValue(10);
        assertThat(g.condition().isClasses()).isTrue();
        INDArray sevens = g.sample(SampleRequest.of(6).withSeed(3).withLabel(7));
        INDArray z = g.latents(6, 3);
        assertThat(maxDifference(sevens, g.generate(z, g.labels(7, 7, 7, 7, 7, 7), 256))).isLessThan(1e-6);
        assertThat(maxDifference(sevens, g.generate(z, g.labels(1, 1, 1, 1, 1, 1), 256))).isGreaterThan(1e-3);
        assertThat(maxDifference(g.sample(SampleRequest.of(6).withSeed(3).withLabel(7).withBatchSize(4)), sevens)).isLessThan(1e-5);
        // the command line's --class 7 picture of the same seed is the grid of these samples
        Path png = Sampler.sample(dir, 6, 3, dir.resolve("cli.png"), text -> readSpec(text), "7");
        assertThat(pixels(g.sampleGrid(SampleRequest.of(6).withSeed(3).withLabel(7)))).isEqualTo(pixels(ImageIO.read(png.toFile())));
        // without a class: classes drawn from the seed, as gan4j sample draws them
        Path any = Sampler.sample(dir, 6, 3, dir.resolve("any.png"), text -> readSpec(text), null);
        assertThat(pixels(g.sampleGrid(SampleRequest.of(6).withSeed(3)))).isEqualTo(pixels(ImageIO.read(any.toFile())));
    }

    @Test
    void aConditionalGeneratorRefusesAClassOutOfRangeAndLatentsWithoutLabels() throws Exception {
        TrainedGenerator g = conditional();
        assertThatThrownBy(() -> g.sample(SampleRequest.of(2).withLabel(10))).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("Class 10 is out of range").hasMessageContaining("0-9");
        assertThatThrownBy(() -> g.labels(-1)).isInstanceOf(Gan4jException.class).hasMessageContaining("Class -1 is out of range");
        assertThatThrownBy(() -> g.generate(g.latents(2, 1))).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("is conditional").hasMessageContaining("generate(latents, labels(...), batchSize)");
        assertThatThrownBy(() -> g.generate(g.latents(2, 1), g.labels(1, 2, 3), 8)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("Labels must have shape [2, 10]");
    }

    @Test
    void badInputIsNamed() throws Exception {
        assertThatThrownBy(() -> gan.load(dir.resolve("nope"))).isInstanceOf(Gan4jException.class).hasMessageContaining("nope");
        Files.writeString(dir.resolve("junk.zip"), "not a zip");
        assertThatThrownBy(() -> gan.load(dir.resolve("junk.zip"))).isInstanceOf(Gan4jException.class).hasMessageContaining("junk.zip");
        TrainedGenerator g = dcgan();
        assertThatThrownBy(() -> g.generate(Nd4j.zeros(DataType.FLOAT, 2, 100))).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("[n, 100, 1, 1]");
        BuiltInGenerators.Case ring = BuiltInGenerators.CASES.get(1);
        Path other = Files.createDirectories(dir.resolve("ring"));
        BuiltInGenerators.archive(BuiltInGenerators.build(gan, ring, 1), ring, other, 1);
        assertThatThrownBy(() -> gan.load(other).sampleImages(SampleRequest.of(2))).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("not images");
        assertThat(gan.load(other).sampleFloats(SampleRequest.of(2))).hasSize(4);
    }

    private static GeneratorSpec readSpec(String text) {
        try {
            return gan.registry().jsonMapper().readValue(text, GeneratorSpec.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static double maxDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }
}

package org.gan4j.core.metrics.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.api.spi.MetricContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The classifier, its cache and the metric, on {@link SyntheticImages} (a classifier trains on them
 * in a second or two): FID near 0 for two halves of the data and growing with added noise, the
 * cache reused without training, a corrupt cache entry retrained.
 */
class ClassifierFidTest {

    static final int EPOCHS = 3;

    @TempDir
    static Path cacheDir;
    static SyntheticImages data = new SyntheticImages(800);
    static ClassifierCache.Entry entry;
    static String log;

    @BeforeAll
    static void train() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        entry = new ClassifierCache(cacheDir, EPOCHS, ClassifierFidSpec.SEED, new PrintStream(bytes, true, StandardCharsets.UTF_8)).obtain(data);
        log = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theClassifierLearnsTheClassesAndSaysSo() {
        assertThat(entry.heldOut()).isEqualTo(160);
        assertThat(entry.accuracy()).isGreaterThan(0.95);
        assertThat(log).contains("training the classifier for synthetic squares")
                .contains("classifier epoch 3/3")
                .containsPattern("test accuracy \\d+\\.\\d\\d% on 160 held-out images \\(trained on 640 in \\d+ s\\), cached at ");
        assertThat(entry.file()).exists().hasParent(cacheDir.toAbsolutePath().normalize());
    }

    @Test
    void fidIsNearZeroForTwoHalvesAndGrowsWithTheNoiseLevel() {
        Classifier c = entry.classifier();
        // more images than the classifier saw, so the sampling error of 128-dimensional covariances is small
        FrechetDistance.Gaussian first = FrechetDistance.fit(features(c, data.range(0, 2000)));
        SyntheticImages second = data.range(2000, 2000);
        double same = FrechetDistance.distance(first, FrechetDistance.fit(features(c, second)));
        double[] noisy = new double[3];
        double[] sigmas = {0.1, 0.3, 1.0};
        for (int i = 0; i < sigmas.length; i++) {
            noisy[i] = FrechetDistance.distance(first, FrechetDistance.fit(features(c, second.withExtraNoise(sigmas[i]))));
        }
        // measured: 0.046 for the halves; 0.056, 0.66, 35 with noise 0.1, 0.3, 1.0 (small noise barely moves the features)
        assertThat(same).isLessThan(noisy[0]);
        assertThat(same).isLessThan(noisy[1] / 10);
        assertThat(noisy[0]).isLessThan(noisy[1]);
        assertThat(noisy[1]).isLessThan(noisy[2]);
    }

    @Test
    void aSecondCacheReadsTheEntryWithoutTraining() {
        int before = ClassifierCache.trainings();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ClassifierCache.Entry again = new ClassifierCache(cacheDir, EPOCHS, ClassifierFidSpec.SEED, new PrintStream(bytes, true, StandardCharsets.UTF_8)).obtain(data);
        assertThat(ClassifierCache.trainings()).isEqualTo(before);
        assertThat(again.accuracy()).isEqualTo(entry.accuracy());
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("read from " + entry.file());
        double[][] expected = entry.classifier().evaluate(20, (from, count, x) -> data.fill(range(20), from, count, x)).features();
        double[][] read = again.classifier().evaluate(20, (from, count, x) -> data.fill(range(20), from, count, x)).features();
        assertThat(read).isDeepEqualTo(expected);
    }

    @Test
    void otherEpochsAreAnotherEntry() {
        ClassifierCache three = new ClassifierCache(cacheDir, 3, 5, System.out);
        ClassifierCache four = new ClassifierCache(cacheDir, 4, 5, System.out);
        assertThat(three.key(data)).isNotEqualTo(four.key(data)).hasSize(64);
        assertThat(three.key(data)).isEqualTo(new ClassifierCache(cacheDir, 3, 5, System.out).key(data));
        assertThat(three.key(data)).isNotEqualTo(three.key(data.range(0, 799)));
    }

    @Test
    void aCorruptEntryIsTrainedAgain(@TempDir Path other) throws Exception {
        SyntheticImages small = data.range(0, 200);
        ClassifierCache cache = new ClassifierCache(other, 1, 5, System.out);
        Path file = cache.obtain(small).file();
        for (byte[] damage : List.of("not a zip".getBytes(StandardCharsets.UTF_8), new byte[0], truncated(file))) {
            Files.write(file, damage);
            int before = ClassifierCache.trainings();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ClassifierCache.Entry entry = new ClassifierCache(other, 1, 5, new PrintStream(bytes, true, StandardCharsets.UTF_8)).obtain(small);
            assertThat(ClassifierCache.trainings()).isEqualTo(before + 1);
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("cached classifier " + file + " cannot be used").contains("training it again");
            assertThat(entry.file()).isEqualTo(file);
            assertThat(Files.size(file)).isGreaterThan(1000);
        }
    }

    @Test
    void theCacheGoesBesideTheDataUnlessTheDataDirectoryIsReadOnly(@TempDir Path dir) throws Exception {
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Path file = Files.writeString(dataDir.resolve("images.bin"), "the images");
        Dataset withFiles = new SyntheticImages(100) {
            @Override
            public List<Path> files() {
                return List.of(file);
            }
        };
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.resolve("home").toString());
        try {
            Path beside = new ClassifierCache(null, 1, 5, System.out).obtain(withFiles).file();
            assertThat(beside.getParent()).isEqualTo(dataDir.resolve(ClassifierCache.DIRECTORY));
            // a read-only data directory is left alone, even by root
            Files.walk(dataDir.resolve(ClassifierCache.DIRECTORY)).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Path elsewhere = new ClassifierCache(null, 1, 5, new PrintStream(bytes, true, StandardCharsets.UTF_8)).obtain(withFiles).file();
            assertThat(elsewhere.getParent()).isEqualTo(dir.resolve("home").resolve(".cache").resolve("gan4j"));
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("the data directory " + dataDir + " is read-only; caching the classifier in");
            assertThat(dataDir.resolve(ClassifierCache.DIRECTORY)).doesNotExist();
        } finally {
            System.setProperty("user.home", home);
            Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void theMetricReportsItsValuesForAGenerator() {
        ClassifierFidSpec spec = new ClassifierFidSpec(1, 400, EPOCHS, 0.01, cacheDir.toString());
        Generator g = Generator.of(Sequential.builder(8).dense(144).tanh().reshape(1, 12, 12).build(DataType.FLOAT, 3), LatentNoise.NORMAL);
        Map<String, Double> values = spec.evaluate(new MetricContext(g, data, 400, 9));
        assertThat(values).containsOnlyKeys("fid", "score", "classes", "total-classes", "class-kl", "classifier-accuracy");
        assertThat(values.get("classifier-accuracy")).isEqualTo(100 * entry.accuracy());
        assertThat(values.get("score")).isBetween(1.0, 4.0);
        assertThat(values.get("classes")).isBetween(1.0, 4.0);
        assertThat(values.get("class-kl")).isBetween(0.0, Math.log(4));
        assertThat(values.get("total-classes")).isEqualTo(SyntheticImages.CLASSES);
        // random images are far from the data, much farther than half of the data is from the other half
        Classifier c = entry.classifier();
        double halves = FrechetDistance.distance(FrechetDistance.fit(features(c, data.range(0, 400))), FrechetDistance.fit(features(c, data.range(400, 400))));
        assertThat(values.get("fid")).isGreaterThan(10 * halves);
        // the same seed gives the same values (the real statistics are kept, the noise is replayed)
        assertThat(spec.evaluate(new MetricContext(g, data, 400, 9))).isEqualTo(values);
        assertThat(spec.higherIsBetter("fid")).isFalse();
        assertThat(spec.higherIsBetter("class-kl")).isFalse();
        assertThat(spec.higherIsBetter("score")).isTrue();
        assertThat(spec.higherIsBetter("classes")).isTrue();
    }

    /**
     * A conditional generator that draws, for class k, the data's image {@code shift(k)} (of class
     * {@code (k + shift) % 4}): G(z, c) = the embedding row of c through an identity layer, z ignored.
     */
    private static Generator drawsClassPlus(int shift) {
        Sequential net = Sequential.builder(1).conditionConcat(SyntheticImages.CLASSES, 144).dense(144).reshape(1, 12, 12)
                .build(DataType.FLOAT, 3);
        INDArray templates = Nd4j.create(DataType.FLOAT, SyntheticImages.CLASSES, 1, 12, 12);
        data.fill(new int[] {shift, shift + 1, shift + 2, shift + 3}, 0, SyntheticImages.CLASSES, templates);
        ((org.gan4j.api.nn.ConditionConcat) net.layers().get(0)).embedding().value().assign(templates.reshape(SyntheticImages.CLASSES, 144));
        org.gan4j.api.nn.Dense dense = (org.gan4j.api.nn.Dense) net.layers().get(1);
        dense.weight().value().assign(Nd4j.concat(0, Nd4j.zeros(DataType.FLOAT, 1, 144), Nd4j.eye(144).castTo(DataType.FLOAT)));
        dense.bias().value().assign(0);
        return Generator.of(net, LatentNoise.NORMAL);
    }

    @Test
    void classAccuracyIsTheShareOfSamplesClassifiedAsTheirRequestedClass() {
        ClassAccuracySpec spec = new ClassAccuracySpec(1, 400, EPOCHS, cacheDir.toString());
        Map<String, Double> right = spec.evaluate(new MetricContext(drawsClassPlus(0), data, 400, 9));
        assertThat(right).containsOnlyKeys("overall", "worst", "class-0", "class-1", "class-2", "class-3", "classifier-accuracy");
        assertThat(right.get("overall")).isEqualTo(100.0);
        assertThat(right.get("worst")).isEqualTo(100.0);
        Map<String, Double> wrong = spec.evaluate(new MetricContext(drawsClassPlus(1), data, 400, 9));
        assertThat(wrong.get("overall")).isZero();
        assertThat(wrong.get("class-2")).isZero();
        assertThat(wrong.get("classifier-accuracy")).isEqualTo(100 * entry.accuracy());
    }

    @Test
    void classAccuracyCountsPerClass() {
        // requested 0, 0, 1, 1, 2, 2; predicted 0, 1, 1, 1, 0, 0: class 0 half right, class 1 all, class 2 none
        double[][] p = {{1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {0, 1, 0}, {1, 0, 0}, {1, 0, 0}};
        Map<String, Double> v = ClassAccuracySpec.values(new Classifier.Output(new double[6][1], p), new int[] {0, 0, 1, 1, 2, 2}, 3, 0.99);
        assertThat(v).containsExactly(Map.entry("overall", 50.0), Map.entry("worst", 0.0), Map.entry("class-0", 50.0),
                Map.entry("class-1", 100.0), Map.entry("class-2", 0.0), Map.entry("classifier-accuracy", 99.0));
    }

    @Test
    void classAccuracyRefusesAnUnconditionalGenerator() {
        Generator g = Generator.of(Sequential.builder(8).dense(144).reshape(1, 12, 12).build(DataType.FLOAT, 3), LatentNoise.NORMAL);
        assertThatThrownBy(() -> new ClassAccuracySpec(null, null, null, cacheDir.toString()).evaluate(new MetricContext(g, data, 40, 1)))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("class-accuracy measures whether a conditional generator")
                .hasMessageContaining("this generator is not conditional");
    }

    @Test
    void unlabelledDataIsRefusedWithAnExplanation() {
        Dataset unlabelled = new Dataset() {
            @Override
            public long[] sampleShape() {
                return new long[] {1, 12, 12};
            }

            @Override
            public int size() {
                return 10;
            }

            @Override
            public void fill(int[] indices, int from, int count, INDArray out) {
            }

            @Override
            public List<Path> files() {
                return List.of();
            }

            @Override
            public String description() {
                return "ring of 8 Gaussians";
            }
        };
        Generator g = Generator.of(Sequential.builder(8).dense(144).reshape(1, 12, 12).build(DataType.FLOAT, 3), LatentNoise.NORMAL);
        assertThatThrownBy(() -> new ClassifierFidSpec(null, null, null, null, null).evaluate(new MetricContext(g, unlabelled, 10, 1)))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("classifier-fid trains a classifier on the data's labels, but the data has none: ring of 8 Gaussians");
    }

    @Test
    void settingsHaveDefaultsAndChecks() {
        ClassifierFidSpec defaults = new ClassifierFidSpec(null, null, null, null, null);
        assertThat(defaults.every()).isEqualTo(1);
        assertThat(defaults.samples()).isEqualTo(10_000);
        assertThat(defaults.classifierEpochs()).isEqualTo(ClassifierFidSpec.DEFAULT_EPOCHS);
        assertThat(defaults.minClassShare()).isEqualTo(0.01);
        assertThat(defaults.cache()).isNull();
        assertThatThrownBy(() -> new ClassifierFidSpec(null, 0, null, null, null)).hasMessageStartingWith("samples");
        assertThatThrownBy(() -> new ClassifierFidSpec(null, null, null, 1.0, null)).hasMessageStartingWith("minClassShare");
        assertThatThrownBy(() -> new ClassifierFidSpec(-1, null, null, null, null)).hasMessageStartingWith("every");
    }

    @Test
    void aConfigSelectsItByTypeAndTheCompareReportFindsItsDirections() throws Exception {
        org.gan4j.core.plugin.ComponentRegistry registry = org.gan4j.core.plugin.ComponentRegistry.of(new org.gan4j.core.plugin.CorePlugin());
        org.gan4j.api.spi.MetricSpec read = registry.yamlMapper().readValue("{type: classifier-fid, every: 4}", org.gan4j.api.spi.MetricSpec.class);
        assertThat(read).isEqualTo(new ClassifierFidSpec(4, null, null, null, null));
        // Summary.directions looks the spec up by the type it writes back, then asks higherIsBetter
        assertThat(registry.jsonMapper().valueToTree(read).path("type").asText()).isEqualTo("classifier-fid");
    }

    private static double[][] features(Classifier c, Dataset images) {
        int[] all = range(images.size());
        return c.evaluate(all.length, (from, count, x) -> images.fill(all, from, count, x)).features();
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static byte[] truncated(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        return java.util.Arrays.copyOf(all, all.length / 2);
    }
}

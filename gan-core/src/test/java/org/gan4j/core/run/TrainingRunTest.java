package org.gan4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.train.RunInfo;
import org.gan4j.api.train.SampleSource;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.config.OptimizerSettings;
import org.gan4j.core.config.OutputSettings;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.optim.SgdSpec;
import org.gan4j.core.train.Checkpoint;
import org.gan4j.core.train.Checkpoints;
import org.gan4j.core.train.Fakes;
import org.gan4j.core.train.ModelArchive;
import org.gan4j.core.train.TrainOptions;
import org.gan4j.core.train.output.LossCurvePlotter;
import org.gan4j.core.train.output.ManifestWriter;
import org.gan4j.core.train.output.MetricsCsvWriter;
import org.gan4j.core.train.output.ModelWriter;
import org.gan4j.core.train.output.TimingCsvWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A whole run through Guice with the fakes: every file it leaves, and sampling from it. */
class TrainingRunTest {

    static final ObjectMapper MAPPER = Fakes.mapper();

    @TempDir
    Path base;

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    /** 4x4 grey "images", 48 samples, batch 8 -> 6 iterations per epoch, 2 epochs, grids of 9. */
    RunConfig imageConfig(String name) {
        return new RunConfig(name, 5L, new Fakes.ToyDataSpec(new long[] {1, 4, 4}, 48), new Fakes.LinearGenSpec(3),
                new Fakes.LinearDiscSpec(1.0), new Fakes.BceSpec(), new Fakes.Schedule(8, 2, 0, 1, 1),
                new OptimizerSettings(new SgdSpec(0.05), new SgdSpec(0.05)), new OutputSettings("runs", 1, 9, 4), null);
    }

    TrainOptions options() {
        Function<RunConfig, String> json = c -> {
            try {
                return MAPPER.writeValueAsString(c);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        return TrainOptions.defaults().withBaseDirectory(base).withConfigJson(json)
                .withProgress(new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    static Function<String, GeneratorSpec> specReader() {
        return s -> {
            try {
                return MAPPER.readValue(s, GeneratorSpec.class);
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        };
    }

    /** A plugin's listener, bound through the Multibinder, keeping the trained generator's weights. */
    static final class Capture implements TrainingListener {
        static INDArray weights;
        static INDArray state;
        private RunInfo run;

        @Override
        public void onStart(RunInfo info) {
            run = info;
        }

        @Override
        public void onEnd(TrainingResult result, SampleSource samples) {
            weights = run.generator().parameters().values().dup();
            state = run.generator().parameters().state().dup();
        }
    }

    static final Module PLUGIN = new AbstractModule() {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), TrainingListener.class).addBinding().to(Capture.class);
        }
    };

    @Test
    void withRollbackADivergenceGoesBackToTheNewestCheckpointWithHalfTheLearningRatesAndFinishes() throws Exception {
        // The generator loss is NaN at its 5th call (iteration 5); checkpoints every 2 iterations.
        RunConfig c = imageConfig("rollback");
        RunConfig config = new RunConfig("rollback", c.seed(), c.data(), c.generator(), c.discriminator(), new Fakes.NanLoss(5),
                c.schedule(), c.optimizer(), new OutputSettings("runs", 1, 9, 4, 2, 3, "rollback", 0.5, 1), null);
        TrainingRun.Outcome outcome = TrainingRun.execute(config, List.of(), options());
        assertThat(outcome.result().status()).isEqualTo(TrainingResult.Status.COMPLETED);
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("Training diverged at iteration 5", "Rolling back to " + Checkpoints.fileName(4), "x 0.5");
        Path dir = outcome.directory();
        List<String> metrics = Files.readAllLines(dir.resolve(MetricsCsvWriter.FILE));
        assertThat(metrics.stream().skip(1).map(l -> l.split(",")[0]).toList())
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        Checkpoints.Loaded last = new Checkpoints(dir.resolve(Checkpoints.DIRECTORY), 3).newestValid(System.err).orElseThrow();
        assertThat(last.checkpoint().iteration()).isEqualTo(12);
        assertThat(last.checkpoint().learningRateScale()).isEqualTo(0.5);
    }

    @Test
    void withoutRollbackOrPastMaxRollbacksADivergenceStopsTheRun() {
        RunConfig c = imageConfig("stop");
        RunConfig config = new RunConfig("stop", c.seed(), c.data(), c.generator(), c.discriminator(), new Fakes.NanLoss(5),
                c.schedule(), c.optimizer(), new OutputSettings("runs", 1, 9, 4, 2, 3, "rollback", 0.5, 0), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingRun.execute(config, List.of(), options()))
                .isInstanceOfSatisfying(org.gan4j.api.Gan4jException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(org.gan4j.api.Gan4jException.DIVERGED));
    }

    @Test
    void aRunLeavesWellFormedFilesAndItsGeneratorSamplesAgain() throws Exception {
        Path dir = TrainingRun.run(imageConfig("img"), List.of(PLUGIN), options());
        assertThat(dir).isEqualTo(base.resolve("runs/img"));

        List<String> metrics = Files.readAllLines(dir.resolve(MetricsCsvWriter.FILE));
        assertThat(metrics).hasSize(1 + 12).first().isEqualTo(MetricsCsvWriter.HEADER);
        assertThat(metrics.get(12)).startsWith("12,2,");
        List<String> timing = Files.readAllLines(dir.resolve(TimingCsvWriter.FILE));
        assertThat(timing).hasSize(13).first().isEqualTo(TimingCsvWriter.HEADER);
        assertThat(timing.get(1).split(",")).hasSize(3);

        int side = 3 * 64 + 4 * 2; // 9 samples of 4x4 scaled x16, 3 per row
        for (String png : List.of("samples/epoch-001.png", "samples/epoch-002.png", "samples/final.png")) {
            BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
            assertThat(img).as(png).isNotNull();
            assertThat(img.getWidth()).isEqualTo(side);
            assertThat(img.getHeight()).isEqualTo(side);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(dir.resolve("samples/progress.gif").toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(2);
        }
        BufferedImage curves = ImageIO.read(dir.resolve(LossCurvePlotter.FILE).toFile());
        assertThat(curves.getWidth()).isEqualTo(900);
        assertThat(curves.getHeight()).isEqualTo(2 * 380);

        JsonNode manifest = new ObjectMapper().readTree(dir.resolve(ManifestWriter.FILE).toFile());
        assertThat(manifest.fieldNames()).toIterable().contains("config", "gan4jVersion", "java", "os", "nd4j", "threads",
                "seed", "dataset", "startTime", "endTime", "iterations", "status");
        assertThat(manifest.path("status").asText()).isEqualTo("completed");
        assertThat(manifest.path("iterations").asLong()).isEqualTo(12);
        assertThat(manifest.path("seed").asLong()).isEqualTo(5);
        assertThat(manifest.path("config").path("generator").path("type").asText()).isEqualTo("linear");
        assertThat(manifest.path("dataset").path("description").asText()).contains("48 samples");
        assertThat(manifest.path("gan4jVersion").asText()).isEqualTo("dev");

        // The weights in generator.zip are bit-exactly the trained ones, state included.
        ModelArchive.Contents saved = ModelArchive.read(dir.resolve(ModelWriter.GENERATOR));
        assertThat(saved.model().path("spec").path("type").asText()).isEqualTo("linear");
        assertThat(saved.sampleShape()).containsExactly(1, 4, 4);
        var generator = Sampler.load(dir, specReader());
        assertThat(generator.parameters().values()).isEqualTo(Capture.weights);
        assertThat(generator.parameters().state()).isEqualTo(Capture.state);
        assertThat(Capture.state.getDouble(0)).isGreaterThan(0);
        assertThat(Files.exists(dir.resolve(ModelWriter.DISCRIMINATOR))).isTrue();

        Path out = Sampler.sample(dir, 4, 9, null, specReader());
        assertThat(out).isEqualTo(dir.resolve("samples/sample-9.png"));
        assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(2 * 64 + 3 * 2);

        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("iteration 4/12").contains("completed: 12 iterations");
    }

    @Test
    void withEmaTheSavedGeneratorIsTheAverageTheCheckpointCarries() throws Exception {
        RunConfig c = imageConfig("ema");
        RunConfig averaged = new RunConfig(c.name(), c.seed(), c.data(), c.generator(), c.discriminator(), c.loss(), c.schedule(),
                new OptimizerSettings(new SgdSpec(0.05), new SgdSpec(0.05), 0.9), c.output(), null);
        Path dir = TrainingRun.run(averaged, List.of(), options());
        Checkpoint last = new Checkpoints(dir.resolve(Checkpoints.DIRECTORY), 3).newestValid(System.err).orElseThrow().checkpoint();
        assertThat(last.iteration()).isEqualTo(12);
        INDArray saved = ModelArchive.read(dir.resolve(ModelWriter.GENERATOR)).parameters();
        assertThat(saved).isEqualTo(last.array(Checkpoint.G_AVERAGE).reshape(saved.shape()));
        assertThat(saved).isNotEqualTo(last.array(Checkpoint.G_PARAMETERS).reshape(saved.shape()));
        // the training itself is the run without an average
        Path plain = TrainingRun.run(imageConfig("plain"), List.of(), options());
        assertThat(Files.readAllBytes(dir.resolve(MetricsCsvWriter.FILE))).isEqualTo(Files.readAllBytes(plain.resolve(MetricsCsvWriter.FILE)));
        assertThat(ModelArchive.read(plain.resolve(ModelWriter.GENERATOR)).parameters())
                .isEqualTo(last.array(Checkpoint.G_PARAMETERS).reshape(saved.shape()));
    }

    @Test
    void twoRunsWithTheSameSeedWriteIdenticalMetricsAndWeights() throws Exception {
        Path a = TrainingRun.run(imageConfig("a"), List.of(), options());
        Path b = TrainingRun.run(imageConfig("b"), List.of(), options());
        assertThat(Files.readAllBytes(a.resolve(MetricsCsvWriter.FILE))).isEqualTo(Files.readAllBytes(b.resolve(MetricsCsvWriter.FILE)));
        assertThat(Files.readAllBytes(a.resolve(ModelWriter.GENERATOR))).isEqualTo(Files.readAllBytes(b.resolve(ModelWriter.GENERATOR)));
    }

    @Test
    void aNonEmptyRunDirectoryIsRefusedUnlessOverwriting() throws Exception {
        Path dir = base.resolve("runs/img");
        Files.createDirectories(dir.resolve("samples"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.writeString(dir.resolve("samples/epoch-009.png"), "stale");
        assertThatThrownBy(() -> TrainingRun.run(imageConfig("img"), List.of(), options()))
                .isInstanceOfSatisfying(Gan4jException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(Gan4jException.BAD_INPUT);
                    assertThat(e.getMessage()).contains(dir.toString()).contains("--overwrite");
                });
        assertThat(Files.exists(dir.resolve(MetricsCsvWriter.FILE))).isFalse();

        TrainingRun.run(imageConfig("img"), List.of(), options().withOverwrite(true).withMaxIterations(3));
        assertThat(Files.readAllLines(dir.resolve(MetricsCsvWriter.FILE))).hasSize(4);
        assertThat(dir.resolve("notes.txt")).hasContent("mine");              // not ours: kept
        assertThat(Files.exists(dir.resolve("samples/epoch-009.png"))).isFalse(); // ours, stale: removed
    }

    @Test
    void aRefusedOverwriteNextToAFileGan4jDoesNotOwnPutsThePreviousResultsBack() throws Exception {
        // Issue 13, bug 1: a foreign file (notes.txt) made the refused run delete the set-aside results.
        Path dir = base.resolve("runs/e");
        Files.createDirectories(dir.resolve("samples"));
        Files.writeString(dir.resolve(MetricsCsvWriter.FILE), "iteration\n1\n");
        Files.writeString(dir.resolve("samples/epoch-001.png"), "previous picture");
        Files.writeString(dir.resolve(org.gan4j.core.train.output.MetricsEvaluator.CSV), "epoch,iteration\n0,0\n");
        Files.writeString(dir.resolve(org.gan4j.core.train.output.MetricsEvaluator.JSON), "{}");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        RunConfig empty = new RunConfig("e", 1L, new Fakes.ToyDataSpec(new long[] {2}, 0), new Fakes.LinearGenSpec(2),
                new Fakes.LinearDiscSpec(1.0), new Fakes.BceSpec(), new Fakes.Schedule(8, 1, 0, 1, 1),
                new OptimizerSettings(new SgdSpec(0.05), new SgdSpec(0.05)), OutputSettings.defaults(), null);

        assertThatThrownBy(() -> TrainingRun.run(empty, List.of(), options().withOverwrite(true)))
                .isInstanceOfSatisfying(Gan4jException.class, e -> assertThat(e.getMessage()).contains("toy data is empty"));

        assertThat(dir.resolve(MetricsCsvWriter.FILE)).hasContent("iteration\n1\n");
        assertThat(dir.resolve("samples/epoch-001.png")).hasContent("previous picture");
        assertThat(dir.resolve(org.gan4j.core.train.output.MetricsEvaluator.CSV)).hasContent("epoch,iteration\n0,0\n");
        assertThat(dir.resolve(org.gan4j.core.train.output.MetricsEvaluator.JSON)).hasContent("{}");
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(MetricsCsvWriter.FILE, "samples",
                    org.gan4j.core.train.output.MetricsEvaluator.CSV, org.gan4j.core.train.output.MetricsEvaluator.JSON, "notes.txt");
        }
    }

    @Test
    void aRollbackContinuesMetricsEvalCsvInsteadOfStartingItAgain() throws Exception {
        // Issue 13, bug 2: a rollback (like a resume) rewrote metrics-eval.csv from its header with an
        // evaluation of the restored generator labelled iteration 0.
        RunConfig c = imageConfig("evalroll");
        List<org.gan4j.api.spi.MetricSpec> metrics = List.of(new Fakes.MeanSpec(1));
        RunConfig plain = new RunConfig("evalplain", c.seed(), c.data(), c.generator(), c.discriminator(), c.loss(),
                c.schedule(), c.optimizer(), new OutputSettings("runs", 1, 9, 4, 2, 3, "rollback", 0.5, 1), null, metrics);
        RunConfig rolling = new RunConfig("evalroll", c.seed(), c.data(), c.generator(), c.discriminator(), new Fakes.NanLoss(5),
                c.schedule(), c.optimizer(), new OutputSettings("runs", 1, 9, 4, 2, 3, "rollback", 0.5, 1), null, metrics);
        List<String> reference = Files.readAllLines(TrainingRun.run(plain, List.of(), options())
                .resolve(org.gan4j.core.train.output.MetricsEvaluator.CSV));
        List<String> rows = Files.readAllLines(TrainingRun.run(rolling, List.of(), options())
                .resolve(org.gan4j.core.train.output.MetricsEvaluator.CSV));

        assertThat(rows.get(0)).isEqualTo(org.gan4j.core.train.output.MetricsEvaluator.HEADER);
        // epoch 0 before training, the diverged attempt's end at iteration 4, then epochs 1 and 2 after the rollback
        assertThat(rows.stream().skip(1).map(r -> r.split(",")[0] + "," + r.split(",")[1]))
                .containsExactly("0,0", "1,4", "1,6", "2,12");
        assertThat(rows.get(1)).as("the untrained generator's evaluation is kept").isEqualTo(reference.get(1));
    }

    @Test
    void pointSamplesAreDrawnAsScatterPlots() throws Exception {
        RunConfig points = new RunConfig("pts", 1L, new Fakes.ToyDataSpec(new long[] {2}, 32), new Fakes.LinearGenSpec(2),
                new Fakes.LinearDiscSpec(1.0), new Fakes.BceSpec(), new Fakes.Schedule(8, 1, 0, 1, 1),
                new OptimizerSettings(new SgdSpec(0.05), new SgdSpec(0.05)), OutputSettings.defaults(), null);
        Path dir = TrainingRun.run(points, List.of(), options());
        assertThat(Files.readAllLines(dir.resolve(MetricsCsvWriter.FILE))).hasSize(5);
        for (String png : List.of("samples/epoch-001.png", "samples/final.png")) {
            BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
            assertThat(img.getWidth()).as(png).isEqualTo(org.gan4j.core.image.PointPlot.SIZE);
        }
        assertThat(Files.exists(dir.resolve("samples/progress.gif"))).isTrue();
        Path out = Sampler.sample(dir, 50, 3, base.resolve("points.png"), specReader());
        assertThat(ImageIO.read(out.toFile()).getHeight()).isEqualTo(org.gan4j.core.image.PointPlot.SIZE);
    }

    @Test
    void badInputFromOpeningTheDataComesOutUnwrappedFromGuice() {
        RunConfig empty = new RunConfig("e", 1L, new Fakes.ToyDataSpec(new long[] {2}, 0), new Fakes.LinearGenSpec(2),
                new Fakes.LinearDiscSpec(1.0), new Fakes.BceSpec(), new Fakes.Schedule(8, 1, 0, 1, 1),
                new OptimizerSettings(new SgdSpec(0.05), new SgdSpec(0.05)), OutputSettings.defaults(), null);
        assertThatThrownBy(() -> TrainingRun.run(empty, List.of(), options()))
                .isInstanceOfSatisfying(Gan4jException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(Gan4jException.BAD_INPUT);
                    assertThat(e.getMessage()).isEqualTo("The toy data is empty: set size.");
                });
    }

    @Test
    void samplingADirectoryThatIsNotARunNamesWhatIsMissing() throws Exception {
        Path empty = Files.createDirectories(base.resolve("empty"));
        assertThatThrownBy(() -> Sampler.sample(empty, 4, 1, null, specReader()))
                .isInstanceOfSatisfying(Gan4jException.class, e -> assertThat(e.getMessage())
                        .contains("not a gan4j run directory").contains("generator.zip").contains("manifest.json"));
        Files.writeString(empty.resolve(ManifestWriter.FILE), "{\"status\":\"running\"}");
        assertThatThrownBy(() -> Sampler.sample(empty, 4, 1, null, specReader()))
                .isInstanceOfSatisfying(Gan4jException.class, e -> assertThat(e.getMessage())
                        .contains("no generator.zip").contains("running"));
        Files.writeString(empty.resolve(ModelWriter.GENERATOR), "not a zip");
        assertThatThrownBy(() -> Sampler.sample(empty, 4, 1, null, specReader()))
                .isInstanceOfSatisfying(Gan4jException.class, e -> assertThat(e.getMessage()).contains("generator.zip"));
    }
}

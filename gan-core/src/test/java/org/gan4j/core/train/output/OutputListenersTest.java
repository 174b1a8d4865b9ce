package org.gan4j.core.train.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.gan4j.api.train.IterationStats;
import org.gan4j.api.train.RunInfo;
import org.gan4j.api.train.SampleSource;
import org.gan4j.api.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OutputListenersTest {

    @TempDir
    Path dir;

    private static RunInfo info(long... sampleShape) {
        return new RunInfo(null, null, sampleShape, 8, 10, 100, 10, 1, Instant.EPOCH);
    }

    @Test
    void theGifKeepsAtMostMaxFramesEvenlySpacedOverALongRun() throws Exception {
        SampleImageWriter writer = new SampleImageWriter(dir, 1, null, System.out);
        writer.onStart(info(1, 2, 2));
        INDArray sample = Nd4j.zeros(1, 1, 2, 2);
        SampleSource source = () -> sample;
        for (int epoch = 1; epoch <= 250; epoch++) {
            writer.onEpochEnd(epoch, source);
        }
        // stride 1 up to epoch 101 (thinned to 51 frames), stride 2 up to epoch 201 (thinned to 51), then every 4th: 12 more
        try (ImageInputStream in = ImageIO.createImageInputStream(dir.resolve(SampleImageWriter.GIF).toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(63);
        }
        assertThat(dir.resolve("epoch-250.png")).exists();
    }

    @Test
    void sampleEveryControlsWhichEpochsGetPictures() {
        SampleImageWriter writer = new SampleImageWriter(dir, 3, null, System.out);
        writer.onStart(info(1, 2, 2));
        INDArray sample = Nd4j.zeros(1, 1, 2, 2);
        for (int epoch = 1; epoch <= 7; epoch++) {
            writer.onEpochEnd(epoch, () -> sample);
        }
        writer.onEnd(new TrainingResult(TrainingResult.Status.COMPLETED, 70, 7, Instant.EPOCH, Instant.EPOCH, null), () -> sample);
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("epoch-003.png", "epoch-006.png", "final.png", "progress.gif");
    }

    @Test
    void movingAverageIsTrailingAndSkipsNaN() {
        double[] v = {1, 2, 3, Double.NaN, 5, 6};
        assertThat(LossCurvePlotter.movingAverage(v, 6, 2)).containsExactly(1, 1.5, 2.5, 3, 5, 5.5);
    }

    @Test
    void theFinalLossCurvesAreTheSameWhetherDrawnAheadAtThePlansLastIterationOrAtTheEnd() throws Exception {
        // planned 100: the 100th iteration's stats hand the final picture to the drawer; planned 200, stopped after 100: onEnd draws it
        byte[] ahead = lossCurves(dir.resolve("ahead.png"), 100, 100);
        byte[] atEnd = lossCurves(dir.resolve("at-end.png"), 200, 100);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(ahead)).getHeight()).isEqualTo(760);
        assertThat(ahead).isEqualTo(atEnd);
    }

    private static byte[] lossCurves(Path file, long planned, int iterations) throws Exception {
        LossCurvePlotter plotter = new LossCurvePlotter(file, System.out);
        plotter.onStart(new RunInfo(null, null, new long[] {2}, 8, 10, planned, 10, 1, Instant.EPOCH));
        for (int i = 1; i <= iterations; i++) {
            plotter.onIteration(new IterationStats(i, 1, 1.0 / i, 2 - 1.0 / i, 0.5 + 0.1 * Math.sin(i), 0.25, 1, 1, 0.1, 8));
        }
        plotter.onEnd(new TrainingResult(TrainingResult.Status.COMPLETED, iterations, 1, Instant.EPOCH, Instant.EPOCH, null), null);
        return Files.readAllBytes(file);
    }

    @Test
    void metricsRowsUseFixedFormatting() throws Exception {
        MetricsCsvWriter writer = new MetricsCsvWriter(dir.resolve("m.csv"), 1);
        writer.onStart(info(2));
        writer.onIteration(new IterationStats(1, 1, 0.6931471805599453, 1e-9, 0.5, 0.25, Double.NaN, 12345.678901, 0.1, 8));
        writer.onEnd(null, null);
        assertThat(Files.readAllLines(dir.resolve("m.csv"))).containsExactly(MetricsCsvWriter.HEADER,
                "1,1,0.69314718,1.0000000e-09,0.50000000,0.25000000,NaN,12345.679");
    }

    @Test
    void aResumedCsvKeepsTheRowsUpToTheCheckpointDropsLaterAndPartialOnesAndAppends() throws Exception {
        Path file = dir.resolve("r.csv");
        Files.writeString(file, MetricsCsvWriter.HEADER + "\n1,1,a,0,0,0,0,0\n2,1,b,0,0,0,0,0\n3,1,c,0,0,0,0,0\n4,1,d,0,0,0,0,0\n5,1");
        MetricsCsvWriter writer = new MetricsCsvWriter(file, 100);
        writer.onStart(new RunInfo(null, null, new long[] {2}, 8, 10, 100, 10, 1, Instant.EPOCH, 2, 0));
        writer.onIteration(new IterationStats(3, 1, 1, 2, 0.5, 0.25, 3, 4, 0.1, 8));
        writer.onCheckpoint(3);
        assertThat(Files.readAllLines(file)).containsExactly(MetricsCsvWriter.HEADER, "1,1,a,0,0,0,0,0", "2,1,b,0,0,0,0,0",
                "3,1,1.0000000,2.0000000,0.50000000,0.25000000,3.0000000,4.0000000");
        writer.onEnd(null, null);
    }

    @Test
    void keepingRowsUpToAnIterationReadsTheNamedColumnAndStopsAtAPartialRow() throws Exception {
        Path file = dir.resolve("e.csv");
        Files.writeString(file, "epoch,iteration,v\n0,0,a\n1,6,b\n2,12,c\n1,6");
        CsvLog.keepRowsUpTo(file, List.of("epoch", "iteration", "v"), 1, 6);
        assertThat(Files.readAllLines(file)).containsExactly("epoch,iteration,v", "0,0,a", "1,6,b");
        Files.writeString(file, "epoch,iteration,v\n0,0,a\n1,6");
        CsvLog.keepRowsUpTo(file, List.of("epoch", "iteration", "v"), 1, 100);
        assertThat(Files.readAllLines(file)).containsExactly("epoch,iteration,v", "0,0,a");
        CsvLog.keepRowsUpTo(dir.resolve("missing.csv"), List.of("h"), 0, 1);
        assertThat(Files.readAllLines(dir.resolve("missing.csv"))).containsExactly("h");
    }

    @Test
    void aResumedManifestKeepsTheFirstStartAndListsEachResume() throws Exception {
        Path file = dir.resolve("manifest.json");
        org.gan4j.api.spi.Dataset data = new org.gan4j.api.spi.Dataset() {
            @Override
            public long[] sampleShape() {
                return new long[] {2};
            }

            @Override
            public int size() {
                return 1;
            }

            @Override
            public void fill(int[] indices, int from, int count, org.nd4j.linalg.api.ndarray.INDArray out) {
            }

            @Override
            public java.util.List<Path> files() {
                return java.util.List.of();
            }

            @Override
            public String description() {
                return "none";
            }
        };
        new ManifestWriter(file, "x", "{}", null, data).onStart(new RunInfo(null, null, new long[] {2}, 8, 10, 100, 10, 1,
                Instant.parse("2026-01-01T00:00:00Z")));
        for (long at : new long[] {20, 40}) {
            new ManifestWriter(file, "x", "{}", null, data).onStart(new RunInfo(null, null, new long[] {2}, 8, 10, 100, 10, 1,
                    Instant.parse("2026-01-02T00:00:00Z").plusSeconds(at), at, 0));
        }
        com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        assertThat(m.path("startTime").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(m.path("resumes").findValuesAsText("iteration")).containsExactly("20", "40");
        assertThat(m.path("iterations").asLong()).isEqualTo(40);
    }
}

package com.example.generate;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.gan4j.core.config.RunConfig;
import org.gan4j.embed.Gan4j;
import org.gan4j.embed.Interpolation;
import org.gan4j.embed.SampleRequest;
import org.gan4j.embed.TrainedGenerator;
import org.gan4j.embed.TrainedRun;
import org.gan4j.embed.TrainingSettings;
import org.gan4j.embed.export.OnnxExport;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * gan4j from a Java program, no command line:
 *
 * <pre>
 * java -cp 'target/classes:target/lib/*' com.example.generate.UseAGenerator MNIST_DIR OUT_DIR [ITERATIONS]
 * </pre>
 *
 * MNIST_DIR holds MNIST's IDX files (e.g. ../../../shared/data/mnist); OUT_DIR receives the run and the pictures.
 */
public final class UseAGenerator {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: UseAGenerator MNIST_DIR OUT_DIR [ITERATIONS]");
            System.exit(2);
        }
        Path mnist = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 1500;

        // 1. The plugins on the class path: gan-embed brings the built-in models, losses and datasets.
        Gan4j gan = Gan4j.create();

        // 2. A run config built in code, checked exactly as a YAML file would be.
        RunConfig config = gan.newRun("digits")
                .seed(42)
                .data("mnist", Map.of("path", mnist.toString(), "split", "test"))
                .generator("mlp", Map.of("latentSize", 64, "hidden", List.of(128, 256, 512)))
                .discriminator("mlp", Map.of("hidden", List.of(512, 256, 128)))
                .loss("non-saturating", Map.of("realLabel", 0.9))
                .schedule("alternating", Map.of("iterations", iterations, "batchSize", 64))
                .build();

        // 3. Train into OUT_DIR/digits (metrics.csv, samples/, manifest.json, generator.zip, ...).
        TrainedRun run = gan.train(config, TrainingSettings.defaults().withOutputRoot(out).withOverwrite(true));
        System.out.println("trained: " + run);

        // 4. Load the trained generator: from the run directory (or its generator.zip).
        TrainedGenerator generator = gan.load(run.directory());
        System.out.println("loaded: " + generator);

        // 5. Samples from a seed: as pictures, as floats, as one grid.
        SampleRequest sixteen = SampleRequest.of(16).withSeed(7);
        List<BufferedImage> digits = generator.sampleImages(sixteen);
        for (int i = 0; i < 4; i++) {
            ImageIO.write(digits.get(i), "png", out.resolve("digit-" + i + ".png").toFile());
        }
        float[] values = generator.sampleFloats(sixteen);
        ImageIO.write(generator.sampleGrid(sixteen), "png", out.resolve("grid-seed-7.png").toFile());
        System.out.println("sampled: " + digits.size() + " images of " + digits.get(0).getWidth() + "x" + digits.get(0).getHeight()
                + ", " + values.length + " floats");

        // 6. Interpolate between two latents and draw the path.
        INDArray ends = generator.latents(2, 3);
        INDArray path = generator.interpolate(ends.get(NDArrayIndex.point(0)), ends.get(NDArrayIndex.point(1)), 9,
                Interpolation.SPHERICAL);
        INDArray morph = generator.generate(path);
        ImageIO.write(org.gan4j.core.image.ImageGrid.render(morph), "png", out.resolve("interpolation.png").toFile());
        System.out.println("interpolated: " + morph.size(0) + " steps");

        // 7. Sampling is thread-safe: four threads at once give what one thread gives.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<INDArray>> futures = new ArrayList<>();
        for (int seed = 0; seed < 8; seed++) {
            long s = seed;
            futures.add(pool.submit(() -> generator.sample(SampleRequest.of(32).withSeed(s).withBatchSize(8))));
        }
        boolean same = true;
        for (int seed = 0; seed < 8; seed++) {
            same &= futures.get(seed).get().equals(generator.sample(SampleRequest.of(32).withSeed(seed).withBatchSize(8)));
        }
        pool.shutdown();
        System.out.println("concurrent sampling equals sequential: " + same);

        // 8. Export for other runtimes.
        Path onnx = out.resolve("digits.onnx");
        OnnxExport.write(generator.network(), "the digits generator", onnx);
        System.out.println("exported: " + onnx.getFileName() + " (ONNX opset " + OnnxExport.OPSET + ")");
        if (!same) {
            System.exit(1);
        }
    }

    private UseAGenerator() {
    }
}

package org.gan4j.data.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.gan4j.api.spi.DataContext;
import org.gan4j.core.data.BatchStream;
import org.gan4j.data.celeba.CelebaDatasetSpec;
import org.gan4j.data.images.ImageDataset;
import org.gan4j.data.images.ImageLoader;
import org.gan4j.data.images.TestImages;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Not a test: measures CelebA-style decoding (178x218 JPEG to 3x64x64 in [-1, 1]) in images/s, with
 * 1 and 2 decoding threads, on generated face-sized JPEGs (smooth shading plus noise, about the
 * size of CelebA's files). Run with the test class path, e.g.
 * {@code java -cp ... org.gan4j.data.bench.ImageThroughput [dir] [images]}.
 */
public final class ImageThroughput {

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("gan4j-celeba-bench");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        Path images = root.resolve("img_align_celeba");
        long bytes = 0;
        for (int i = 1; i <= count; i++) {
            Path file = images.resolve(String.format("%06d.jpg", i));
            if (!Files.exists(file)) {
                int phase = i;
                SplittableRandom random = new SplittableRandom(i);
                int base = random.nextInt(0x1000000);
                TestImages.jpeg(file, TestImages.rgb(TestImages.WIDTH, TestImages.HEIGHT, (x, y) -> {
                    int shade = (int) (60 * Math.sin((x + phase) / 23.0) + 50 * Math.cos((y * 1.3 + phase) / 31.0));
                    int r = clamp((base >> 16 & 0xff) / 2 + shade + random.nextInt(24));
                    int g = clamp((base >> 8 & 0xff) / 2 + shade + random.nextInt(24));
                    int b = clamp((base & 0xff) / 2 + shade + random.nextInt(24));
                    return r << 16 | g << 8 | b;
                }));
            }
            bytes += Files.size(file);
        }
        System.out.printf("%d JPEGs of 178x218 in %s, %.1f KB on average%n", count, images, bytes / 1024.0 / count);

        // CPU time of this thread, so the figure holds on a busy machine; wall-clock rates follow
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        ImageLoader loader = new ImageLoader(64, 3);
        for (int round = 0; round < 3; round++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                try {
                    loader.load(images.resolve(String.format("%06d.jpg", i)));
                } catch (ImageLoader.UnreadableImageException e) {
                    throw new IllegalStateException(e);
                }
            }
            double cpuMs = (cpu.getCurrentThreadCpuTime() - c0) / 1e6 / count;
            System.out.printf("round %d: decode+resize+crop %.2f ms CPU per image (%.0f images/s per busy core), %.2f ms wall%n",
                    round, cpuMs, 1000 / cpuMs, (System.nanoTime() - w0) / 1e6 / count);
        }
        for (int threads : new int[] {1, 2}) {
            CelebaDatasetSpec spec = new CelebaDatasetSpec(root.toString(), 64, "all", 0, null, threads, false);
            try (ImageDataset d = (ImageDataset) spec.open(new DataContext(Path.of("."), System.out::println));
                 BatchStream s = new BatchStream(d, 128, 42, DataType.FLOAT, false)) {
                for (int round = 0; round < 3; round++) {
                    int batches = Math.max(1, count / 128) * 2;
                    long t0 = System.nanoTime();
                    for (int b = 0; b < batches; b++) {
                        s.next();
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("threads %d round %d: %.0f images/s through fill (batches of 128, %.0f ms per batch)%n",
                            threads, round, batches * 128 / seconds, seconds * 1e3 / batches);
                }
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}

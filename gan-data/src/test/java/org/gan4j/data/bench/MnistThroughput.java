package org.gan4j.data.bench;

import java.nio.file.Path;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.core.data.BatchStream;
import org.gan4j.data.SharedData;
import org.gan4j.data.mnist.MnistDatasetSpec;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Not a test: measures how fast batches of 64 are filled from the real MNIST test split, with and
 * without prefetch, alone and next to a simulated training step (a busy wait). Run with the test
 * class path, e.g. {@code java -cp ... org.gan4j.data.bench.MnistThroughput [stepMicros]}.
 */
public final class MnistThroughput {

    public static void main(String[] args) {
        long stepMicros = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        Path mnist = SharedData.dir().orElseThrow(() -> new IllegalStateException("set GAN4J_DATA")).resolve("mnist");
        long t0 = System.nanoTime();
        Dataset d = MnistDatasetSpec.of(mnist.toString(), "test").open(new DataContext(Path.of("."), System.out::println));
        System.out.printf("open (gunzip + checks) of %s: %.0f ms%n", d.description(), (System.nanoTime() - t0) / 1e6);
        for (int round = 0; round < 3; round++) {
            for (boolean prefetch : new boolean[] {false, true}) {
                try (BatchStream s = new BatchStream(d, 64, 42, DataType.FLOAT, prefetch)) {
                    int batches = 20_000;
                    long start = System.nanoTime();
                    double sink = 0;
                    for (int b = 0; b < batches; b++) {
                        sink += s.next().features().getFloat(0, 0, 14, 14);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("round %d prefetch=%-5s  drawing only: %,.0f images/s (%.1f us/batch)%s%n", round, prefetch,
                            batches * 64 / seconds, seconds / batches * 1e6, sink == 1e300 ? "!" : "");
                }
            }
            for (boolean prefetch : new boolean[] {false, true}) {
                try (BatchStream s = new BatchStream(d, 64, 42, DataType.FLOAT, prefetch)) {
                    int batches = 1000;
                    long start = System.nanoTime();
                    for (int b = 0; b < batches; b++) {
                        s.next();
                        long until = System.nanoTime() + stepMicros * 1000;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("round %d prefetch=%-5s  with a %d us step: %.1f us/batch, %.1f us over the step%n", round,
                            prefetch, stepMicros, seconds / batches * 1e6, seconds / batches * 1e6 - stepMicros);
                }
            }
        }
    }
}

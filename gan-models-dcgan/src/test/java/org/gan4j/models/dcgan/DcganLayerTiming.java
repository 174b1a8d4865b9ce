package org.gan4j.models.dcgan;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.nn.Layer;
import org.gan4j.api.nn.LayerPass;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.ModelContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Not a test: the thread CPU time per layer of the dcgan-mnist32 (or celeba64) networks' forward and
 * backward (batch 64) in one iteration's order: G, D on real and fake, D again for the G step
 * (input gradient only).
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp ... org.gan4j.models.dcgan.DcganLayerTiming [iters] [celeba64|infogan]}
 * (the second argument switches to dcgan-celeba64's 3x64x64 images, batch 128, or to the quickstart's
 * infogan pair: 1x28x28, latent 64, ngf/ndf 32, 512 dense units, batch 64); {@code -Dwall=true} for wall time.
 */
public final class DcganLayerTiming {

    private DcganLayerTiming() {
    }

    public static void main(String[] args) {
        int iters = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        boolean celeba = args.length > 1 && args[1].startsWith("celeba");
        boolean infogan = args.length > 1 && args[1].equals("infogan");
        long[] image = celeba ? new long[] {3, 64, 64} : infogan ? new long[] {1, 28, 28} : new long[] {1, 32, 32};
        int batch = celeba ? 128 : 64;
        ModelContext c = new ModelContext(image, DataType.FLOAT, 1);
        Sequential g = infogan ? new InfoganGeneratorSpec(64, 32, 512, null).network(c) : DcganGeneratorSpec.defaults().network(c);
        Sequential d = infogan ? new InfoganDiscriminatorSpec(32, 512, null).network(c) : DcganDiscriminatorSpec.defaults().network(c);
        Map<String, long[]> times = new LinkedHashMap<>();
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        INDArray z = infogan ? Nd4j.randn(DataType.FLOAT, batch, 64) : Nd4j.randn(DataType.FLOAT, batch, 100, 1, 1);
        INDArray real = Nd4j.rand(DataType.FLOAT, batch, image[0], image[1], image[2]);
        List<LayerPass> gp = passes(g);
        List<LayerPass> dp = passes(d);
        for (int it = 0; it < iters + 2; it++) {
            boolean record = it >= 2;
            INDArray fake = run(g, gp, z, true, record, times, bean, "G ");
            run(d, dp, real, true, record, times, bean, "D ");
            run(d, dp, fake, true, record, times, bean, "D ");
            run(d, dp, fake, false, record, times, bean, "D (G step) ");
        }
        System.out.printf("%-28s %8s %8s  (ms per iteration; process: CPU time of all threads)%n", "", Boolean.getBoolean("wall") ? "wall" : "thread", "process");
        times.forEach((k, v) -> System.out.printf("%-28s %8.1f %8.1f%n", k, v[0] / 1e6 / iters, v[1] / 1e6 / iters));
        System.out.printf("%-28s %8.1f %8.1f%n", "total", times.values().stream().mapToLong(v -> v[0]).sum() / 1e6 / iters,
                times.values().stream().mapToLong(v -> v[1]).sum() / 1e6 / iters);
    }

    private static List<LayerPass> passes(Sequential net) {
        return net.layers().stream().map(l -> l.newPass(net.random())).toList();
    }

    /** Forward then backward through all layers, without the first layer's input gradient, as in training. */
    private static INDArray run(Sequential net, List<LayerPass> passes, INDArray input, boolean parameterGradients,
                                boolean record, Map<String, long[]> times, ThreadMXBean bean, String prefix) {
        INDArray out = null;
        {
            INDArray x = input;
            for (int i = 0; i < passes.size(); i++) {
                long t = now(bean);
                long p = processCpu();
                x = passes.get(i).forward(x, true);
                add(times, prefix + i + " " + name(net.layers().get(i)) + " fwd", now(bean) - t, processCpu() - p, record);
            }
            out = x;
            INDArray gr = Nd4j.onesLike(x);
            for (int i = passes.size() - 1; i >= 0; i--) {
                long t = now(bean);
                long p = processCpu();
                gr = passes.get(i).backward(gr, parameterGradients, i > 0 || !parameterGradients);
                add(times, prefix + i + " " + name(net.layers().get(i)) + " bwd", now(bean) - t, processCpu() - p, record);
            }
        }
        return out;
    }

    /** Thread CPU time, or wall time with {@code -Dwall=true}. */
    private static long now(ThreadMXBean bean) {
        return Boolean.getBoolean("wall") ? System.nanoTime() : bean.getCurrentThreadCpuTime();
    }

    private static String name(Layer l) {
        return l.getClass().getSimpleName();
    }

    /** CPU time of the whole process (every thread: the caller and ND4J's, oneDNN's and OpenBLAS's workers). */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void add(Map<String, long[]> times, String key, long ns, long processNs, boolean record) {
        if (record) {
            long[] v = times.computeIfAbsent(key, k -> new long[2]);
            v[0] += ns;
            v[1] += processNs;
        }
    }
}

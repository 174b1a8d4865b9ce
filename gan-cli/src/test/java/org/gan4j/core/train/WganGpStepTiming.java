package org.gan4j.core.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.gan4j.api.nn.Conv2d;
import org.gan4j.api.nn.Dense;
import org.gan4j.api.nn.Layer;
import org.gan4j.api.nn.LayerPass;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.nn.Pass;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.nn.kernel.ComputeThreads;
import org.gan4j.api.nn.kernel.Norms;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.LossResult;
import org.gan4j.api.spi.ModelContext;
import org.gan4j.api.spi.Optimizer;
import org.gan4j.core.optim.AdamSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.spi.Loss;
import org.gan4j.core.plugin.PluginLoader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Not a test: where one {@code wgan-gp-*} bench iteration's time goes (one critic step with the
 * gradient penalty at interpolates, one generator step), in the order {@link GanStep} runs it, with
 * the critic's layers wrapped so that each layer's forward, backward and tangent sweeps are timed
 * per phase. Thread CPU time by default (robust to a loaded machine), {@code -Dwall=true} for wall time.
 * In gan-cli's tests because it needs the model plugins; in {@code core.train}'s package because it
 * runs the package-private {@link GradientPenaltyTerms}, as the trainer does.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp gan-cli/target/test-classes:gan-cli/target/lib/*:gan-cli/target/classes
 * org.gan4j.core.train.WganGpStepTiming mlp|mnist32 [iters]}
 */
public final class WganGpStepTiming {

    private static final int BATCH = 64;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final LongSupplier CLOCK = Boolean.getBoolean("wall") ? System::nanoTime : THREADS::getCurrentThreadCpuTime;
    /** Accumulated nanoseconds per "phase | part", in first-seen order. */
    private static final Map<String, long[]> TOTALS = new LinkedHashMap<>();
    private static String phase = "";
    private static boolean recording;

    private WganGpStepTiming() {
    }

    private static void add(String part, long nanos) {
        if (recording) {
            TOTALS.computeIfAbsent(phase + " | " + part, k -> new long[1])[0] += nanos;
        }
    }

    /** Runs {@code body} and books its time under {@code part}, minus what the layers booked meanwhile. */
    private static <T> T timed(String part, java.util.function.Supplier<T> body) {
        long layerBefore = layerNanos;
        long t = CLOCK.getAsLong();
        T r = body.get();
        long spent = CLOCK.getAsLong() - t;
        add(part, spent - (layerNanos - layerBefore));
        layerNanos = layerBefore + spent;
        return r;
    }

    private static long layerNanos;

    /** A layer whose passes book their time under its name. */
    private record Timed(String name, Layer layer) implements Layer {
        @Override
        public long[] inputShape() {
            return layer.inputShape();
        }

        @Override
        public long[] outputShape() {
            return layer.outputShape();
        }

        @Override
        public void declareParameters(Parameters.Builder builder, String prefix) {
            layer.declareParameters(builder, prefix);
        }

        @Override
        public void initialise(Random random) {
            layer.initialise(random);
        }

        @Override
        public Optional<String> doubleBackwardRefusal() {
            return layer.doubleBackwardRefusal();
        }

        @Override
        public LayerPass newPass(Random random) {
            LayerPass p = layer.newPass(random);
            return new LayerPass() {
                private INDArray time(String what, java.util.function.Supplier<INDArray> body) {
                    long t = CLOCK.getAsLong();
                    INDArray r = body.get();
                    long spent = CLOCK.getAsLong() - t;
                    add(name + " " + what, spent);
                    layerNanos += spent;
                    return r;
                }

                @Override
                public INDArray forward(INDArray x, boolean training) {
                    return time("forward", () -> p.forward(x, training));
                }

                @Override
                public INDArray backward(INDArray g, boolean parameterGradients, boolean inputGradient) {
                    return time("backward" + (parameterGradients ? " dW" : "") + (inputGradient ? " dx" : ""),
                            () -> p.backward(g, parameterGradients, inputGradient));
                }

                @Override
                public INDArray tangentForward(INDArray t, boolean parameterGradients, boolean outputTangent) {
                    return time("tangentForward" + (outputTangent ? " Jt" : ""), () -> p.tangentForward(t, parameterGradients, outputTangent));
                }

                @Override
                public INDArray tangentBackward(INDArray r, boolean parameterGradients, boolean inputGradient) {
                    return time("tangentBackward", () -> p.tangentBackward(r, parameterGradients, inputGradient));
                }
            };
        }
    }

    private static Function<long[], Layer> timed(String name, Function<long[], Layer> factory) {
        return in -> new Timed(name, factory.apply(in));
    }

    private static Discriminator mlpCritic(ModelContext context) {
        Sequential.Builder b = Sequential.builder(784);
        int[] sizes = {1024, 512, 256};
        for (int i = 0; i < sizes.length; i++) {
            int units = sizes[i];
            b.add(timed("dense" + i, in -> new Dense(in, units)));
            b.add(timed("lrelu" + i, in -> new org.gan4j.api.nn.LeakyRelu(in, 0.2)));
        }
        b.add(timed("dense3", in -> new Dense(in, 1)));
        return Discriminator.of(b.build(context.dataType(), context.seed()));
    }

    private static Discriminator dcganCritic(ModelContext context) {
        Sequential.Builder b = Sequential.builder(1, 32, 32);
        int[] maps = {64, 128, 256};
        for (int i = 0; i < maps.length; i++) {
            int m = maps[i];
            b.add(timed("conv" + i, in -> new Conv2d(in, m, 4, 2, 1)));
            b.add(timed("lrelu" + i, in -> new org.gan4j.api.nn.LeakyRelu(in, 0.2)));
        }
        b.add(timed("conv3", in -> new Conv2d(in, 1, 4, 1, 0)));
        return Discriminator.of(b.flatten().build(context.dataType(), context.seed()));
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "mlp";
        boolean mlp = which.equals("mlp");
        int iters = args.length > 1 ? Integer.parseInt(args[1]) : (mlp ? 100 : 10);
        ComputeThreads.configure(Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "1")));
        ModelContext context = new ModelContext(mlp ? new long[] {784} : new long[] {1, 32, 32}, DataType.FLOAT, 0);
        ObjectMapper json = PluginLoader.load(WganGpStepTiming.class.getClassLoader(), java.util.List.of()).jsonMapper();
        // The bench workloads' generators (org.gan4j.cli.bench.Workload).
        Generator g = json.readValue(mlp
                ? "{\"type\":\"mlp\",\"latentSize\":100,\"hidden\":[256,512,1024],\"leakySlope\":0.2,\"dropout\":0.0,\"noise\":\"normal\"}"
                : "{\"type\":\"dcgan\",\"latentSize\":100,\"ngf\":64,\"imageSize\":32,\"channels\":1}", GeneratorSpec.class).build(context);
        Discriminator d = mlp ? mlpCritic(context) : dcganCritic(context);
        Loss loss = json.readValue("{\"type\":\"wasserstein-gp\",\"lambda\":10}", Loss.class);
        AdamSpec adam = new AdamSpec(1e-4, 0.0, 0.9, 1e-8);
        Optimizer gOpt = adam.create(g.parameters());
        Optimizer dOpt = adam.create(d.parameters());
        GradientPenaltyTerms penalties = GradientPenaltyTerms.of(loss, d);
        Pass gPass = g.newPass();
        Pass dReal = d.newPass();
        Pass dFake = d.newPass();
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(7);
        INDArray z = Nd4j.create(DataType.FLOAT, mlp ? new long[] {BATCH, 100} : new long[] {BATCH, 100, 1, 1});
        INDArray real = Nd4j.rand(DataType.FLOAT, mlp ? new long[] {BATCH, 784} : new long[] {BATCH, 1, 32, 32}).muli(2).subi(1);
        double[] iterationMs = new double[iters];
        int warmup = mlp ? 20 : 3;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long processCpu = 0;
        long wall = 0;
        for (int i = -warmup; i < iters; i++) {
            recording = i >= 0;
            if (i == 0) {
                processCpu = os.getProcessCpuTime();
                wall = System.nanoTime();
            }
            long start = CLOCK.getAsLong();
            phase = "D step";
            d.parameters().zeroGradients();
            INDArray realOut = timed("(trainer)", () -> dReal.forward(real, true));
            timed("noise", () -> {
                g.noise().sample(z, rng);
                return null;
            });
            phase = "D step: G forward";
            INDArray fake = timed("(G)", () -> gPass.forward(z, true));
            phase = "D step";
            INDArray fakeOut = timed("(trainer)", () -> dFake.forward(fake, true));
            LossResult r = timed("loss", () -> loss.discriminatorLoss(realOut, fakeOut));
            timed("(trainer)", () -> dFake.backward(r.fakeGradient(), true, false));
            timed("(trainer)", () -> dReal.backward(r.realGradient(), true, false));
            phase = "D step: penalty";
            long step = dOpt.steps();
            timed("interpolate, evaluate, rest", () -> penalties.apply(step, real, null, dReal, fake, dFake, rng, (q, v) -> { }));
            phase = "D step";
            timed("gradient norm", () -> Norms.euclidean(d.parameters().gradients()));
            timed("adam", () -> {
                dOpt.step();
                return null;
            });
            phase = "G step";
            g.parameters().zeroGradients();
            INDArray s = timed("(trainer)", () -> dFake.forward(fake, true));
            LossResult gr = timed("loss", () -> loss.generatorLoss(s));
            INDArray dx = timed("(trainer)", () -> dFake.backward(gr.fakeGradient(), false));
            phase = "G step: G backward";
            timed("(G)", () -> gPass.backward(dx, true, false));
            phase = "G step";
            timed("gradient norm", () -> Norms.euclidean(g.parameters().gradients()));
            timed("adam", () -> {
                gOpt.step();
                return null;
            });
            if (i >= 0) {
                iterationMs[i] = (CLOCK.getAsLong() - start) / 1e6;
            }
        }
        processCpu = os.getProcessCpuTime() - processCpu;
        wall = System.nanoTime() - wall;
        double[] sorted = iterationMs.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "wgan-gp-%s, %d iterations, %s ms: median %.2f, mean %.2f%n", which, iters,
                Boolean.getBoolean("wall") ? "wall" : "thread CPU", sorted[iters / 2], Arrays.stream(iterationMs).average().orElse(0));
        System.out.printf(Locale.ROOT, "per iteration: process CPU (all threads) %.2f ms, wall %.2f ms%n", processCpu / 1e6 / iters,
                wall / 1e6 / iters);
        Map<String, Double> byPhase = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : TOTALS.entrySet()) {
            double ms = e.getValue()[0] / 1e6 / iters;
            byPhase.merge(e.getKey().substring(0, e.getKey().indexOf(" | ")), ms, Double::sum);
            System.out.printf(Locale.ROOT, "| %s | %.2f |%n", e.getKey(), ms);
        }
        byPhase.forEach((k, v) -> System.out.printf(Locale.ROOT, "| **%s** | **%.2f** |%n", k, v));
    }
}

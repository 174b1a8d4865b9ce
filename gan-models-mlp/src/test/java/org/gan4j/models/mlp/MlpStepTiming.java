package org.gan4j.models.mlp;

import java.util.Arrays;
import java.util.List;
import org.gan4j.api.nn.Pass;
import org.gan4j.api.nn.kernel.ComputeThreads;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.ModelContext;
import org.gan4j.api.spi.Optimizer;
import org.gan4j.core.optim.AdamSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Not a test: times one MLP GAN iteration (a discriminator step and a generator step, Adam,
 * BCE-with-logits gradients inline) like shared/bench/torch_reference.py, and prints median ms.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp ... org.gan4j.models.mlp.MlpStepTiming [iters] [threads] [--sections]}
 */
public final class MlpStepTiming {

    private static final int BATCH = 64;
    private static final int SECTIONS = 6;
    private static final String[] SECTION_NAMES = {"D fwd real", "G fwd", "D fwd fake + bwd x2", "D adam", "G step: D fwd+bwd", "G bwd+adam"};

    private final Generator g;
    private final Discriminator d;
    private final Optimizer gOpt;
    private final Optimizer dOpt;
    private final Pass gPass;
    private final Pass dReal;
    private final Pass dFake;
    private final Pass dForG;
    private final INDArray real;
    private final INDArray z;
    private final INDArray grad;
    private final Random rng = Nd4j.getRandomFactory().getNewRandomInstance(99);
    private final long[] sectionNanos = new long[SECTIONS];

    private MlpStepTiming(int h) {
        ModelContext context = new ModelContext(new long[] {784}, DataType.FLOAT, 0);
        g = new MlpGeneratorSpec(100, List.of(h, 2 * h, 4 * h), 0.2, 0.3, null).build(context);
        d = new MlpDiscriminatorSpec(List.of(4 * h, 2 * h, h), 0.2, 0.3).build(context);
        AdamSpec adam = new AdamSpec(2e-4, 0.5, 0.999, 1e-8);
        gOpt = adam.create(g.parameters());
        dOpt = adam.create(d.parameters());
        gPass = g.newPass();
        dReal = d.newPass();
        dFake = d.newPass();
        dForG = d.newPass();
        real = Nd4j.rand(DataType.FLOAT, BATCH, 784).muli(2).subi(1);
        z = Nd4j.createUninitialized(DataType.FLOAT, BATCH, 100);
        grad = Nd4j.createUninitialized(DataType.FLOAT, BATCH, 1);
    }

    /** dBCEWithLogits(mean over the batch)/dScore = (sigmoid(s) - target) / batch, into {@code grad}. */
    private INDArray bceGrad(INDArray scores, double target) {
        Nd4j.getExecutioner().exec(new Sigmoid(scores, grad));
        return grad.subi(target).divi(BATCH);
    }

    private void iteration(boolean sections) {
        long t0 = System.nanoTime();
        d.parameters().zeroGradients();
        INDArray sReal = dReal.forward(real, true);
        g.noise().sample(z, rng);
        long t1 = System.nanoTime();
        INDArray fake = gPass.forward(z, true);
        long t2 = System.nanoTime();
        INDArray sFake = dFake.forward(fake, true);
        // Real and fake gradients share one buffer: back-propagate each right after computing it.
        dReal.backward(bceGrad(sReal, 0.9), true, false);
        dFake.backward(bceGrad(sFake, 0.0), true, false);
        long t3 = System.nanoTime();
        dOpt.step();
        long t4 = System.nanoTime();
        g.parameters().zeroGradients();
        INDArray s = dForG.forward(fake, true);
        INDArray dFakeInput = dForG.backward(bceGrad(s, 1.0), false, true);
        long t5 = System.nanoTime();
        gPass.backward(dFakeInput, true, false);
        gOpt.step();
        long t6 = System.nanoTime();
        if (sections) {
            sectionNanos[0] += t1 - t0;
            sectionNanos[1] += t2 - t1;
            sectionNanos[2] += t3 - t2;
            sectionNanos[3] += t4 - t3;
            sectionNanos[4] += t5 - t4;
            sectionNanos[5] += t6 - t5;
        }
    }

    private double run(String name, int warmup, int iters, boolean sections) {
        for (int i = 0; i < warmup; i++) {
            iteration(false);
        }
        double[] ms = new double[iters];
        for (int i = 0; i < iters; i++) {
            long t = System.nanoTime();
            iteration(sections);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[iters / 2];
        System.out.printf("%s batch=%d median_ms_per_iter=%.2f p10=%.2f p90=%.2f images_per_s=%.0f%n",
                name, BATCH, median, ms[iters / 10], ms[iters * 9 / 10], BATCH / median * 1000);
        if (sections) {
            StringBuilder sb = new StringBuilder("  mean ms:");
            for (int i = 0; i < SECTIONS; i++) {
                sb.append(String.format(" %s=%.2f", SECTION_NAMES[i], sectionNanos[i] / 1e6 / iters));
            }
            System.out.println(sb);
        }
        return median;
    }

    public static void main(String[] args) {
        int iters = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        boolean sections = Arrays.asList(args).contains("--sections");
        boolean exact = ComputeThreads.configure(threads);
        System.out.println("threads: " + ComputeThreads.describe() + (exact ? "" : " (set OMP_NUM_THREADS before start-up)") + ", blas vendor " + Nd4j.factory().blas().getBlasVendor());
        new MlpStepTiming(32).run("mlp-seed", 50, iters, sections);
        new MlpStepTiming(256).run("mlp-wide", 20, iters, sections);
    }
}

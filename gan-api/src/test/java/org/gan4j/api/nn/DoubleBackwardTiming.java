package org.gan4j.api.nn;

import java.util.Arrays;
import java.util.Locale;
import org.gan4j.api.nn.Pass;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Not a test: the cost of double back-propagation on the two WGAN-GP bench critics (float, batch
 * 64): median ms of an ordinary discriminator batch (forward, backward into the parameters) beside
 * a penalty batch (forward, input backward, penalty, {@link Pass#doubleBackward}).
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp ... org.gan4j.api.nn.DoubleBackwardTiming [iters]}
 */
public final class DoubleBackwardTiming {

    private DoubleBackwardTiming() {
    }

    public static void main(String[] args) {
        int iters = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Sequential mlp = Sequential.builder(784).dense(1024).leakyRelu(0.2).dense(512).leakyRelu(0.2).dense(256).leakyRelu(0.2)
                .dense(1).build(DataType.FLOAT, 1);
        Sequential dcgan = Sequential.builder(1, 32, 32)
                .add(in -> new Conv2d(in, 64, 4, 2, 1)).leakyRelu(0.2)
                .add(in -> new Conv2d(in, 128, 4, 2, 1)).leakyRelu(0.2)
                .add(in -> new Conv2d(in, 256, 4, 2, 1)).leakyRelu(0.2)
                .add(in -> new Conv2d(in, 1, 4, 1, 0)).flatten().build(DataType.FLOAT, 1);
        time("wgan-gp-mlp critic", mlp, new long[] {64, 784}, iters);
        time("wgan-gp-mnist32 critic", dcgan, new long[] {64, 1, 32, 32}, Math.max(5, iters / 5));
    }

    private static void time(String name, Sequential net, long[] shape, int iters) {
        INDArray x = Nd4j.rand(DataType.FLOAT, shape).muli(2).subi(1);
        INDArray ones = Nd4j.ones(DataType.FLOAT, shape[0], 1);
        INDArray dLoss = ones.div(shape[0]);
        Pass pass = net.newPass();
        GradientCheck.InputGradientFunction penalty = GradientCheck.InputGradientFunction.unitNormPenalty();
        double[][] t = new double[6][iters];
        for (int i = -3; i < iters; i++) {
            long a = System.nanoTime();
            pass.forward(x, true);
            pass.backward(dLoss, true, false);
            long b = System.nanoTime();
            pass.forward(x, true);
            long c = System.nanoTime();
            INDArray g = pass.backward(ones, false, true);
            long d = System.nanoTime();
            INDArray cg = penalty.gradient().apply(g);
            long e = System.nanoTime();
            ((LayerPass) pass).tangentForward(cg, true, false);
            long f = System.nanoTime();
            ((LayerPass) pass).tangentBackward(null, true, false);
            long h = System.nanoTime();
            if (i >= 0) {
                t[0][i] = (b - a) / 1e6;
                t[1][i] = (c - b) / 1e6;
                t[2][i] = (d - c) / 1e6;
                t[3][i] = (e - d) / 1e6;
                t[4][i] = (f - e) / 1e6;
                t[5][i] = (h - f) / 1e6;
            }
        }
        String[] names = {"first order fwd+bwd", "penalty: forward", "input backward", "penalty gradient", "tangent sweep", "tangent backward sweep"};
        System.out.printf(Locale.ROOT, "%s, %d iterations, median ms:%n", name, iters);
        double total = 0;
        for (int k = 0; k < 6; k++) {
            double[] s = t[k].clone();
            Arrays.sort(s);
            double m = s[s.length / 2];
            if (k > 0) {
                total += m;
            }
            System.out.printf(Locale.ROOT, "  %-24s %8.2f%n", names[k], m);
        }
        System.out.printf(Locale.ROOT, "  %-24s %8.2f%n", "penalty batch total", total);
    }
}

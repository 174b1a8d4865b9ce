package org.gan4j.testkit;

import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Numerical gradients by central differences, for checking hand-written gradients in double precision. */
public final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /**
     * {@code (f(x + h e_i) - f(x - h e_i)) / 2h} for every element {@code i} of {@code x}; {@code x}
     * itself is not modified (each evaluation gets a perturbed copy).
     */
    public static double[] gradient(ToDoubleFunction<INDArray> f, INDArray x, double h) {
        double[] grad = new double[Math.toIntExact(x.length())];
        for (int i = 0; i < grad.length; i++) {
            INDArray plus = x.dup();
            plus.putScalar(i, x.getDouble(i) + h);
            INDArray minus = x.dup();
            minus.putScalar(i, x.getDouble(i) - h);
            grad[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
        }
        return grad;
    }
}

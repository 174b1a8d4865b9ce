package org.gan4j.core.metrics.classifier;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Fréchet distance between two Gaussians (Dowson and Landau 1982; FID of Heusel et al. 2017):
 * {@code ||mu1 - mu2||² + Tr(S1 + S2 - 2 (S1 S2)^½)}, in double precision.
 *
 * <p>{@code Tr((S1 S2)^½)} is computed without a non-symmetric matrix square root: {@code S1 S2} is
 * similar to the symmetric positive semi-definite {@code S1^½ S2 S1^½}, so its square root's trace is
 * the sum of the square roots of that matrix's eigenvalues (negative round-off clamped to 0). The
 * symmetric eigendecompositions are LAPACK's {@code dsyev} through ND4J: Commons Math's
 * {@code EigenDecomposition} failed to converge on the product for an untrained generator, whose
 * images leave most features constant (96 of 128 with zero variance).
 */
public final class FrechetDistance {

    private FrechetDistance() {
    }

    /** Mean and covariance of a set of feature vectors. */
    public record Gaussian(double[] mean, double[][] covariance) {

        /** Dimension of the feature space. */
        public int dimension() {
            return mean.length;
        }
    }

    /**
     * Sample mean and unbiased covariance ({@code n - 1}, as numpy's {@code cov}) of {@code features [n][d]}, n ≥ 2.
     */
    public static Gaussian fit(double[][] features) {
        int n = features.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 feature vectors, got " + n);
        }
        int d = features[0].length;
        double[] mean = new double[d];
        for (double[] f : features) {
            for (int j = 0; j < d; j++) {
                mean[j] += f[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (double[] f : features) {
            for (int j = 0; j < d; j++) {
                centred[j] = f[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                if (ca == 0) {
                    continue;
                }
                double[] row = cov[a];
                for (int b = a; b < d; b++) {
                    row[b] += ca * centred[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= n - 1;
                cov[b][a] = cov[a][b];
            }
        }
        return new Gaussian(mean, cov);
    }

    /** The Fréchet distance between two Gaussians of the same dimension (≥ 0 up to round-off). */
    public static double distance(Gaussian a, Gaussian b) {
        int d = a.dimension();
        if (b.dimension() != d) {
            throw new IllegalArgumentException("dimensions differ: " + d + " and " + b.dimension());
        }
        double meanTerm = 0;
        for (int j = 0; j < d; j++) {
            double diff = a.mean()[j] - b.mean()[j];
            meanTerm += diff * diff;
        }
        double trace = 0;
        for (int j = 0; j < d; j++) {
            trace += a.covariance()[j][j] + b.covariance()[j][j];
        }
        return meanTerm + trace - 2 * traceSqrtProduct(a.covariance(), b.covariance());
    }

    /** {@code Tr((S1 S2)^½)} for symmetric positive semi-definite S1, S2. */
    static double traceSqrtProduct(double[][] s1, double[][] s2) {
        INDArray root = sqrtPsd(Nd4j.createFromArray(s1));
        INDArray m = root.mmul(Nd4j.createFromArray(s2)).mmul(root);
        double[] lambda = Eigen.symmetricGeneralizedEigenvalues(symmetrised(m), false).toDoubleVector();
        double sum = 0;
        for (double l : lambda) {
            sum += Math.sqrt(Math.max(l, 0));
        }
        return sum;
    }

    /** The symmetric square root {@code V diag(sqrt(max(λ, 0))) Vᵀ} of a symmetric PSD matrix (double). */
    static INDArray sqrtPsd(INDArray s) {
        INDArray v = symmetrised(s);
        // LAPACK dsyev: eigenvalues ascending, v overwritten with the eigenvectors as columns
        INDArray lambda = Eigen.symmetricGeneralizedEigenvalues(v, true);
        INDArray roots = Transforms.sqrt(Transforms.max(lambda.reshape(1, -1), 0.0), false);
        return v.mulRowVector(roots).mmul(v.transpose());
    }

    /** {@code (M + Mᵀ) / 2}, a new array: removes round-off asymmetry before a symmetric eigensolver. */
    private static INDArray symmetrised(INDArray m) {
        return m.add(m.transpose()).muli(0.5);
    }
}

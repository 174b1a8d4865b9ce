package org.gan4j.core.metrics.classifier;

/**
 * What a classifier's predictions say about a set of generated images: the classifier score (the
 * Inception score of Salimans et al. 2016 with our classifier), the classes present and the KL of the
 * predicted-class histogram from uniform. Computed from class probabilities {@code p(y|x) [n][k]}.
 *
 * @param score   {@code exp(E_x KL(p(y|x) || p(y)))} with {@code p(y) = E_x p(y|x)}: between 1 (every
 *                image the same class, or every prediction uncertain) and k (confident and balanced)
 * @param classes classes that are the most probable class of at least {@code minShare} of the images
 * @param classKl KL of the histogram of most probable classes from uniform, natural log: 0 when all
 *                classes are predicted equally often, log k when only one is
 */
public record ClassStatistics(double score, int classes, double classKl) {

    /** The statistics of {@code probabilities [n][k]} (rows sum to 1), n ≥ 1. */
    public static ClassStatistics of(double[][] probabilities, double minShare) {
        int n = probabilities.length;
        if (n == 0) {
            return new ClassStatistics(Double.NaN, 0, Double.NaN);
        }
        int k = probabilities[0].length;
        double[] marginal = new double[k];
        int[] counts = new int[k];
        for (double[] p : probabilities) {
            int best = 0;
            for (int j = 0; j < k; j++) {
                marginal[j] += p[j];
                if (p[j] > p[best]) {
                    best = j;
                }
            }
            counts[best]++;
        }
        for (int j = 0; j < k; j++) {
            marginal[j] /= n;
        }
        double meanKl = 0;
        for (double[] p : probabilities) {
            for (int j = 0; j < k; j++) {
                if (p[j] > 0) {
                    meanKl += p[j] * Math.log(p[j] / marginal[j]);
                }
            }
        }
        meanKl /= n;
        int present = 0;
        double kl = 0;
        for (int c : counts) {
            if (c >= minShare * n && c > 0) {
                present++;
            }
            if (c > 0) {
                double q = (double) c / n;
                kl += q * Math.log(q * k);
            }
        }
        return new ClassStatistics(Math.exp(meanKl), present, kl);
    }
}

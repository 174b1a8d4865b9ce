package org.gan4j.core.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.gan4j.core.train.Seeds;

/**
 * One variant's hyperparameter search, read from its cells (Lucic et al. 2018): each trial's score
 * (the ranking value, mean over the trial's seeds), the best and the median trial with 95% bootstrap
 * intervals (the trials resampled with replacement), and the best score found after k trials, with a
 * band over random orders of the trials (their Figure 4).
 *
 * <p>A trial without a score (diverged, failed, or its metric missing) counts as the worst possible,
 * as it would in practice: it is a search budget spent on nothing.
 *
 * @param trials      the trials, by number
 * @param higher      whether a larger score is better
 * @param best        the best trial's score (NaN when no trial scored)
 * @param bestTrial   the best trial, or null when no trial scored
 * @param bestCi      95% bootstrap interval of the best score: {low, high} in score units (low ≤ high)
 * @param median      the median trial's score (infinite or NaN when most trials have none)
 * @param medianCi    95% bootstrap interval of the median
 * @param bestSoFar   index k-1: the best score among the first k trials, in the order they were run
 * @param band        index k-1: {5%, 50%, 95%} quantiles of the best of k trials over {@value #ORDERS} random orders
 * @param bootBest    the best score of each of {@value #RESAMPLES} bootstrap resamplings (for comparing variants)
 */
public record SearchResult(List<Trial> trials, boolean higher, double best, Trial bestTrial, double[] bestCi, double median,
                           double[] medianCi, double[] bestSoFar, double[][] band, double[] bootBest) {

    /** Bootstrap resamplings of the trials for the intervals. */
    static final int RESAMPLES = 2000;
    /** Random orders of the trials for the best-so-far band. */
    static final int ORDERS = 1000;
    /** Below this many trials a variant's intervals say little, and variants are not told apart. */
    public static final int MIN_TRIALS = 3;

    /**
     * One trial: its number, its drawn settings, its cells (one per seed) and its score.
     *
     * @param score the mean over its cells of the ranking value, NaN when none has one
     */
    public record Trial(int number, Map<String, JsonNode> settings, List<CellResult> cells, double score) {
    }

    /** The search of a variant's cells, scored by {@code rankBy}; the bootstrap draws follow from the variant's name. */
    static SearchResult of(String variant, List<CellResult> cells, String rankBy, boolean higher) {
        TreeMap<Integer, List<CellResult>> byTrial = new TreeMap<>();
        for (CellResult c : cells) {
            byTrial.computeIfAbsent(c.cell().trial(), k -> new ArrayList<>()).add(c);
        }
        List<Trial> trials = new ArrayList<>();
        byTrial.forEach((number, group) -> trials.add(new Trial(number, group.get(0).cell().settings(), List.copyOf(group),
                rankBy == null ? Double.NaN : Stat.of(group.stream().map(c -> c.finals().getOrDefault(rankBy, Double.NaN)).toList()).mean())));
        // oriented: smaller is better, a missing score is the worst
        double[] losses = trials.stream().mapToDouble(t -> orient(t.score(), higher)).toArray();
        int n = losses.length;
        SplittableRandom random = new SplittableRandom(Seeds.derive(0, "bootstrap " + variant));
        double[] bootBest = new double[RESAMPLES];
        double[] bootMedian = new double[RESAMPLES];
        double[] sample = new double[n];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < n; i++) {
                sample[i] = losses[random.nextInt(n)];
            }
            bootBest[b] = min(sample);
            bootMedian[b] = median(sample);
        }
        double[] bestSoFar = new double[n];
        double running = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            running = Math.min(running, losses[k]);
            bestSoFar[k] = back(running, higher);
        }
        double[][] runs = new double[ORDERS][n];
        double[] order = losses.clone();
        for (int o = 0; o < ORDERS; o++) {
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                int j = random.nextInt(i + 1);
                double t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double r = Double.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                r = Math.min(r, order[k]);
                runs[o][k] = r;
            }
        }
        double[][] band = new double[n][];
        double[] column = new double[ORDERS];
        for (int k = 0; k < n; k++) {
            for (int o = 0; o < ORDERS; o++) {
                column[o] = runs[o][k];
            }
            Arrays.sort(column);
            band[k] = new double[] {back(quantile(column, higher ? 0.95 : 0.05), higher), back(quantile(column, 0.5), higher),
                    back(quantile(column, higher ? 0.05 : 0.95), higher)};
        }
        int bestIndex = -1;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(losses[i]) && (bestIndex < 0 || losses[i] < losses[bestIndex])) {
                bestIndex = i;
            }
        }
        for (int b = 0; b < RESAMPLES; b++) {
            bootBest[b] = back(bootBest[b], higher);
            bootMedian[b] = back(bootMedian[b], higher);
        }
        return new SearchResult(List.copyOf(trials), higher, bestIndex < 0 ? Double.NaN : trials.get(bestIndex).score(),
                bestIndex < 0 ? null : trials.get(bestIndex), interval(bootBest, higher), back(median(losses), higher),
                interval(bootMedian, higher),
                bestSoFar, band, bootBest);
    }

    /** "12.0 [12.0, 14.0], trial 2" or "– (no trial scored)". */
    public String text() {
        if (bestTrial == null) {
            return "– (no trial scored)";
        }
        return Stat.format(best) + " [" + end(bestCi[0]) + ", " + end(bestCi[1]) + "], trial " + bestTrial.number();
    }

    private static String end(double v) {
        return Double.isFinite(v) ? Stat.format(v) : "–";
    }

    /** Trials with a score. */
    public long scored() {
        return trials.stream().filter(t -> Double.isFinite(t.score())).count();
    }

    /**
     * Whether this variant's best and {@code other}'s can be told apart: the 95% bootstrap interval of
     * their difference (this minus other) excludes 0. Returns the interval, or null when either has
     * fewer than {@value #MIN_TRIALS} scored trials (then they cannot be told apart either).
     */
    public double[] difference(SearchResult other) {
        if (scored() < MIN_TRIALS || other.scored() < MIN_TRIALS) {
            return null;
        }
        double[] d = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            d[b] = bootBest[b] - other.bootBest[b]; // independent resamplings of the two variants' trials
        }
        double[] finite = Arrays.stream(d).filter(Double::isFinite).toArray(); // a resampling of unscored trials only: left out
        return finite.length == 0 ? null : interval(finite, false);
    }

    /** Whether a difference interval excludes 0 (an interval with an infinite or NaN end tells nothing apart). */
    public static boolean apart(double[] difference) {
        return difference != null && Double.isFinite(difference[0]) && Double.isFinite(difference[1])
                && (difference[0] > 0 || difference[1] < 0);
    }

    private static double orient(double score, boolean higher) {
        return Double.isFinite(score) ? (higher ? -score : score) : Double.POSITIVE_INFINITY;
    }

    private static double back(double oriented, boolean higher) {
        return Double.isInfinite(oriented) && oriented > 0 ? Double.NaN : higher ? -oriented : oriented;
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** The median (mean of the middle two for an even count); infinite when the middle is. */
    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        if (n == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return n % 2 == 1 ? s[n / 2] : (Double.isInfinite(s[n / 2]) ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2);
    }

    /** The q-quantile of sorted values, by linear interpolation. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        if (sorted[lo] == sorted[hi] || !Double.isFinite(sorted[hi])) {
            return pos == lo ? sorted[lo] : sorted[hi];
        }
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The 2.5% and 97.5% quantiles, {low, high}; NaN (no score) counts as the worst, and an end that falls on one is NaN. */
    static double[] interval(double[] values, boolean higher) {
        double worst = higher ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        double[] s = Arrays.stream(values).map(v -> Double.isNaN(v) ? worst : v).sorted().toArray();
        double lo = quantile(s, 0.025);
        double hi = quantile(s, 0.975);
        return new double[] {Double.isInfinite(lo) ? Double.NaN : lo, Double.isInfinite(hi) ? Double.NaN : hi};
    }
}

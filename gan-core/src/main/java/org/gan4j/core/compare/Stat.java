package org.gan4j.core.compare;

import java.util.List;
import java.util.Locale;

/**
 * Mean and sample standard deviation (n - 1 in the denominator; 0 for one value) of the finite values.
 *
 * @param mean NaN when there is no finite value
 * @param std  NaN when there is no finite value
 * @param n    the number of finite values
 */
public record Stat(double mean, double std, int n) {

    /** The statistics of {@code values}, non-finite ones left out. */
    public static Stat of(List<Double> values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return new Stat(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new Stat(mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0, n);
    }

    /** "mean ± std" with 3 significant digits (whole numbers from 1,000), "–" when empty. */
    public String text() {
        if (n == 0) {
            return "–";
        }
        return format(mean) + " ± " + format(std);
    }

    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 1e6 || Math.abs(v) < 0.01) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v); // FIDs: "1,083", not "1.08e+03"
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 10 ? "%.2f" : "%.3f", v);
    }
}

package org.gan4j.core.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gan4j.core.compare.ReportPage.Svg;

/**
 * The search section's charts as inline SVG scenes ({@link Svg}: shapes with coordinates already
 * computed, drawn by {@code svg.jte}), so the report stays one offline page whose plots scale and
 * whose text can be selected: best score against trials (with the band over trial orders) and the
 * score distribution over trials and seeds (box plots with every run as a dot).
 */
final class SvgCharts {

    /** Category colours (Tableau 10), one per variant in rank order. */
    static final List<String> COLOURS = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf");
    private static final int TOP = 24;
    private static final int BOTTOM = 48;
    private static final int LEFT = 64;
    private static final int PLOT_HEIGHT = 300;

    private SvgCharts() {
    }

    static String colour(int i) {
        return COLOURS.get(i % COLOURS.size());
    }

    /** A y axis: linear, or logarithmic when the values are positive and span more than a factor 20. */
    record Scale(double lo, double hi, boolean log) {
        static Scale of(double[] values) {
            double min = Arrays.stream(values).filter(Double::isFinite).min().orElse(0);
            double max = Arrays.stream(values).filter(Double::isFinite).max().orElse(1);
            if (min > 0 && max / min > 20) {
                return new Scale(Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max))), true);
            }
            if (min == max) {
                min -= Math.max(1, Math.abs(min) * 0.1);
                max += Math.max(1, Math.abs(max) * 0.1);
            }
            double step = niceStep((max - min) / 5);
            return new Scale(Math.floor(min / step) * step, Math.ceil(max / step) * step, false);
        }

        /** The pixel row of {@code v} in a plot whose top is {@value #TOP}. */
        double y(double v) {
            double f = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
            return TOP + PLOT_HEIGHT * (1 - f);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                int decades = (int) Math.round(Math.log10(hi / lo));
                for (double d = lo; d <= hi * 1.0001; d *= 10) {
                    ticks.add(d);
                    if (decades <= 2 && d * 10 <= hi * 1.0001) {
                        ticks.add(2 * d);
                        ticks.add(5 * d);
                    }
                }
            } else {
                double step = niceStep((hi - lo) / 5);
                for (double t = lo; t <= hi + step / 1000; t += step) {
                    ticks.add(Math.abs(t) < step / 1e6 ? 0 : t);
                }
            }
            return ticks;
        }
    }

    /** 1, 2 or 5 times a power of ten, near {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
    }

    /** Best score against the number of trials, per variant: the run's own order (line) and 5–95% over random orders (band). */
    static Svg bestSoFar(List<Summary.Variant> variants, String metric) {
        int trials = variants.stream().mapToInt(v -> v.search().bestSoFar().length).max().orElse(1);
        List<Double> all = new ArrayList<>();
        for (Summary.Variant v : variants) {
            for (int k = 0; k < v.search().bestSoFar().length; k++) {
                all.add(v.search().bestSoFar()[k]);
                all.add(v.search().band()[k][0]);
                all.add(v.search().band()[k][2]);
            }
        }
        Scale scale = Scale.of(all.stream().mapToDouble(Double::doubleValue).toArray());
        int plotWidth = 420;
        int width = LEFT + plotWidth + 200;
        Builder b = new Builder(width, TOP + PLOT_HEIGHT + BOTTOM);
        b.axes(scale, plotWidth, metric + (scale.log() ? " (log scale)" : ""), "trials");
        for (int k = 1; k <= trials; k++) {
            if (trials <= 12 || k == 1 || k % niceStepInt(trials) == 0) {
                double x = xOf(k, trials, plotWidth);
                b.line(x, TOP + PLOT_HEIGHT, x, TOP + PLOT_HEIGHT + 4, "#444", "");
                b.text(x, TOP + PLOT_HEIGHT + 16, "middle", 11, Integer.toString(k));
            }
        }
        for (int i = 0; i < variants.size(); i++) {
            SearchResult r = variants.get(i).search();
            String colour = colour(i);
            StringBuilder band = new StringBuilder();
            StringBuilder back = new StringBuilder();
            StringBuilder line = new StringBuilder();
            // an end of the band that falls on unscored trials (the worst) is drawn at the plot's worst edge
            double worst = r.higher() ? scale.lo() : scale.hi();
            for (int k = 0; k < r.bestSoFar().length; k++) {
                double x = xOf(k + 1, trials, plotWidth);
                double low = Double.isFinite(r.band()[k][0]) ? r.band()[k][0] : worst;
                double high = Double.isFinite(r.band()[k][2]) ? r.band()[k][2] : worst;
                if (Double.isFinite(r.band()[k][0]) || Double.isFinite(r.band()[k][2])) {
                    band.append(band.isEmpty() ? "M" : " L").append(xy(x, scale.y(low)));
                    back.insert(0, " L" + xy(x, scale.y(high)));
                }
                if (Double.isFinite(r.bestSoFar()[k])) {
                    line.append(line.isEmpty() ? "M" : " L").append(xy(x, scale.y(r.bestSoFar()[k])));
                    b.dot(x, scale.y(r.bestSoFar()[k]), 2.5, colour);
                }
            }
            if (!band.isEmpty()) {
                b.path(band + back.toString() + " Z", colour, 0.15, "none", 0, "");
            }
            if (!line.isEmpty()) {
                b.path(line.toString(), "none", 0, colour, 2, "");
            }
            b.legend(i, LEFT + plotWidth + 16, variants.get(i).rank() + ". " + variants.get(i).name(), colour);
        }
        return b.build("best " + metric + " after k trials, per variant: line = the trials in the order they ran, "
                + "band = 5–95% over " + SearchResult.ORDERS + " random orders of the trials");
    }

    /** Every run's score per variant (trials × seeds): a box (quartiles, median, whiskers to 1.5 IQR) and the runs as dots. */
    static Svg distribution(List<Summary.Variant> variants, String metric) {
        List<double[]> values = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (Summary.Variant v : variants) {
            double[] all = v.cells().stream().mapToDouble(c -> c.finals().getOrDefault(metric, Double.NaN)).toArray();
            double[] finite = Arrays.stream(all).filter(Double::isFinite).sorted().toArray();
            values.add(finite);
            missing.add(all.length - finite.length);
        }
        Scale scale = Scale.of(values.stream().flatMapToDouble(Arrays::stream).toArray());
        int slot = 110;
        int plotWidth = slot * Math.max(1, variants.size());
        Builder b = new Builder(LEFT + plotWidth + 24, TOP + PLOT_HEIGHT + BOTTOM + 14);
        b.axes(scale, plotWidth, metric + (scale.log() ? " (log scale)" : ""), "");
        for (int i = 0; i < variants.size(); i++) {
            double centre = LEFT + slot * (i + 0.5);
            String colour = colour(i);
            double[] v = values.get(i);
            String label = variants.get(i).rank() + ". " + shorten(variants.get(i).name(), 16);
            b.text(centre, TOP + PLOT_HEIGHT + 16, "middle", 11, label);
            b.text(centre, TOP + PLOT_HEIGHT + 30, "middle", 10, v.length + " runs" + (missing.get(i) > 0 ? ", " + missing.get(i) + " unscored" : ""));
            if (v.length == 0) {
                continue;
            }
            double q1 = SearchResult.quantile(v, 0.25);
            double q2 = SearchResult.quantile(v, 0.5);
            double q3 = SearchResult.quantile(v, 0.75);
            double iqr = q3 - q1;
            double lowWhisker = Arrays.stream(v).filter(x -> x >= q1 - 1.5 * iqr).min().orElse(q1);
            double highWhisker = Arrays.stream(v).filter(x -> x <= q3 + 1.5 * iqr).max().orElse(q3);
            double half = 28;
            b.line(centre, scale.y(lowWhisker), centre, scale.y(q1), "#333", "");
            b.line(centre, scale.y(q3), centre, scale.y(highWhisker), "#333", "");
            b.line(centre - half / 2, scale.y(lowWhisker), centre + half / 2, scale.y(lowWhisker), "#333", "");
            b.line(centre - half / 2, scale.y(highWhisker), centre + half / 2, scale.y(highWhisker), "#333", "");
            b.rect(centre - half, scale.y(q3), 2 * half, Math.max(1, scale.y(q1) - scale.y(q3)), colour, 0.25, "#333");
            b.line(centre - half, scale.y(q2), centre + half, scale.y(q2), "#000", "");
            for (int j = 0; j < v.length; j++) {
                double jitter = ((j * 0.618034) % 1 - 0.5) * 1.4 * half; // spread the dots evenly, the same on every render
                b.dot(centre + jitter, scale.y(v[j]), 2.5, colour);
            }
        }
        return b.build(metric + " of every run (each trial × seed) per variant: box = quartiles and median, whiskers to 1.5 × IQR, "
                + "dots = runs");
    }

    private static int niceStepInt(int n) {
        return (int) Math.max(1, niceStep(n / 8.0));
    }

    private static double xOf(int k, int trials, int plotWidth) {
        return LEFT + (trials == 1 ? plotWidth / 2.0 : 8 + (plotWidth - 16) * (k - 1) / (double) (trials - 1));
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String xy(double x, double y) {
        return n(x) + "," + n(y);
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Collects the shapes of one chart. */
    private static final class Builder {
        final int width;
        final int height;
        final List<ReportPage.SvgRect> rects = new ArrayList<>();
        final List<ReportPage.SvgPath> paths = new ArrayList<>();
        final List<ReportPage.SvgLine> lines = new ArrayList<>();
        final List<ReportPage.SvgDot> dots = new ArrayList<>();
        final List<ReportPage.SvgText> texts = new ArrayList<>();

        Builder(int width, int height) {
            this.width = width;
            this.height = height;
        }

        /** The frame, y grid lines with their labels, and the axis titles. */
        void axes(Scale scale, int plotWidth, String yTitle, String xTitle) {
            for (double t : scale.ticks()) {
                double y = scale.y(t);
                line(LEFT, y, LEFT + plotWidth, y, "#e4e4e4", "");
                text(LEFT - 6, y + 4, "end", 11, Stat.format(t));
            }
            rect(LEFT, TOP, plotWidth, PLOT_HEIGHT, "none", 1, "#888");
            texts.add(new ReportPage.SvgText(n(14), n(TOP + PLOT_HEIGHT / 2.0), "middle", "11",
                    "rotate(-90 14 " + n(TOP + PLOT_HEIGHT / 2.0) + ")", yTitle));
            if (!xTitle.isEmpty()) {
                text(LEFT + plotWidth / 2.0, TOP + PLOT_HEIGHT + 36, "middle", 12, xTitle);
            }
        }

        void legend(int i, double x, String name, String colour) {
            double y = TOP + 8 + 18 * i;
            rect(x, y - 9, 14, 10, colour, 0.8, colour);
            text(x + 20, y, "start", 11, shorten(name, 30));
        }

        void line(double x1, double y1, double x2, double y2, String stroke, String dash) {
            lines.add(new ReportPage.SvgLine(n(x1), n(y1), n(x2), n(y2), stroke, dash));
        }

        void rect(double x, double y, double w, double h, String fill, double opacity, String stroke) {
            rects.add(new ReportPage.SvgRect(n(x), n(y), n(w), n(h), fill, String.format(Locale.ROOT, "%.2f", opacity), stroke));
        }

        void path(String d, String fill, double opacity, String stroke, double strokeWidth, String dash) {
            paths.add(new ReportPage.SvgPath(d, fill, String.format(Locale.ROOT, "%.2f", opacity), stroke, n(strokeWidth), dash));
        }

        void dot(double x, double y, double r, String fill) {
            dots.add(new ReportPage.SvgDot(n(x), n(y), n(r), fill));
        }

        void text(double x, double y, String anchor, int size, String text) {
            texts.add(new ReportPage.SvgText(n(x), n(y), anchor, Integer.toString(size), "", text));
        }

        Svg build(String alt) {
            return new Svg(width, height, alt, rects, paths, lines, dots, texts);
        }
    }
}

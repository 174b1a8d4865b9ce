package org.gan4j.core.compare;

import java.util.List;

/**
 * What {@code report.html} shows, computed by {@link Report} from a {@link Summary}: every number
 * already formatted, every link already relative. The templates in {@code src/main/jte} (one per
 * section, {@code report.jte} lays them out) only arrange it; they escape every value as HTML.
 * A new section is a new record here, a new template, and one line in {@code report.jte}.
 *
 * @param name          the experiment's name
 * @param file          the experiment file
 * @param runCount      number of runs
 * @param averaged      the averaged axes, e.g. "seed", or "nothing"
 * @param rankBy        the ranking key, or "(no metric)"
 * @param written       when the page was written, UTC, to the second
 * @param keys          the metric keys, the table columns
 * @param ranking       the variants, best first
 * @param samples       each variant's final sample grids
 * @param metricPlots   metric values over training, one plot per metric
 * @param lossPlots     loss curves, one plot per variant
 * @param runs          every run
 * @param search        the hyperparameter search's results, or null when the experiment has none
 */
public record ReportPage(String name, String file, int runCount, String averaged, String rankBy, String written,
                         List<Column> keys, List<RankingRow> ranking, List<SampleRow> samples, List<Plot> metricPlots,
                         List<Plot> lossPlots, List<RunRow> runs, SearchSection search) {

    /** The file names the page links to. */
    public String summaryCsv() {
        return Summary.CSV;
    }

    public String summaryJson() {
        return Summary.JSON;
    }

    /** A metric column; {@code ranked} marks the one the ranking follows. */
    public record Column(String key, boolean ranked) {
    }

    /** One variant in the ranking: its rank, name, completed/all runs, a "mean ± std" per key, and its health ("" when ok). */
    public record RankingRow(int rank, String variant, String runs, List<String> values, String health) {
    }

    /** One variant's final sample grids. */
    public record SampleRow(int rank, String variant, List<Sample> cells) {
    }

    /**
     * One run's final grid.
     *
     * @param href   the PNG relative to the page, percent-encoded; null when the run has none
     * @param status the run's status, shown when there is no grid
     */
    public record Sample(String cell, String href, String status) {
    }

    /** A plot drawn as a PNG data URI (or, if drawing failed, {@code error} says why and {@code dataUri} is null). */
    public record Plot(String alt, String dataUri, String error) {
    }

    /** One run: name, status, seconds and final values as text ("–" when unknown), health ("" when ok), links. */
    public record RunRow(String cell, String status, String seconds, List<String> values, String health, String directoryHref,
                         String manifestHref) {
    }

    /**
     * The hyperparameter search: how it was run, the variants ranked by their best trial with
     * bootstrap intervals, what can and cannot be told apart, the two charts, and each variant's best
     * trial.
     *
     * @param statistic the score, e.g. "classifier-fid.fid (lower is better)"
     * @param budget    every run's budget, e.g. "1,500 iterations (generator steps) per run", or "as each config says"
     * @param trials    trials per variant
     * @param repeats   what each trial is repeated over, e.g. "3 seeds"
     * @param rows      the variants, best first
     * @param verdicts  sentences saying which variants can and cannot be told apart
     * @param bestSoFar best score against trials
     * @param spread    the score of every run, per variant
     * @param best      each variant's best trial
     */
    public record SearchSection(String statistic, String budget, int trials, String repeats, List<SearchRow> rows,
                                List<String> verdicts, Svg bestSoFar, Svg spread, List<BestTrial> best) {
    }

    /**
     * One variant's search, as text: {@code best} and {@code median} over trials with their 95%
     * bootstrap intervals, {@code bestTrial} its number, {@code next} how it compares with the next
     * in rank ("" for the last).
     */
    public record SearchRow(int rank, String variant, String trials, String best, String bestCi, String median, String medianCi,
                            String bestTrial, String next, boolean apart) {
    }

    /** A variant's best trial: its drawn settings, its score, and its runs' final sample grids. */
    public record BestTrial(int rank, String variant, String trial, String score, List<Setting> settings, List<Sample> samples) {
    }

    /** One drawn setting: config path, the value drawn, the distribution it came from. */
    public record Setting(String key, String value, String distribution) {
    }

    /** An inline SVG chart: shapes with their coordinates already computed ({@link SvgCharts}); {@code alt} describes it. */
    public record Svg(int width, int height, String alt, List<SvgRect> rects, List<SvgPath> paths, List<SvgLine> lines,
                      List<SvgDot> dots, List<SvgText> texts) {
    }

    public record SvgRect(String x, String y, String width, String height, String fill, String opacity, String stroke) {
    }

    public record SvgPath(String d, String fill, String opacity, String stroke, String width, String dash) {
    }

    public record SvgLine(String x1, String y1, String x2, String y2, String stroke, String dash) {
    }

    public record SvgDot(String cx, String cy, String r, String fill) {
    }

    /** A label; {@code transform} is "" or an SVG rotation. */
    public record SvgText(String x, String y, String anchor, String size, String transform, String text) {
    }
}

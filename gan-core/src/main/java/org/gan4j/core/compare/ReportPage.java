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
 */
public record ReportPage(String name, String file, int runCount, String averaged, String rankBy, String written,
                         List<Column> keys, List<RankingRow> ranking, List<SampleRow> samples, List<Plot> metricPlots,
                         List<Plot> lossPlots, List<RunRow> runs) {

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
}

/**
 * Every CSV file gan4j writes or reads ({@code metrics.csv}, {@code timing.csv},
 * {@code metrics-eval.csv}, {@code summary.csv}, the benchmark's {@code memory.csv}), through
 * Jackson's CSV data format: one place that knows quoting, line ends and partial last lines.
 */
package org.gan4j.core.csv;

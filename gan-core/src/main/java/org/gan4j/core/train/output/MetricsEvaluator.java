package org.gan4j.core.train.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.MetricContext;
import org.gan4j.api.spi.MetricSpec;
import org.gan4j.api.train.IterationStats;
import org.gan4j.api.train.RunInfo;
import org.gan4j.api.train.SampleSource;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.csv.Csv;
import org.gan4j.core.image.AtomicFiles;
import org.gan4j.core.train.RunDirectory;
import org.gan4j.core.train.Seeds;
import org.gan4j.core.train.TrainOptions;

/**
 * Evaluates the config's {@code metrics} before training (epoch 0), every {@code every} epochs and
 * at the end (reusing the last epoch's values when no iteration ran since), appending to {@code metrics-eval.csv} ({@value #HEADER}) and writing the final values
 * to {@code evaluation.json}: {@code {status, epoch, iteration, metrics: {<type>: {<name>: value}}}}.
 * Every evaluation draws its noise from the same seed (derived from the run's). A resumed run (or a
 * divergence rollback) continues {@code metrics-eval.csv}: rows up to the checkpoint are kept, later
 * ones made again, and the start is not evaluated again. A metric that does not fit the data is
 * refused before training ({@link MetricSpec#checkFits}); an unexpected failure of a metric later is
 * reported and that metric is skipped for the rest of the run.
 */
public final class MetricsEvaluator implements TrainingListener {

    public static final String CSV = "metrics-eval.csv";
    public static final String JSON = "evaluation.json";
    public static final String HEADER = "epoch,iteration,metric,name,value";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<MetricSpec> metrics;
    private final List<String> names;
    private final Dataset dataset;
    private final Path directory;
    private final long seed;
    private final PrintStream warnings;
    private final boolean[] failed;
    /** Each metric's latest values and the iteration they were computed at, so the end does not repeat the last epoch's. */
    private final List<Map<String, Double>> latest = new ArrayList<>();
    private final long[] latestIteration;
    private Generator generator;
    private long iteration;
    private int epoch;

    @Inject
    public MetricsEvaluator(RunConfig config, TrainOptions options, RunDirectory dir, Dataset dataset) {
        this(config.metrics(), typeNames(config, options), dataset, dir.path(), Seeds.derive(config.seed(), "metrics"), options.progress());
    }

    /**
     * @param names the metrics' names as they appear in the outputs (their type names), same order
     */
    public MetricsEvaluator(List<MetricSpec> metrics, List<String> names, Dataset dataset, Path directory, long seed,
                            PrintStream warnings) {
        this.metrics = List.copyOf(metrics);
        this.names = List.copyOf(names);
        this.dataset = dataset;
        this.directory = directory;
        this.seed = seed;
        this.warnings = warnings;
        this.failed = new boolean[metrics.size()];
        this.latestIteration = new long[metrics.size()];
        for (int i = 0; i < metrics.size(); i++) {
            latest.add(null);
            latestIteration[i] = -1;
        }
    }

    @Override
    public void onStart(RunInfo run) {
        generator = run.generator();
        iteration = run.resumedIteration();
        epoch = run.resumedEpochs();
        if (run.resumed()) {
            // Continue the files as the other listeners do (see RunInfo#resumedIteration): evaluations
            // up to the checkpoint are kept, later ones are made again; the start was evaluated already.
            if (!metrics.isEmpty()) {
                CsvLog.keepRowsUpTo(directory.resolve(CSV), List.of(HEADER.split(",")), 1, run.resumedIteration());
            }
            return;
        }
        if (metrics.isEmpty()) {
            try {
                // an earlier run with metrics in this (overwritten) directory must not leave its values behind
                Files.deleteIfExists(directory.resolve(CSV));
                Files.deleteIfExists(directory.resolve(JSON));
            } catch (IOException e) {
                throw new UncheckedIOException("could not remove the old " + CSV + " / " + JSON + " in " + directory + ": "
                        + e.getMessage(), e);
            }
            return;
        }
        Csv.write(directory.resolve(CSV), List.of(HEADER.split(",")), List.of());
        evaluate(0, false, true);
    }

    @Override
    public void onIteration(IterationStats stats) {
        iteration = stats.iteration();
        epoch = stats.epoch();
    }

    @Override
    public void onEpochEnd(int epochNumber, SampleSource samples) {
        epoch = epochNumber;
        evaluate(epochNumber, false, false);
    }

    @Override
    public void onEnd(TrainingResult result, SampleSource samples) {
        if (metrics.isEmpty() || generator == null) {
            return;
        }
        Map<String, Map<String, Double>> last = evaluate(epoch, true, false);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", result.status().label());
        root.put("epoch", epoch);
        root.put("iteration", iteration);
        ObjectNode all = root.putObject("metrics");
        last.forEach((metric, values) -> {
            ObjectNode node = all.putObject(metric);
            values.forEach((name, value) -> {
                if (Double.isFinite(value)) {
                    node.put(name, value);
                } else {
                    node.putNull(name);
                }
            });
        });
        AtomicFiles.write(directory.resolve(JSON), out -> MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root));
    }

    private Map<String, Map<String, Double>> evaluate(int epochNumber, boolean end, boolean start) {
        Map<String, Map<String, Double>> all = new LinkedHashMap<>();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            MetricSpec metric = metrics.get(i);
            boolean due = end || (metric.every() > 0 && (start || epochNumber % metric.every() == 0));
            if (!due || failed[i]) {
                continue;
            }
            if (end && latest.get(i) != null && latestIteration[i] == iteration) {
                all.put(names.get(i), latest.get(i));
                continue;
            }
            Map<String, Double> values;
            try {
                values = metric.evaluate(new MetricContext(generator, dataset, metric.samples(), seed));
            } catch (Gan4jException e) {
                if (start) {
                    throw e;
                }
                failed[i] = true;
                warnings.println("warning: metric " + names.get(i) + " failed, skipping it for this run: " + e.getMessage());
                continue;
            } catch (RuntimeException e) {
                failed[i] = true;
                warnings.println("warning: metric " + names.get(i) + " failed, skipping it for this run: " + e);
                continue;
            }
            latest.set(i, values);
            latestIteration[i] = iteration;
            String metricName = names.get(i);
            all.put(metricName, values);
            values.forEach((name, value) -> rows.add(new String[] {Integer.toString(epochNumber), Long.toString(iteration),
                    metricName, name, String.format(Locale.ROOT, "%.8g", value)}));
        }
        if (!rows.isEmpty()) {
            Csv.append(directory.resolve(CSV), rows);
        }
        return all;
    }

    /** Each metric's {@code type} as the resolved config spells it; duplicates get {@code #2}, {@code #3}. */
    static List<String> typeNames(RunConfig config, TrainOptions options) {
        List<String> names = new ArrayList<>();
        JsonNode list = MAPPER.missingNode();
        try {
            list = MAPPER.readTree(options.configJson().apply(config)).path("metrics");
        } catch (IOException | RuntimeException e) {
            // fall back to class names below
        }
        for (int i = 0; i < config.metrics().size(); i++) {
            String name = list.path(i).path("type").asText(config.metrics().get(i).getClass().getSimpleName());
            String unique = name;
            for (int k = 2; names.contains(unique); k++) {
                unique = name + "#" + k;
            }
            names.add(unique);
        }
        return names;
    }
}

package org.gan4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.gan4j.cli.common.CommonOptions;
import org.gan4j.cli.common.ThreadSettings;
import org.gan4j.core.Locations;
import org.gan4j.core.compare.Cell;
import org.gan4j.core.compare.CellResult;
import org.gan4j.core.compare.CellRunner;
import org.gan4j.core.compare.CellRunnerProvider;
import org.gan4j.core.compare.CompareRunner;
import org.gan4j.core.compare.Experiment;
import org.gan4j.core.compare.Grid;
import org.gan4j.core.compare.Report;
import org.gan4j.core.compare.Stat;
import org.gan4j.core.compare.Summary;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.train.RunLock;
import org.gan4j.core.train.TrainOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gan4j compare EXPERIMENT}: trains a grid of configs and writes a ranked report. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Train every cell of an experiment's grid (a base config and axes to vary), skipping cells "
                + "already completed, then write report.html, summary.csv and summary.json to <output>/<name>/.")
public final class CompareCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment file, *.yaml, *.yml or *.json (see docs/comparing.md).")
    Path experimentFile;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Cells trained at once (default 1; each uses the ND4J threads, so N x threads should not exceed the cores).")
    int parallel;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for ND4J's native operations (default: OMP_NUM_THREADS, else all cores).")
    Integer threads;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Train each cell as a task on Apache Spark instead: local[N], spark://HOST:PORT (needs the optional "
                    + "gan-spark module; spark-submit for YARN and Kubernetes; see docs/scale-out.md).")
    String spark;

    @Option(names = "--output", paramLabel = "DIR|URI",
            description = "Parent of the experiment's directory, instead of the experiment's output field; with --spark also a "
                    + "Hadoop file system URI (file://, hdfs://, s3a://) every Spark executor can reach.")
    String output;

    @Option(names = "--report-only", description = "Train nothing: summarise the cells already in the experiment directory.")
    boolean reportOnly;

    @Option(names = "--dry-run", description = "List the cells and where they go, train nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        ComponentRegistry registry = common.registry();
        Experiment experiment = Experiment.read(experimentFile, registry);
        List<Cell> cells = Grid.expand(experiment, registry);
        String outputRoot = output != null ? output : experiment.output();
        boolean remote = CellRunnerProvider.Request.isRemote(outputRoot);
        if (remote && spark == null) {
            throw Gan4jException.badInput("--output " + outputRoot + ": a URI other than file:// needs --spark (only Spark's executors "
                    + "write to Hadoop file systems); give a directory, or add --spark MASTER.");
        }
        if (spark != null && parallel != 1) {
            throw Gan4jException.badInput("--parallel " + parallel + " is for training on this machine; with --spark the master decides "
                    + "how many cells train at once (local[N]: N; a cluster: its cores / spark.task.cpus). Leave --parallel out.");
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path dir = remote ? null : localDirectory(outputRoot, cwd).resolve(experiment.name()).normalize();
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            out.printf(Locale.ROOT, "%d cells in %s:%n", cells.size(), remote ? outputRoot + "/" + experiment.name() + "/" + CompareRunner.CELLS
                    : dir.resolve(CompareRunner.CELLS));
            cells.forEach(c -> out.println("  " + c.name() + (c.settings().isEmpty() ? "" : "  " + Summary.settingsText(c.settings()))
                    + (!remote && CellResult.completed(dir.resolve(CompareRunner.CELLS).resolve(c.name())) ? "  (completed)" : "")));
            out.flush();
            return 0;
        }
        if (threads != null) {
            ThreadSettings.apply(threads);
        }
        PrintStream log = common.quiet() ? Streams.printStream(new PrintWriter(PrintWriter.nullWriter())) : Streams.printStream(out);
        Path reportDir = remote ? Files.createTempDirectory("gan4j-report-") : dir;
        // A report from cells on this machine needs no engine, whatever trained them.
        boolean engine = spark != null && (remote || !reportOnly);
        // Found before the lock, so a missing engine leaves no experiment directory behind.
        CellRunnerProvider provider = engine ? Engines.find("spark") : null;
        // A comparison refused before its first cell (preflight) removes the experiment directory it created.
        boolean created = !remote && !Files.exists(dir);
        // One compare at a time writes an experiment directory on this machine (its cells, logs and report).
        try (RunLock lock = remote ? null : CompareRunner.lock(dir);
             CellRunner runner = !engine ? CompareRunner.local(parallel) : provider.open(new CellRunnerProvider.Request(
                spark, remote ? outputRoot : dir.getParent().toString(), threads, registry, common.pluginDirectories(Optional.empty()),
                common.verbose(), log))) {
            if (!reportOnly) {
                ObjectMapper json = registry.jsonMapper();
                TrainOptions options = TrainOptions.defaults().withBaseDirectory(cwd).withConfigJson(c -> {
                    try {
                        return json.writeValueAsString(c);
                    } catch (JsonProcessingException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                runner.run(experiment, cells, reportDir, registry.plugins(), options, log);
            }
            runner.gather(experiment, reportDir);
            List<CellResult> results = cells.stream().map(c -> CellResult.read(c, reportDir.resolve(CompareRunner.CELLS).resolve(c.name())))
                    .toList();
            Summary summary = Summary.of(experiment, results, Summary.directions(cells, registry.jsonMapper()));
            summary.write(reportDir);
            Path report = Report.write(summary, reportDir);
            runner.publish(experiment, reportDir, List.of(reportDir.resolve(Summary.CSV), reportDir.resolve(Summary.JSON), report));
            if (!common.quiet()) {
                boolean search = experiment.search() != null && summary.rankBy() != null;
                out.printf(Locale.ROOT, search ? "%nRanking by %s (best trial [95%% bootstrap interval] of %d, each the mean over %s):%n"
                                : "%nRanking by %s (mean ± std over %3$s):%n", summary.rankBy() == null ? "(no metric)" : summary.rankBy(),
                        search ? experiment.search().trials() : 0,
                        experiment.average().isEmpty() ? "nothing" : String.join(", ", experiment.average()));
                for (Summary.Variant v : summary.variants()) {
                    Stat stat = summary.rankBy() == null ? null : v.stats().get(summary.rankBy());
                    String value = summary.rankBy() == null ? "" : search ? v.search().text() : stat == null ? "–" : stat.text();
                    String flags = v.flags().isEmpty() ? "" : "  [" + String.join(", ", v.flags().keySet()) + "]";
                    out.printf(Locale.ROOT, "%3d. %-40s %s  (%d/%d completed)%s%n", v.rank(), v.name(), value, v.completed(), v.cells().size(), flags);
                }
                summary.verdicts().forEach(verdict -> out.println("  " + verdict));
                out.printf("Report: %s (also summary.csv, summary.json)%n", remote
                        ? outputRoot.replaceAll("/+$", "") + "/" + experiment.name() + "/" + report.getFileName() : Locations.shown(report));
                out.flush();
            }
        } catch (RuntimeException e) {
            if (created) {
                try {
                    Files.deleteIfExists(dir); // only if empty: once a cell has started, its files stay
                } catch (IOException notEmpty) {
                    // cells, logs or another process's files: left alone
                }
            }
            throw e;
        } finally {
            if (remote) {
                deleteQuietly(reportDir);
            }
        }
        return 0;
    }

    /** A path, or a {@code file:} URI, as an absolute path. */
    private static Path localDirectory(String output, Path cwd) {
        if (output.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                return Path.of(URI.create(output)).toAbsolutePath();
            } catch (IllegalArgumentException e) {
                throw Gan4jException.badInput("--output " + output + ": not a file URI (" + e.getMessage() + "); write file:///absolute/path.", e);
            }
        }
        return cwd.resolve(output);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary copy of the report; the operating system's cleaner removes it
        }
    }
}

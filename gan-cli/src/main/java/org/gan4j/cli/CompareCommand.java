package org.gan4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.cli.common.CommonOptions;
import org.gan4j.cli.common.ThreadSettings;
import org.gan4j.core.Locations;
import org.gan4j.core.compare.Cell;
import org.gan4j.core.compare.CellResult;
import org.gan4j.core.compare.CompareRunner;
import org.gan4j.core.compare.Experiment;
import org.gan4j.core.compare.Grid;
import org.gan4j.core.compare.Report;
import org.gan4j.core.compare.Summary;
import org.gan4j.core.plugin.ComponentRegistry;
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

    @Option(names = "--report-only", description = "Train nothing: summarise the cells already in the experiment directory.")
    boolean reportOnly;

    @Option(names = "--dry-run", description = "List the cells and where they go, train nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        ComponentRegistry registry = common.registry();
        Experiment experiment = Experiment.read(experimentFile, registry);
        List<Cell> cells = Grid.expand(experiment, registry);
        Path dir = CompareRunner.directory(experiment, Path.of("").toAbsolutePath());
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            out.printf(Locale.ROOT, "%d cells in %s:%n", cells.size(), dir.resolve(CompareRunner.CELLS));
            cells.forEach(c -> out.println("  " + c.name() + (CellResult.completed(dir.resolve(CompareRunner.CELLS).resolve(c.name()))
                    ? "  (completed)" : "")));
            out.flush();
            return 0;
        }
        if (threads != null) {
            ThreadSettings.apply(threads);
        }
        if (!reportOnly) {
            ObjectMapper json = registry.jsonMapper();
            TrainOptions options = TrainOptions.defaults().withConfigJson(c -> {
                try {
                    return json.writeValueAsString(c);
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            });
            CompareRunner.run(experiment, cells, dir, registry.plugins(), options, parallel,
                    common.quiet() ? Streams.printStream(new PrintWriter(PrintWriter.nullWriter())) : Streams.printStream(out));
        }
        List<CellResult> results = cells.stream().map(c -> CellResult.read(c, dir.resolve(CompareRunner.CELLS).resolve(c.name()))).toList();
        Summary summary = Summary.of(experiment, results, Summary.directions(cells, registry.jsonMapper()));
        summary.write(dir);
        Path report = Report.write(summary, dir);
        if (!common.quiet()) {
            out.printf(Locale.ROOT, "%nRanking by %s (mean ± std over %s):%n", summary.rankBy() == null ? "(no metric)" : summary.rankBy(),
                    experiment.average().isEmpty() ? "nothing" : String.join(", ", experiment.average()));
            for (Summary.Variant v : summary.variants()) {
                String value = summary.rankBy() == null ? "" : v.stats().get(summary.rankBy()).text();
                String flags = v.flags().isEmpty() ? "" : "  [" + String.join(", ", v.flags().keySet()) + "]";
                out.printf(Locale.ROOT, "%3d. %-40s %s  (%d/%d completed)%s%n", v.rank(), v.name(), value, v.completed(), v.cells().size(), flags);
            }
            out.printf("Report: %s (also summary.csv, summary.json)%n", Locations.shown(report));
            out.flush();
        }
        return 0;
    }
}

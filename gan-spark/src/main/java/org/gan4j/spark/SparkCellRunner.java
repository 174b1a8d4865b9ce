package org.gan4j.spark;

import com.google.inject.Module;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.gan4j.core.compare.Cell;
import org.gan4j.core.compare.CellRunner;
import org.gan4j.core.compare.CellRunnerProvider;
import org.gan4j.core.compare.CompareRunner;
import org.gan4j.core.compare.Experiment;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.plugin.RegisteredComponent;
import org.gan4j.core.train.Checkpoints;
import org.gan4j.core.train.TrainOptions;
import org.gan4j.core.train.output.ModelWriter;

/**
 * Runs an experiment's cells as Spark tasks, one per cell, into {@code <output>/<name>/cells/}
 * on any Hadoop file system. Before any cell trains it checks that the output is writable from the
 * driver and from an executor and is the same storage for both, and that every cell's config builds
 * on an executor with the plugins shipped there; anything wrong stops it with exit code 2, with
 * nothing written but the (empty) {@code cells/} directory. Cells whose manifest says
 * {@code completed} are skipped.
 */
final class SparkCellRunner implements CellRunner {

    private final EngineHandle engine;
    private final CellRunnerProvider.Request request;
    private final boolean remote;

    SparkCellRunner(EngineHandle engine, CellRunnerProvider.Request request) {
        this.engine = engine;
        this.request = request;
        this.remote = request.remoteOutput();
    }

    private String experimentUri(Experiment experiment) {
        return request.output().replaceAll("/+$", "") + "/" + experiment.name();
    }

    @Override
    public List<CompareRunner.Outcome> run(Experiment experiment, List<Cell> cells, Path experimentDir, List<? extends Module> plugins,
                                           TrainOptions options, PrintStream log) {
        String uri = experimentUri(experiment);
        Map<String, Object> described = engine.describe();
        boolean local = Boolean.TRUE.equals(described.get("local"));
        int taskCpus = ((Number) described.get("taskCpus")).intValue();
        List<String> shipped = checkBeforeTraining(experiment, cells, uri, local);

        List<CompareRunner.Outcome> outcomes = new ArrayList<>();
        List<Map<String, Object>> specs = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        int total = cells.size();
        Map<String, Cell> byName = new HashMap<>();
        for (Cell cell : cells) {
            byName.put(cell.name(), cell);
            if ("completed".equals(engine.status(uri, cell.name()))) {
                log.printf(Locale.ROOT, "[%d/%d] %s: already completed, skipped%n", done.incrementAndGet(), total, cell.name());
                continue;
            }
            Map<String, Object> spec = new HashMap<>();
            spec.put("cell", cell.name());
            spec.put("tree", cell.tree().toString());
            spec.put("experimentUri", uri);
            spec.put("experimentFile", experiment.file().toAbsolutePath().normalize().toString());
            spec.put("baseDirectory", options.baseDirectory().toString());
            spec.put("threads", taskCpus);
            spec.put("plugins", shipped);
            spec.put("pluginsShipped", !local);
            specs.add(spec);
        }
        log.printf(Locale.ROOT, "Training %d cells as Spark tasks on %s (%d native thread%s each), results in %s%n", specs.size(),
                described.get("master"), taskCpus, taskCpus == 1 ? "" : "s", uri);
        log.flush();
        Map<String, Map<String, Object>> results = new HashMap<>();
        for (Map<String, Object> outcome : engine.runCells(specs, outcome -> {
            synchronized (log) {
                log.println(line(outcome, done.incrementAndGet(), total));
                log.flush();
            }
        })) {
            results.put((String) outcome.get("cell"), outcome);
        }
        for (Cell cell : cells) {
            Path dir = experimentDir.resolve(CompareRunner.CELLS).resolve(cell.name());
            Map<String, Object> o = results.get(cell.name());
            outcomes.add(o == null || Boolean.TRUE.equals(o.get("skipped"))
                    ? new CompareRunner.Outcome(cell, dir, true, "completed", null)
                    : new CompareRunner.Outcome(cell, dir, false, (String) o.get("status"), (String) o.get("message")));
        }
        return outcomes;
    }

    /** "[3/6] loss.type=minimax,seed=2: completed in 5.1 s on executor 1 (modes 8, ...)", and how it was continued. */
    private static String line(Map<String, Object> o, int index, int total) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "[%d/%d] %s: %s", index, total, o.get("cell"), o.get("status")));
        if (Boolean.TRUE.equals(o.get("skipped"))) {
            return s.append(" (completed meanwhile), skipped").toString();
        }
        if (o.get("seconds") instanceof Number seconds) {
            s.append(String.format(Locale.ROOT, " in %.1f s", seconds.doubleValue()));
        }
        if (o.get("executor") != null) {
            s.append(" on executor ").append(o.get("executor"));
        }
        if (o.get("resumedFrom") != null) {
            s.append(", continued from ").append(o.get("resumedFrom")).append(" (attempt ").append(o.get("attempt")).append(')');
        }
        if (o.get("metrics") instanceof String m && !m.isEmpty()) {
            s.append(" (").append(m).append(')');
        }
        if (o.get("message") != null) {
            s.append(": ").append(o.get("message"));
        }
        return s.toString();
    }

    /**
     * The output probe from the driver, the plugins shipped, the check on an executor; exit 2 naming
     * the first thing wrong. Returns what the cells' tasks get as {@code plugins}.
     */
    private List<String> checkBeforeTraining(Experiment experiment, List<Cell> cells, String uri, boolean local) {
        String probe = engine.checkOutput(uri);
        try {
            List<String> dirs = request.pluginDirectories().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
            List<String> shipped = engine.shipPlugins(dirs);
            List<Map<String, Object>> cellTrees = new ArrayList<>();
            for (Cell cell : cells) {
                Map<String, Object> c = new HashMap<>();
                c.put("cell", cell.name());
                c.put("tree", cell.tree().toString());
                c.put("experimentFile", experiment.file().toString());
                cellTrees.add(c);
            }
            Map<String, Object> check = new HashMap<>();
            check.put("experimentUri", uri);
            check.put("probe", probe);
            check.put("plugins", shipped);
            check.put("pluginsShipped", !local);
            check.put("cells", cellTrees);
            Map<String, Object> found = engine.check(check);
            if (found.get("outputError") != null) {
                throw Gan4jException.badInput("Cannot write the experiment's results to " + uri + ": " + found.get("outputError")
                        + ". Give --output a location the driver and every executor share: hdfs://, s3a://, or a file:// path "
                        + "on a network file system mounted at the same path everywhere.");
            }
            @SuppressWarnings("unchecked")
            List<String> errors = (List<String>) found.get("errors");
            if (!errors.isEmpty()) {
                throw Gan4jException.badInput(missingOnExecutors(errors, found));
            }
            return shipped;
        } finally {
            engine.delete(uri, probe);
        }
    }

    /** What the executor lacks, with where the driver found it and how to ship it. */
    private String missingOnExecutors(List<String> errors, Map<String, Object> found) {
        @SuppressWarnings("unchecked")
        Set<String> theirs = new LinkedHashSet<>((List<String>) found.get("components"));
        List<String> missing = new ArrayList<>();
        for (RegisteredComponent c : request.registry().components()) {
            if (!theirs.contains(CellWork.key(c))) {
                missing.add(c.kind().getSimpleName().toLowerCase(Locale.ROOT) + " '" + c.name() + "' (" + c.implementation().getName()
                        + " from " + c.source() + ")");
            }
        }
        String first = errors.get(0);
        String where = "executor " + found.get("executor") + " on " + found.get("host");
        if (missing.isEmpty()) {
            return "The Spark " + where + " cannot build " + errors.size() + " of the cells: " + first;
        }
        return "The Spark " + where + " lacks plugins this driver has, so " + errors.size() + " of the cells cannot run there: "
                + String.join("; ", missing) + ". gan4j ships the jars of the plugins directories (plugins/ of the installation and "
                + "--plugins DIR) with the job, but not the driver's class path: put the plugin's jar in a plugins directory. "
                + "(The first cell's error on the executor: " + first + ")";
    }

    @Override
    public void gather(Experiment experiment, Path experimentDir) {
        if (remote) {
            engine.download(experimentUri(experiment), CompareRunner.CELLS, experimentDir.resolve(CompareRunner.CELLS),
                    List.of(Checkpoints.DIRECTORY + "/", ModelWriter.GENERATOR, ModelWriter.DISCRIMINATOR));
        }
    }

    @Override
    public void publish(Experiment experiment, Path experimentDir, List<Path> files) {
        if (remote) {
            for (Path f : files) {
                engine.upload(f, experimentUri(experiment), experimentDir.relativize(f).toString().replace('\\', '/'));
            }
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}

package org.gan4j.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.nn.kernel.ComputeThreads;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.ModelContext;
import org.gan4j.api.spi.OptimizerSpec;
import org.gan4j.api.spi.TrainingSchedule;
import org.gan4j.api.train.IterationStats;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.cli.common.CommonOptions;
import org.gan4j.cli.common.ThreadSettings;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.train.Trainer;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j bench}: the median wall time of one training iteration (one discriminator step and one
 * generator step) on the reference workloads, through gan4j's real trainer and the same plugins a
 * config selects, and, when PyTorch is installed, the reference's time for the same workload and
 * thread count measured in the same command, with the ratio.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time gan4j's training iteration on the reference workloads (mlp-seed, mlp-wide, dcgan-mnist32, dcgan-celeba64; "
                + "wgan-gp-mlp and wgan-gp-mnist32 when named) beside the PyTorch reference, and print the ratio gan4j/PyTorch.")
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "WORKLOAD", arity = "0..*", completionCandidates = Names.class,
            description = "Workloads to run (default: the first four, as the reference).")
    List<String> workloads = new ArrayList<>();

    @Option(names = "--iters", paramLabel = "N", defaultValue = "200",
            description = "Timed iterations for MLP workloads; DCGAN ones (and wgan-gp-mnist32) run max(10, N/10), as the reference does "
                    + "(default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--heavy-iters", paramLabel = "N",
            description = "Timed iterations for DCGAN workloads (default: max(10, --iters / 10)).")
    Integer heavyIters;

    @Option(names = "--memory-every", paramLabel = "N",
            description = "Also record the JVM's memory (RSS, Java heap, the rest) every N iterations, print it, and write "
                    + "memory.csv and memory.png into --memory-dir; use with long runs (e.g. --iters 10000) to see that memory stays flat.")
    Integer memoryEvery;

    @Option(names = "--memory-dir", paramLabel = "DIR", defaultValue = "runs/bench",
            description = "Where --memory-every writes memory.csv and memory.png (default: ${DEFAULT-VALUE}).")
    Path memoryDir;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for both gan4j and PyTorch (the ./gan4j launcher exports OMP_NUM_THREADS; default: the current setting).")
    Integer threads;

    @Option(names = "--reference", paramLabel = "SCRIPT", defaultValue = "../shared/bench/torch_reference.py",
            description = "The PyTorch reference script (default: ${DEFAULT-VALUE}).")
    Path reference;

    @Option(names = "--python", paramLabel = "PYTHON", defaultValue = "/usr/bin/python3",
            description = "Python with torch installed (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--no-torch", description = "Do not run the PyTorch reference.")
    boolean noTorch;

    /** Completion candidates for the help text. */
    static final class Names extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Names() {
            super(Workload.names());
        }
    }

    @Override
    public Integer call() throws Exception {
        List<Workload> selected = new ArrayList<>();
        for (String name : workloads.isEmpty() ? Workload.DEFAULT : workloads) {
            selected.add(Workload.named(name).orElseThrow(() -> Gan4jException.badInput(
                    "unknown workload '" + name + "'; known: " + String.join(", ", Workload.names()) + ".")));
        }
        if (iterations <= 0) {
            throw Gan4jException.badInput("--iters must be positive, got " + iterations + ".");
        }
        if (heavyIters != null && heavyIters <= 0) {
            throw Gan4jException.badInput("--heavy-iters must be positive, got " + heavyIters + ".");
        }
        if (memoryEvery != null && memoryEvery <= 0) {
            throw Gan4jException.badInput("--memory-every must be positive, got " + memoryEvery + ".");
        }
        if (threads != null) {
            ThreadSettings.apply(threads);
        }
        int threadCount = threads != null ? threads : org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads();
        PrintWriter out = spec.commandLine().getOut();
        ComponentRegistry registry = common.registry();
        ObjectMapper json = registry.jsonMapper();

        out.printf(Locale.ROOT, "gan4j bench: %s, threads %s, %d timed iterations (DCGAN: %d)%n",
                String.join(" ", selected.stream().map(Workload::name).toList()), ComputeThreads.describe(),
                iterations, heavyIterations());
        out.flush();
        Map<String, Result> ours = new LinkedHashMap<>();
        MemoryCurve memory = new MemoryCurve();
        for (Workload w : selected) {
            Result r = time(w, json, memory, out);
            ours.put(w.name(), r);
            if (r.skipped() == null) {
                out.printf(Locale.ROOT, "gan4j   %-15s batch=%d threads=%d median_ms_per_iter=%.2f images_per_s=%.0f%n",
                        w.name(), w.batchSize(), threadCount, r.medianMs(), w.batchSize() * 1000 / r.medianMs());
            } else {
                out.printf(Locale.ROOT, "gan4j   %-15s skipped: %s%n", w.name(), r.skipped());
            }
            out.flush();
        }

        Map<String, Double> torch = Map.of();
        String torchNote = null;
        List<String> timed = selected.stream().filter(w -> ours.get(w.name()).skipped() == null).map(Workload::name).toList();
        if (noTorch) {
            torchNote = "not run (--no-torch)";
        } else if (!Files.isRegularFile(reference)) {
            torchNote = "not run: no reference script at " + reference + " (--reference)";
        } else if (!TorchReference.available(python)) {
            torchNote = "not run: " + python + " cannot import torch (apt-get install python3-torch libopenblas0-pthread)";
        } else if (!timed.isEmpty()) {
            try {
                torch = TorchReference.run(python, reference, timed, threadCount, iterations, line -> {
                    out.println("pytorch " + line);
                    out.flush();
                });
            } catch (IOException e) {
                torchNote = "failed: " + e.getMessage();
            }
        }

        out.println();
        out.printf(Locale.ROOT, "%-15s %6s %8s %12s %10s %14s %8s%n", "workload", "batch", "threads", "gan4j ms/it", "images/s",
                "PyTorch ms/it", "ratio");
        for (Workload w : selected) {
            Result r = ours.get(w.name());
            if (r.skipped() != null) {
                out.printf(Locale.ROOT, "%-15s %6d %8d %12s%n", w.name(), w.batchSize(), threadCount, "skipped");
                continue;
            }
            Double t = torch.get(w.name());
            out.printf(Locale.ROOT, "%-15s %6d %8d %12.2f %10.0f %14s %8s%n", w.name(), w.batchSize(), threadCount, r.medianMs(),
                    w.batchSize() * 1000 / r.medianMs(), t == null ? "-" : String.format(Locale.ROOT, "%.2f", t),
                    t == null ? "-" : String.format(Locale.ROOT, "%.2f", r.medianMs() / t));
        }
        out.printf(Locale.ROOT, "peak RSS of the gan4j JVM: %.0f MB%n", MemoryProbe.peakRssMb());
        if (memoryEvery != null) {
            for (Workload w : selected) {
                List<MemoryCurve.Point> points = memory.points(w.name());
                if (!points.isEmpty()) {
                    out.printf(Locale.ROOT, "memory  %-15s RSS %.0f MB after warm-up -> %.0f MB after %d iterations (%+.0f MB)%n", w.name(),
                            points.get(0).reading().rssMb(), points.get(points.size() - 1).reading().rssMb(),
                            points.get(points.size() - 1).iteration(), MemoryCurve.growthMb(points));
                }
            }
            writeCurve(memory);
            out.println("memory curve: " + memoryDir.resolve(MemoryCurve.CSV) + ", " + memoryDir.resolve(MemoryCurve.PNG));
        }
        if (torchNote != null) {
            out.println("PyTorch reference: " + torchNote);
        }
        out.flush();
        return 0;
    }

    /** Rewritten at every reading, so a long run stopped early still leaves its curve so far. */
    private void writeCurve(MemoryCurve memory) {
        try {
            memory.write(memoryDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int heavyIterations() {
        return heavyIters != null ? heavyIters : Math.max(10, iterations / 10);
    }

    /** A median in ms, or why the workload was skipped. */
    private record Result(double medianMs, String skipped) {
    }

    private Result time(Workload w, ObjectMapper json, MemoryCurve memory, PrintWriter out) throws JsonProcessingException {
        int timed = w.heavy() ? heavyIterations() : iterations;
        int warmup = w.heavy() ? 3 : 20;
        ModelContext context = new ModelContext(w.sampleShape(), DataType.FLOAT, 0);
        Generator g;
        Discriminator d;
        try {
            g = json.readValue(w.generator(), GeneratorSpec.class).build(context);
            d = json.readValue(w.discriminator(), DiscriminatorSpec.class).build(context);
        } catch (Gan4jException e) {
            return new Result(Double.NaN, e.getMessage());
        }
        OptimizerSpec adam = json.readValue(w.optimizer(), OptimizerSpec.class);
        TrainingSchedule schedule = json.readValue("{\"type\":\"alternating\",\"discriminatorSteps\":1,\"generatorSteps\":1,"
                + "\"iterations\":" + (warmup + timed) + ",\"batchSize\":" + w.batchSize() + "}", TrainingSchedule.class);
        List<Double> seconds = new ArrayList<>();
        TrainingListener timer = new TrainingListener() {
            @Override
            public void onIteration(IterationStats stats) {
                if (stats.iteration() > warmup) {
                    seconds.add(stats.seconds());
                }
                long timedSoFar = stats.iteration() - warmup;
                if (memoryEvery != null && timedSoFar >= 0 && timedSoFar % memoryEvery == 0) {
                    MemoryProbe.Reading m = MemoryProbe.read();
                    memory.add(w.name(), timedSoFar, m);
                    out.printf(Locale.ROOT, "memory  %-15s iteration %6d  RSS %6.0f MB  heap used %5.0f MB  committed %5.0f MB%n", w.name(),
                            timedSoFar, m.rssMb(), m.heapUsedMb(), m.heapCommittedMb());
                    out.flush();
                    writeCurve(memory);
                }
            }
        };
        Trainer.builder()
                .generator(g).discriminator(d)
                .loss(json.readValue(w.loss(), Loss.class))
                .schedule(schedule)
                .generatorOptimizer(adam.create(g.parameters()))
                .discriminatorOptimizer(adam.create(d.parameters()))
                .dataset(new RandomDataset(w.sampleShape(), w.batchSize(), 0))
                .seed(0)
                .sampleCount(1)
                .listeners(List.of(timer))
                .build()
                .run();
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return new Result(median * 1000, null);
    }
}

package org.gan4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan4j compare --spark local[2]} as a user runs it (a child gan4j, Spark inside it): the same
 * summary as {@code --parallel 2}; reruns skip completed cells; a cell that fails or diverges for a
 * reason of its own is recorded once, never retried; and each mistake in what the driver is given
 * stops it with exit 2 and a message naming it, before any cell trains, leaving what an earlier run
 * completed untouched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalSparkIT {

    private static final List<String> LOSSES = List.of("minimax", "non-saturating", "hinge");

    @TempDir
    static Path dir;

    @Test
    @Order(1)
    void localTwoGathersTheSameSummaryAsParallelTwoAndARerunSkipsEveryCell() throws Exception {
        Path plainFile = Gan4jProcess.ringExperiment(dir, "ring", "plain", LOSSES, 300);
        Gan4jProcess.Result plain = Gan4jProcess.run(dir, dir.resolve("plain.log"), Map.of(), "compare", plainFile.toString(),
                "--parallel", "2", "--threads", "1");
        assertThat(plain.code()).as(plain.output()).isZero();

        Path sparkFile = Gan4jProcess.ringExperiment(dir, "ring", "spark", LOSSES, 300);
        Gan4jProcess.Result spark = Gan4jProcess.run(dir, dir.resolve("spark.log"), Map.of(), "compare", sparkFile.toString(),
                "--spark", "local[2]", "--threads", "1");
        assertThat(spark.code()).as(spark.output()).isZero();
        assertThat(spark.output()).contains("Training 6 cells as Spark tasks on local[2] (1 native thread each)",
                "on executor driver", "Report: spark/ring/report.html");
        assertThat(Files.readString(dir.resolve("spark/ring/summary.csv"))).isEqualTo(Files.readString(dir.resolve("plain/ring/summary.csv")));
        // Today's layout: the same files in each cell as plain compare writes.
        Path cell = Path.of("cells", "loss.type=hinge,seed=2");
        assertThat(Gan4jProcess.digest(dir.resolve("spark/ring").resolve(cell)).keySet())
                .isEqualTo(Gan4jProcess.digest(dir.resolve("plain/ring").resolve(cell)).keySet());
        assertThat(Files.readString(dir.resolve("spark/ring").resolve(cell).resolve("metrics.csv")))
                .isEqualTo(Files.readString(dir.resolve("plain/ring").resolve(cell).resolve("metrics.csv")));
        assertThat(dir.resolve("spark/ring/.gan4j-attempts")).isEmptyDirectory();

        Map<String, String> before = Gan4jProcess.digest(dir.resolve("spark/ring/cells"));
        Gan4jProcess.Result again = Gan4jProcess.run(dir, dir.resolve("again.log"), Map.of(), "compare", sparkFile.toString(),
                "--spark", "local[2]", "--threads", "1");
        assertThat(again.code()).as(again.output()).isZero();
        assertThat(again.output()).contains("[1/6] loss.type=minimax,seed=1: already completed, skipped",
                "[6/6] loss.type=hinge,seed=2: already completed, skipped", "Training 0 cells");
        assertThat(Gan4jProcess.digest(dir.resolve("spark/ring/cells"))).isEqualTo(before);
    }

    @Test
    @Order(2)
    void aCellThatFailsOrDivergesForItsOwnReasonIsRecordedOnceNotRetried() throws Exception {
        Path file = Files.writeString(dir.resolve("faulty.yaml"), """
                name: faulty
                output: faulty-out
                axes:
                  data:
                    - {type: ring, size: 1000}
                    - {type: mnist, path: /nonexistent/mnist, split: test}
                  optimizer.generator.lr: [1.0e-3, 1.0e+30]
                base:
                  data: {type: ring, size: 1000}
                  generator: {type: mlp, latentSize: 4, hidden: [16], dropout: 0.0, output: linear}
                  discriminator: {type: mlp, hidden: [16], dropout: 0.0}
                  loss: {type: non-saturating}
                  schedule: {type: alternating, iterations: 100, batchSize: 100}
                  optimizer:
                    generator: {type: adam, lr: 1.0e-3}
                    discriminator: {type: adam, lr: 1.0e-3}
                  output: {onDivergence: stop}
                """);
        // local[2,4]: Spark would try a failing task up to 4 times.
        Gan4jProcess.Result r = Gan4jProcess.run(dir, dir.resolve("faulty.log"), Map.of(), "compare", file.toString(),
                "--spark", "local[2,4]", "--threads", "1");
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).containsPattern("data=type-ring[^\\n]*optimizer.generator.lr=0.001: completed")
                .containsPattern("data=type-ring[^\\n]*optimizer.generator.lr=1.0E30: diverged[^\\n]*the discriminator loss is NaN")
                .containsPattern("data=type-mnist[^\\n]*: failed[^\\n]*/nonexistent/mnist");
        Path logs = dir.resolve("faulty-out/faulty/logs");
        try (var files = Files.list(logs)) {
            for (Path log : files.toList()) {
                Matcher attempts = Pattern.compile("^== .* attempt \\d+ of the cell", Pattern.MULTILINE).matcher(Files.readString(log));
                int n = 0;
                while (attempts.find()) {
                    n++;
                }
                assertThat(n).as("attempts in %s", log.getFileName()).isEqualTo(1);
            }
        }
    }

    @Test
    @Order(3)
    void mistakesStopTheDriverWithExit2BeforeAnyCellTrainsAndLoseNothing() throws Exception {
        Path file = Gan4jProcess.ringExperiment(dir, "ring", "spark", LOSSES, 300);
        Path completed = dir.resolve("spark/ring");
        Map<String, String> before = Gan4jProcess.digest(completed);
        assertThat(before).isNotEmpty();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path invalid = Files.writeString(dir.resolve("invalid.yaml"), Files.readString(file).replace("hidden: [48, 48]", "hiden: [48, 48]"));
        record Case(String what, Map<String, String> env, List<String> args, List<String> said) {
        }
        List<Case> cases = List.of(
                new Case("a bad master URL", Map.of(), List.of(file.toString(), "--spark", "nonsense"),
                        List.of("Spark did not start with the master 'nonsense'", "Could not parse Master URL", "spark://HOST:PORT")),
                new Case("no master at the URL", Map.of(), List.of(file.toString(), "--spark", "spark://127.0.0.1:" + closed),
                        List.of("no Spark master answers at 127.0.0.1:" + closed)),
                new Case("an output URI of an unknown file system", Map.of(),
                        List.of(file.toString(), "--spark", "local[2]", "--output", "nosuch://bucket/runs"),
                        List.of("Cannot write the experiment's results to nosuch://bucket/runs/ring", "No FileSystem for scheme")),
                new Case("an unreachable output URI", Map.of(),
                        List.of(file.toString(), "--spark", "local[2]", "--output", "hdfs://127.0.0.1:" + closed + "/runs"),
                        List.of("Cannot write the experiment's results to hdfs://127.0.0.1:" + closed + "/runs/ring", "refused")),
                new Case("an experiment that does not validate", Map.of(), List.of(invalid.toString(), "--spark", "local[2]"),
                        List.of("unknown field 'hiden'", "Did you mean 'hidden'?")),
                new Case("gan-spark not installed", Map.of("GAN4J_SPARK_JAR", dir.resolve("nowhere/gan-spark.jar").toString()),
                        List.of(file.toString(), "--spark", "local[2]"),
                        List.of("--spark needs the optional gan-spark module, which is not installed", "nowhere/gan-spark.jar")));
        for (Case c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("compare"));
            args.addAll(c.args());
            Gan4jProcess.Result r = Gan4jProcess.run(dir, dir.resolve("mistake.log"), c.env(), args.toArray(String[]::new));
            assertThat(r.code()).as(c.what() + ":\n" + r.output()).isEqualTo(2);
            assertThat(r.output()).as(c.what()).contains(c.said()).doesNotContain("Training ", "Exception in thread", "\tat ");
            assertThat(Gan4jProcess.digest(completed)).as(c.what() + ": the completed cells are untouched").isEqualTo(before);
        }
    }

    @Test
    @Order(4)
    void sparkSubmitOfTheGanSparkJarRunsTheSameComparison() throws Exception {
        Path jar = Path.of(System.getProperty("gan4j.it.sparkJar"));
        Path file = Gan4jProcess.ringExperiment(dir, "ring", "unused", LOSSES, 300);
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", Gan4jProcess.SPARK_HOME.resolve("jars") + "/*"));
        Gan4jProcess.ADD_OPENS.forEach(o -> command.add("--add-opens=" + o + "=ALL-UNNAMED"));
        // What bin/spark-submit runs, with gan4j compare's arguments after the jar.
        command.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "local[2]", "--conf", "spark.task.cpus=1",
                "--class", "org.gan4j.spark.engine.Submit", jar.toString(), file.toString(),
                "--output", dir.resolve("submitted").toUri().toString()));
        Path log = dir.resolve("submit.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Gan4jProcess.environment(pb.environment());
        pb.environment().put("SPARK_HOME", Gan4jProcess.SPARK_HOME.toString());
        Gan4jProcess.Result r = Gan4jProcess.finish(pb.start(), log);
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("Training 6 cells as Spark tasks on local[2] (1 native thread each)");
        assertThat(Files.readString(dir.resolve("submitted/ring/summary.csv"))).isEqualTo(Files.readString(dir.resolve("plain/ring/summary.csv")));
    }
}

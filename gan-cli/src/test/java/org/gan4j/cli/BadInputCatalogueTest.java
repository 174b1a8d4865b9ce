package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.gan4j.core.plugin.PluginJars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue of bad inputs (issue 5, "never lose a run"): each case sets up one mistake a user can
 * make, runs {@code gan4j} in-process and checks the exit code (2), that the message names the file
 * and the field or offset and says what to do, that no stack trace is printed (unless
 * {@code --verbose}, checked for the cases marked so), and that a previous run's {@code metrics.csv}
 * beside the new run directory is byte-identical afterwards; the train cases are run a second time with
 * {@code --overwrite} onto a previous run of the same name, whose results must be put back as they were.
 * docs/reliability.md lists these cases and their messages.
 */
class BadInputCatalogueTest {

    @TempDir
    static Path work;

    static Path classes;

    /** Cases found only once training has begun (images are decoded batch by batch): their run directory stays. */
    private static final java.util.Set<String> STARTS_TRAINING = java.util.Set.of("corrupt JPEG");

    private static final byte[] PREVIOUS_METRICS = "iteration,epoch,d_loss\n1,1,0.5\n".getBytes(StandardCharsets.UTF_8);

    /** What a case sets up: returns the command-line arguments. */
    interface Setup {
        String[] args(Path dir) throws Exception;
    }

    /** One bad input: its setup, the exit code and fragments the message must contain. */
    record Case(String name, Setup setup, int code, boolean verbose, List<String> fragments, List<String> absent) {
        Case(String name, Setup setup, int code, boolean verbose, List<String> fragments) {
            this(name, setup, code, verbose, fragments, List.of());
        }

        /** This case whose message must also not contain {@code text}. */
        Case butNot(String text) {
            return new Case(name, setup, code, verbose, fragments, List.of(text));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The messages seen, written to target/bad-input-messages.md for docs/reliability.md. */
    private static final List<String> MESSAGES = java.util.Collections.synchronizedList(new ArrayList<>());

    @org.junit.jupiter.api.AfterAll
    static void writeMessages() throws IOException {
        Files.write(Path.of("target/bad-input-messages.md"), MESSAGES);
    }

    @BeforeAll
    static void compilePlugins() throws Exception {
        classes = PluginJars.compile(work.resolve("build"), Map.of(
                "acme.AcmePlugin", PluginJars.plugin("acme", "AcmePlugin", "Loss.class, \"acme-loss\", AcmeLoss.class"),
                "acme.AcmeLoss", PluginJars.loss("acme", "AcmeLoss", "the ACME test loss"),
                "rival.RivalPlugin", PluginJars.plugin("rival", "RivalPlugin", "Loss.class, \"acme-loss\", RivalLoss.class"),
                "rival.RivalLoss", PluginJars.loss("rival", "RivalLoss", "a rival"),
                "sneaky.SneakyPlugin", PluginJars.plugin("sneaky", "SneakyPlugin", "Loss.class, \"sneaky-loss\", SneakyLoss.class"),
                // A loss reaching into the engine: refused at load, whatever it would do.
                "sneaky.SneakyLoss", PluginJars.loss("sneaky", "SneakyLoss", "uses an engine class").replaceFirst("\\n}\\s*$",
                        "\n    static long seed() { return org.gan4j.core.train.Seeds.derive(1, \"x\"); }\n}\n")));
    }

    // ---- fixtures ----

    /** A valid MNIST-like directory: the two test-split files, 64 images of 28 x 28. */
    static Path mnist(Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("mnist"));
        Files.write(d.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(64, 28, 28, 0x803)));
        Files.write(d.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(64)));
        return d;
    }

    static byte[] images(int count, int rows, int columns, int magic) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * columns);
        b.putInt(magic).putInt(count).putInt(rows).putInt(columns);
        for (int i = 0; i < count * rows * columns; i++) {
            b.put((byte) (i * 7));
        }
        return b.array();
    }

    static byte[] labels(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(0x801).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % 10));
        }
        return b.array();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String slash(Path p) {
        return p.toString().replace("\\", "/");
    }

    /** The valid config, with {@code data}, {@code generator}, ... lines replaceable by key. */
    static String config(Path dir, Path data, Map<String, String> replace) {
        Map<String, String> lines = new java.util.LinkedHashMap<>();
        lines.put("name", "name: current");
        lines.put("seed", "seed: 7");
        lines.put("data", "data: { type: mnist, path: \"" + slash(data) + "\", split: test }");
        lines.put("generator", "generator: { type: mlp, latentSize: 8, hidden: [16], dropout: 0.3 }");
        lines.put("discriminator", "discriminator: { type: mlp, hidden: [16] }");
        lines.put("loss", "loss: { type: non-saturating }");
        lines.put("schedule", "schedule: { type: alternating, iterations: 2, batchSize: 8 }");
        lines.put("optimizer", "optimizer: { generator: { type: adam, lr: 2.0e-4 }, discriminator: { type: adam, lr: 2.0e-4 } }");
        lines.put("output", "output: { dir: \"" + slash(dir.resolve("runs")) + "\", sampleCount: 4 }");
        lines.putAll(replace);
        StringBuilder b = new StringBuilder();
        lines.values().stream().filter(l -> !l.isEmpty()).forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    static String[] train(Path dir, String text, String... extra) throws IOException {
        Path file = Files.writeString(dir.resolve("config.yaml"), text);
        List<String> args = new ArrayList<>(List.of("train", file.toString()));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    /** A train case: the valid config with the given lines replaced, on valid data. */
    static Setup trainWith(String... keyLine) {
        return dir -> {
            Map<String, String> m = new java.util.HashMap<>();
            Path data = mnist(dir);
            for (int i = 0; i < keyLine.length; i += 2) {
                m.put(keyLine[i], keyLine[i + 1].replace("\"DATA\"", "\"" + slash(data) + "\""));
            }
            m.replaceAll((k, v) -> v.replace("RUNS", slash(dir.resolve("runs"))));
            return train(dir, config(dir, data, m));
        };
    }

    /** A train case on MNIST data damaged by {@code damage}. */
    interface Damage {
        void apply(Path mnist) throws Exception;
    }

    static Setup trainOnDamaged(Damage damage) {
        return dir -> {
            Path data = mnist(dir);
            damage.apply(data);
            return train(dir, config(dir, data, Map.of()));
        };
    }

    static Setup trainWithPlugins(PluginDir plugins) {
        return dir -> {
            Path p = plugins.make(dir.resolve("plugins"));
            return train(dir, config(dir, mnist(dir), Map.of()), "--plugins", p.toString());
        };
    }

    interface PluginDir {
        Path make(Path dir) throws Exception;
    }

    static Path jar(Path dir, String pkg, String service, Map<String, String> manifest) throws IOException {
        Files.createDirectories(dir);
        return PluginJars.jar(dir.resolve(pkg + "-plugin.jar"), classes, pkg, service, manifest);
    }

    static Path imageFolder(Path dir, boolean corrupt) throws IOException {
        Path d = Files.createDirectories(dir.resolve("faces"));
        for (int i = 0; i < 4; i++) {
            BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
            img.setRGB(i, i, 0xff0000);
            ImageIO.write(img, "jpg", d.resolve("face-" + i + ".jpg").toFile());
        }
        if (corrupt) {
            byte[] good = Files.readAllBytes(d.resolve("face-0.jpg"));
            Files.write(d.resolve("face-2.jpg"), Arrays.copyOf(good, 40));
        }
        return d;
    }

    static Case bad(String name, Setup setup, String... fragments) {
        return new Case(name, setup, 2, false, List.of(fragments));
    }

    static Case badVerbose(String name, Setup setup, String... fragments) {
        return new Case(name, setup, 2, true, List.of(fragments));
    }

    static Stream<Case> cases() {
        return Stream.of(
                // ---- the config file ----
                bad("missing config file", dir -> new String[] {"train", dir.resolve("nope.yaml").toString()},
                        "nope.yaml", "no such config file", "Check the path"),
                badVerbose("malformed YAML", dir -> train(dir, "name: x\ndata: { type: mnist, path: [\n"),
                        "config.yaml", "line"),
                bad("malformed JSON", dir -> {
                    Path f = Files.writeString(dir.resolve("config.json"), "{ \"name\": \"x\", \"seed\": 7,, }");
                    return new String[] {"train", f.toString()};
                }, "config.json:1:26", "Check the brackets"),
                bad("empty config", dir -> train(dir, ""), "config.yaml", "empty", "see the examples in examples/"),
                bad("wrong type", trainWith("schedule", "schedule: { type: alternating, iterations: 2, batchSize: many }"),
                        "config.yaml", "schedule.batchSize", "many"),
                bad("unknown field", trainWith("generator", "generator: { type: mlp, hiden: [16] }"),
                        "config.yaml", "generator", "hiden", "hidden"),
                bad("unknown top-level field", trainWith("seed", "sead: 7"), "config.yaml", "sead", "seed"),
                // ---- out-of-range values ----
                badVerbose("negative batch size", trainWith("schedule", "schedule: { type: alternating, iterations: 2, batchSize: -4 }"),
                        "config.yaml", "schedule.batchSize", "-4"),
                bad("learning rate 0", trainWith("optimizer", "optimizer: { generator: { type: adam, lr: 0 } }"),
                        "config.yaml", "optimizer.generator.lr", "0"),
                bad("ema 1", trainWith("optimizer", "optimizer: { ema: 1.0 }"),
                        "config.yaml", "optimizer.ema", "1.0", "[0.0, 1.0)"),
                bad("dropout 1", trainWith("generator", "generator: { type: mlp, hidden: [16], dropout: 1.0 }"),
                        "config.yaml", "generator.dropout", "1.0"),
                bad("zero-size layer", trainWith("discriminator", "discriminator: { type: mlp, hidden: [16, 0] }"),
                        "config.yaml", "discriminator.hidden", "0"),
                bad("DCGAN image size 48", trainWith("generator", "generator: { type: dcgan, imageSize: 48 }"),
                        "config.yaml", "generator.imageSize", "48", "32 or 64"),
                bad("unknown loss", trainWith("loss", "loss: { type: nonsense }"),
                        "config.yaml", "loss.type", "unknown loss 'nonsense'", "non-saturating, ", "Run gan4j plugins")
                        .butNot(".."),
                bad("unknown split", trainWith("data", "data: { type: mnist, path: somewhere, split: validation }"),
                        "config.yaml", "data.split", "validation", "train"),
                // ---- data ----
                bad("missing data directory", trainWith("data", "data: { type: mnist, path: \"" + "/nonexistent/mnist" + "\", split: test }"),
                        "/nonexistent/mnist", "download"),
                badVerbose("missing IDX file", trainOnDamaged(d -> Files.delete(d.resolve("t10k-labels-idx1-ubyte.gz"))),
                        "t10k-labels-idx1-ubyte.gz", "download"),
                bad("truncated gzip", trainOnDamaged(d -> {
                    Path f = d.resolve("t10k-images-idx3-ubyte.gz");
                    byte[] b = Files.readAllBytes(f);
                    Files.write(f, Arrays.copyOf(b, b.length / 2));
                }), "t10k-images-idx3-ubyte.gz", "truncated"),
                bad("wrong IDX magic", trainOnDamaged(d -> Files.write(d.resolve("t10k-images-idx3-ubyte.gz"),
                        gzip(images(64, 28, 28, 0x1234)))), "t10k-images-idx3-ubyte.gz", "magic"),
                bad("image/label count mismatch", trainOnDamaged(d -> Files.write(d.resolve("t10k-labels-idx1-ubyte.gz"),
                        gzip(labels(50)))), "t10k-labels-idx1-ubyte.gz", "50", "64"),
                bad("28x28 MNIST into DCGAN without padTo", trainWith(
                        "generator", "generator: { type: dcgan, latentSize: 8, ngf: 4 }",
                        "discriminator", "discriminator: { type: dcgan, ndf: 4 }"),
                        "28x28", "data.padTo: 32"),
                bad("corrupt JPEG", dir -> {
                    Path faces = imageFolder(dir, true);
                    return train(dir, config(dir, faces, Map.of("data",
                            "data: { type: image-folder, path: \"" + slash(faces) + "\", imageSize: 32, channels: 1, threads: 1 }",
                            "schedule", "schedule: { type: alternating, iterations: 2, batchSize: 2 }")));
                }, "face-2.jpg", "onCorrupt"),
                bad("empty image folder", dir -> {
                    Path empty = Files.createDirectories(dir.resolve("empty"));
                    return train(dir, config(dir, empty, Map.of("data",
                            "data: { type: image-folder, path: \"" + slash(empty) + "\", imageSize: 32, channels: 1 }")));
                }, "empty", ".png"),
                bad("missing image folder", trainWith("data", "data: { type: image-folder, path: /nonexistent/faces, imageSize: 32 }"),
                        "/nonexistent/faces", "path"),
                // ---- labels (conditional models) ----
                bad("conditional models on unlabelled data", dir -> {
                    Path faces = imageFolder(dir, false);
                    return train(dir, config(dir, faces, Map.of("data",
                            "data: { type: image-folder, path: \"" + slash(faces) + "\", imageSize: 32, channels: 1 }",
                            "generator", "generator: { type: mlp, latentSize: 8, hidden: [16], condition: concat }",
                            "discriminator", "discriminator: { type: mlp, hidden: [16], condition: projection }",
                            "schedule", "schedule: { type: alternating, iterations: 2, batchSize: 2 }")));
                }, "the generator 'mlp' and the discriminator 'mlp' are conditional", "the data 'image-folder' has no labels",
                        "Use labelled data"),
                bad("conditional generator, unconditional discriminator", trainWith(
                        "generator", "generator: { type: mlp, latentSize: 8, hidden: [16], condition: concat }"),
                        "the generator 'mlp' is conditional but the discriminator 'mlp' is not", "discriminator.condition"),
                bad("unknown condition", trainWith("discriminator", "discriminator: { type: mlp, hidden: [16], condition: sideways }"),
                        "config.yaml", "discriminator.condition", "sideways", "none, concat, projection, auxiliary"),
                bad("class names that do not fit the labels", trainWith("data",
                        "data: { type: mnist, path: \"DATA\", split: test, classNames: [zero, one] }"),
                        "data.classNames", "2 classes", "0 to 9"),
                bad("--class on an unconditional run", dir -> {
                    CliRun.Result trained = CliRun.run(train(dir, config(dir, mnist(dir), Map.of())));
                    assertThat(trained.code()).as(trained.err()).isZero();
                    return new String[] {"sample", dir.resolve("runs/current").toString(), "--class", "7"};
                }, "--class 7", "not conditional", "Leave out --class"),
                bad("--class out of range", dir -> {
                    CliRun.Result trained = CliRun.run(train(dir, config(dir, mnist(dir), Map.of(
                            "generator", "generator: { type: mlp, latentSize: 8, hidden: [16], condition: concat, embedding: 4 }",
                            "discriminator", "discriminator: { type: mlp, hidden: [16], condition: projection }"))));
                    assertThat(trained.code()).as(trained.err()).isZero();
                    return new String[] {"sample", dir.resolve("runs/current").toString(), "--class", "12"};
                }, "--class 12 is out of range", "0-9"),
                bad("--class that is no class name", dir -> {
                    CliRun.Result trained = CliRun.run(train(dir, config(dir, mnist(dir), Map.of(
                            "generator", "generator: { type: mlp, latentSize: 8, hidden: [16], condition: concat, embedding: 4 }",
                            "discriminator", "discriminator: { type: mlp, hidden: [16], condition: auxiliary }"))));
                    assertThat(trained.code()).as(trained.err()).isZero();
                    return new String[] {"sample", dir.resolve("runs/current").toString(), "--class", "seven"};
                }, "--class seven is not a class", "0-9"),
                // ---- plugins ----
                bad("plugins path is a file", trainWithPlugins(p -> Files.writeString(
                        Files.createDirectories(p.getParent()).resolve("plugins.txt"), "not a folder")),
                        "plugins.txt", "directory"),
                bad("unreadable plugins directory", dir -> {
                    // chmod 000 does not stop root; the case is skipped there (see the assumption below).
                    Path p = jar(dir.resolve("plugins"), "acme", "acme.AcmePlugin\n", Map.of()).getParent();
                    Files.setPosixFilePermissions(p, java.util.Set.of());
                    return train(dir, config(dir, mnist(dir), Map.of()), "--plugins", p.toString());
                }, "plugins", "permission"),
                badVerbose("plugin jar with a missing class", trainWithPlugins(p -> jar(p, "acme", "acme.Missing\n", Map.of()).getParent()),
                        "acme-plugin.jar", "acme.Missing"),
                bad("two plugins with the same name", trainWithPlugins(p -> {
                    jar(p, "acme", "acme.AcmePlugin\n", Map.of());
                    return jar(p, "rival", "rival.RivalPlugin\n", Map.of()).getParent();
                }), "acme-loss", "acme-plugin.jar", "rival-plugin.jar"),
                bad("plugin for SPI version 1", trainWithPlugins(p -> jar(p, "acme", "acme.AcmePlugin\n",
                        Map.of("Gan4j-SPI-Version", "1")).getParent()), "acme-plugin.jar", "Gan4j-SPI-Version", "1"),
                bad("plugin referring to an engine class", trainWithPlugins(p -> jar(p, "sneaky", "sneaky.SneakyPlugin\n",
                        Map.of("Gan4j-SPI-Version", "2")).getParent()), "sneaky-plugin.jar", "sneaky.SneakyLoss",
                        "org.gan4j.core.train.Seeds", "Plugins may use only the packages org.gan4j.api"),
                // ---- runs and output ----
                bad("resume of a directory that is not a run", dir -> new String[] {"train", "--resume", dir.resolve("runs/previous").toString()},
                        "runs/previous", "checkpoints/config.json", "Give the directory a gan4j train run wrote"),
                bad("resume of a file, not a directory", dir -> new String[] {"train", "--resume",
                        Files.writeString(dir.resolve("notes.txt"), "a file").toString()},
                        "notes.txt", "is a file, not a run directory", "runs/<name>"),
                bad("sample of a run's generator.zip instead of its directory", dir -> {
                    Path zip = Files.createDirectories(dir.resolve("runs/done")).resolve("generator.zip");
                    Files.write(zip, new byte[] {1, 2, 3});
                    return new String[] {"sample", zip.toString(), "-n", "4"};
                }, "generator.zip", "is a file, not a run directory", "runs/done"),
                bad("config path naming a directory", dir -> new String[] {"train",
                        Files.createDirectories(dir.resolve("configs")).toString()},
                        "configs", "is a directory, not a config file"),
                bad("output directory under a regular file", dir -> {
                    Path file = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
                    return train(dir, config(dir, mnist(dir), Map.of("output", "output: { dir: \"" + slash(file.resolve("runs")) + "\" }")));
                }, "blocker", "Not a directory", "output.dir"),
                bad("sample written under a regular file", dir -> {
                    CliRun.Result trained = CliRun.run(train(dir, config(dir, mnist(dir), Map.of())));
                    assertThat(trained.code()).as(trained.err()).isZero();
                    Path file = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
                    return new String[] {"sample", dir.resolve("runs/current").toString(), "-n", "4",
                        "-o", file.resolve("grid.png").toString()};
                }, "blocker/grid.png", "--output"),
                bad("read-only output directory (/proc)", trainWith("output", "output: { dir: /proc/gan4j-runs }"),
                        "/proc/gan4j-runs", "output.dir"),
                // ---- issue 12: run names that would leave output.dir ----
                bad("run name with a separator", trainWith("name", "name: nested/current"),
                        "config.yaml:1:", "name", "path separator '/'"),
                bad("run name '..'", trainWith("name", "name: \"..\""), "config.yaml:1:", "name", "'..'"),
                bad("run name with a control character", trainWith("name", "name: \"cur\\u0007rent\""),
                        "config.yaml:1:", "control character U+0007"),
                bad("run name of 300 bytes", trainWith("name", "name: " + "r".repeat(300)), "name", "300 bytes", "at most 200"),
                // ---- issue 12: sizes that cannot fit in memory, refused before allocating ----
                bad("a discriminator layer of 400 million units", trainWith("discriminator",
                        "discriminator: { type: mlp, hidden: [16, 400000000] }"),
                        "discriminator.hidden[1]", "parameters", "native memory", "smaller"),
                bad("a batch of 20 million images", trainWith("schedule", "schedule: { type: alternating, iterations: 2, batchSize: 20000000 }"),
                        "schedule.batchSize", "native memory"),
                bad("a ring of 1.5 billion points", trainWith("data", "data: { type: ring, size: 1500000000 }",
                        "generator", "generator: { type: mlp, latentSize: 8, hidden: [16], output: linear }"),
                        "data.size", "Java heap", "smaller"),
                bad("a grid of 60,000 x 60,000 modes", trainWith("data", "data: { type: grid, side: 60000, size: 64 }",
                        "generator", "generator: { type: mlp, latentSize: 8, hidden: [16], output: linear }"),
                        "data.side", "Java heap", "smaller"),
                bad("a sample grid of a billion", trainWith("output", "output: { dir: \"" + "RUNS" + "\", sampleCount: 1000000000 }"),
                        "output.sampleCount", "native memory"),
                // ---- issue 12: the edges of the config format ----
                bad("a YAML alias", trainWith("generator", "generator: &g { type: mlp, latentSize: 8, hidden: [16] }",
                        "discriminator", "discriminator: { type: mlp, hidden: [16], dropout: *d }"),
                        "config.yaml:5:", "alias *d", "write the value out"),
                bad("sections nested 1500 deep", trainWith("seed", "seed: " + "[".repeat(1500) + "]".repeat(1500)),
                        "config.yaml:2:", "nested more than 1000 levels"),
                bad("sections indented 1,100 levels deep", trainWith("seed", "seed: 7\nextra:\n"
                        + java.util.stream.IntStream.range(0, 1100).mapToObj(i -> " ".repeat(i + 1) + "k:\n").collect(java.util.stream.Collectors.joining())
                        + " ".repeat(1101) + "v: 1"),
                        "config.yaml:1", "nested more than 1000 levels"),
                bad("a 2 MB config", trainWith("seed", "seed: 7\n" + ("# padding " + "x".repeat(1000) + "\n").repeat(2100)),
                        "config.yaml", "too large", "(limit 1 MB)"),
                bad("data.path naming a file", dir -> train(dir, config(dir, mnist(dir).resolve("t10k-images-idx3-ubyte.gz"), Map.of())),
                        "t10k-images-idx3-ubyte.gz", "is a file, not a directory"),
                bad("negative --max-iterations", dir -> train(dir, config(dir, mnist(dir), Map.of()), "--max-iterations", "-1"),
                        "--max-iterations", "-1"),
                // ---- issue 12: metrics and experiments checked before training ----
                bad("classifier-fid on 2-D grid data", trainWith("data", "data: { type: grid }",
                        "generator", "generator: { type: mlp, latentSize: 8, hidden: [16], output: linear }",
                        "metrics", "metrics: [ { type: classifier-fid, every: 0 } ]"),
                        "classifier-fid", "needs images", "Remove the metric"),
                bad("mode-coverage on an image folder", dir -> {
                    Path faces = imageFolder(dir, false);
                    return train(dir, config(dir, faces, Map.of("data",
                            "data: { type: image-folder, path: \"" + slash(faces) + "\", imageSize: 32, channels: 1 }",
                            "metrics", "metrics: [ { type: mode-coverage, every: 0 } ]")));
                }, "mode-coverage", "Gaussian mixture", "ring or grid"),
                bad("rankBy a value the metric does not report", experiment("rankBy: mode-coverage.coverage",
                        "data: { type: ring, size: 64 }", "metrics: [ { type: mode-coverage } ]"),
                        "experiment.yaml", "rankBy", "mode-coverage.coverage", "mode-coverage.modes"),
                bad("a metric that does not fit one cell's data", experiment("rankBy: mode-coverage.modes",
                        "data: { type: ring, size: 64 }", "metrics: [ { type: mode-coverage } ]",
                        "axes: { data: [ { type: ring, size: 64 }, { type: mnist, path: \"MNIST\", split: test } ] }"),
                        "experiment.yaml", "cell data=type-mnist", "mode-coverage", "Gaussian mixture"),
                // ---- issue 12: damaged weights, read in Java ----
                bad("generator.zip whose array is float64 in a float32 header", dir -> {
                    CliRun.Result trained = CliRun.run(train(dir, config(dir, mnist(dir), Map.of())));
                    assertThat(trained.code()).as(trained.err()).isZero();
                    Path weights = dir.resolve("runs/current/generator.zip");
                    Map<String, byte[]> entries = DamagedArchiveFuzzTest.read(Files.readAllBytes(weights));
                    String npy = new String(entries.get("parameters.npy"), StandardCharsets.ISO_8859_1);
                    entries.put("parameters.npy", npy.replace("'<f4'", "'<f8'").getBytes(StandardCharsets.ISO_8859_1));
                    Files.write(weights, DamagedArchiveFuzzTest.write(entries));
                    return new String[] {"sample", dir.resolve("runs/current").toString(), "-n", "4"};
                }, "generator.zip", "damaged", "parameters.npy", "bytes of data"));
    }

    /**
     * A {@code compare} case: an experiment over seeds 1 and 2 whose base is the valid config with
     * {@code data} and {@code metrics} lines replaced, {@code header} (e.g. rankBy) on top, and optional
     * other axes; "MNIST" in the text stands for the MNIST directory.
     */
    static Setup experiment(String header, String data, String metrics, String... axes) {
        return dir -> {
            String base = config(dir, mnist(dir), Map.of("data", data, "metrics", metrics,
                    "generator", "generator: { type: mlp, latentSize: 8, hidden: [16], output: linear }",
                    "output", "output: { sampleCount: 4 }")).replace("MNIST", slash(mnist(dir)));
            Files.writeString(dir.resolve("base.yaml"), base);
            Path file = Files.writeString(dir.resolve("experiment.yaml"), header + "\noutput: \"" + slash(dir.resolve("runs"))
                    + "\"\nbase: base.yaml\n" + (axes.length > 0 ? axes[0].replace("MNIST", slash(mnist(dir))) : "axes: { seed: [1, 2] }")
                    + "\n");
            return new String[] {"compare", file.toString()};
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithAMessageAndLeavesThePreviousRunAlone(Case c) throws Exception {
        Path dir = Files.createDirectories(work.resolve(c.name().replaceAll("[^A-Za-z0-9]+", "-")));
        Path previous = Files.createDirectories(dir.resolve("runs/previous")).resolve("metrics.csv");
        Files.write(previous, PREVIOUS_METRICS);
        if (c.name().startsWith("unreadable")) {
            assumeTrue(!"root".equals(System.getProperty("user.name")),
                    "running as root: permissions are not enforced, so chmod 000 cannot make a directory unreadable");
        }
        String[] args = c.setup().args(dir);

        CliRun.Result r = CliRun.run(args);

        MESSAGES.add("| " + c.name() + " | " + r.code() + " | " + r.err().strip().replace(work.toString(), "$TMP") + " |");
        assertThat(r.code()).as("exit code; err: %s", r.err()).isEqualTo(c.code());
        assertThat(r.err()).contains(c.fragments()).doesNotContain("\tat ", "internal error");
        for (String text : c.absent()) {
            assertThat(r.err()).doesNotContain(text);
        }
        assertThat(r.out()).doesNotContain("\tat ");
        assertThat(Files.readAllBytes(previous)).as("the previous run's metrics.csv").isEqualTo(PREVIOUS_METRICS);
        if (c.verbose()) {
            String[] verbose = Stream.concat(Arrays.stream(args), Stream.of("--verbose")).toArray(String[]::new);
            CliRun.Result v = CliRun.run(verbose);
            assertThat(v.code()).isEqualTo(c.code());
            assertThat(v.err()).contains(c.fragments()).contains("\tat ");
        }
        if (args[0].equals("compare")) {
            try (Stream<Path> all = Files.list(dir.resolve("runs"))) {
                // not even an empty experiment directory: the refusal leaves runs/ as it was
                assertThat(all.map(p -> p.getFileName().toString())).as("what the refused comparison left").containsExactly("previous");
            }
        }
        if (args[0].equals("train") && !STARTS_TRAINING.contains(c.name())) {
            // nothing left behind that would make the same command, once the input is fixed, refuse to start
            assertThat(dir.resolve("runs/current")).as("the failed run's directory").doesNotExist();

            // Again with --overwrite onto a previous run of the same name: refused the same way, its results put back.
            Path same = Files.createDirectories(dir.resolve("runs/current")).resolve("metrics.csv");
            Files.write(same, PREVIOUS_METRICS);
            String[] overwrite = Stream.concat(Arrays.stream(args), Stream.of("--overwrite")).toArray(String[]::new);
            CliRun.Result o = CliRun.run(overwrite);
            assertThat(o.code()).as("exit code with --overwrite; err: %s", o.err()).isEqualTo(c.code());
            assertThat(o.err()).contains(c.fragments()).doesNotContain("\tat ");
            try (Stream<Path> left = Files.walk(dir.resolve("runs/current"))) {
                assertThat(left.map(p -> dir.resolve("runs/current").relativize(p).toString()))
                        .as("the run directory after a refused --overwrite").containsExactlyInAnyOrder("", "metrics.csv");
            }
            assertThat(Files.readAllBytes(same)).isEqualTo(PREVIOUS_METRICS);
        }
    }
}

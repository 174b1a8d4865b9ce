package org.gan4j.embed.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gan4j.embed.BuiltInGenerators;
import org.gan4j.embed.Gan4j;
import org.gan4j.embed.TrainedGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Python snippet of docs/exporting.md, run as written by PyTorch (skipped when
 * {@code /usr/bin/python3} has no torch: {@code apt-get install python3-torch}): it loads gan4j's
 * NPZ exports of the quickstart's MLP and of the DCGAN generator into the seed's PyTorch models, and
 * those give gan4j's samples within 1e-5.
 */
class NpzSnippetTest {

    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void theDocumentedSnippetLoadsTheExportsIntoTheSeedsPyTorchModels() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)) && python(dir, null, "-c", "import torch") == 0,
                "no PyTorch for " + PYTHON);
        Gan4j gan = Gan4j.create();
        BuiltInGenerators.Case mlp = BuiltInGenerators.CASES.get(0); // the quickstart's shape: h = 128
        BuiltInGenerators.Case dcgan = new BuiltInGenerators.Case("dcgan-64", "{\"type\":\"dcgan\",\"latentSize\":100,\"ngf\":64}",
                new long[] {1, 32, 32});
        export(gan, mlp, "quickstart");
        export(gan, dcgan, "mnist-dcgan");

        String snippet = pythonBlock(Files.readString(root().resolve("docs/exporting.md")));
        Path script = Files.writeString(dir.resolve("snippet.py"), snippet + """

                def worst(model, name):
                    z = torch.from_numpy(np.load(name + "-z.npy"))
                    want = np.load(name + "-samples.npy")
                    with torch.no_grad():
                        got = model(z).reshape(want.shape).numpy()
                    return float(np.abs(got - want).max())

                print("mlp", worst(mlp, "quickstart"))
                print("dcgan", worst(dcgan, "mnist-dcgan"))
                """);
        Path out = dir.resolve("python.out");
        assertThat(python(dir, out, script.toString())).as(Files.readString(out)).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            assertThat(Double.parseDouble(line.split(" ")[1])).as(line).isLessThanOrEqualTo(1e-5);
        }
    }

    /** Writes {@code runs/<name>/generator.npz} and 8 latents with gan4j's samples of them. */
    private void export(Gan4j gan, BuiltInGenerators.Case c, String name) throws Exception {
        Path run = Files.createDirectories(dir.resolve("runs").resolve(name));
        BuiltInGenerators.archive(BuiltInGenerators.build(gan, c, 21), c, run, 21);
        TrainedGenerator g = gan.load(run);
        NpzExport.write(g.network(), name, run.resolve("generator.npz"));
        INDArray z = g.latents(8, 3);
        Nd4j.writeAsNumpy(z.castTo(DataType.FLOAT), dir.resolve(name + "-z.npy").toFile());
        Nd4j.writeAsNumpy(g.generate(z).castTo(DataType.FLOAT), dir.resolve(name + "-samples.npy").toFile());
    }

    static String pythonBlock(String markdown) {
        Matcher m = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(m.find()).as("a python block in docs/exporting.md").isTrue();
        return m.group(1);
    }

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
    }

    /** Runs {@code python3 args...} in {@code cwd}, its output to {@code out} (null: discarded); the exit code. */
    private static int python(Path cwd, Path out, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}

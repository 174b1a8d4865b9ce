package org.gan4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.train.RunInfo;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.core.config.OptimizerSettings;
import org.gan4j.core.config.OutputSettings;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.optim.SgdSpec;
import org.gan4j.core.train.Fakes;
import org.gan4j.core.train.TrainOptions;

/**
 * Issue 13: for any set of files already in a run directory (gan4j's own names, nested or not, a
 * user's files, hidden and temporary ones, with any bytes), a {@code train --overwrite} that is
 * refused leaves every one of them in place byte for byte and adds nothing. Refused either when the
 * data opens (before any listener) or by a listener at the start of training (after the built-in
 * ones wrote the manifest, the CSV headers and the saved config).
 *
 * <p>Not generated: the hidden set-aside folder and the lock file, which a refused command does
 * change on purpose (results left set aside by a killed run are put back; a stale lock is taken over).
 */
class RefusedOverwritePropertyTest {

    private static final List<String> TOP = List.of("manifest.json", "metrics.csv", "timing.csv", "loss-curves.png",
            "generator.zip", "discriminator.zip", "samples", "checkpoints", "metrics-eval.csv", "evaluation.json",
            "notes.txt", "my-analysis", ".hidden", ".manifest.json.tmp", "run.yaml", "samples.bak");
    private static final List<String> NESTED = List.of("config.json", "checkpoint-000000004.zip", "epoch-001.png",
            "final.png", ".checkpoint-000000008.zip.tmp", "notes.txt", "deeper/x.bin");

    enum Refusal { DATA, LISTENER }

    /** Throws bad input when training starts, after the built-in listeners' onStart. */
    static final class Refuser implements TrainingListener {
        @Override
        public void onStart(RunInfo run) {
            throw Gan4jException.badInput("refused by a listener");
        }
    }

    static final Module REFUSER = new AbstractModule() {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), TrainingListener.class).addBinding().to(Refuser.class);
        }
    };

    @Provide
    Arbitrary<Map<String, byte[]>> files() {
        Arbitrary<String> path = Combinators.combine(Arbitraries.of(TOP), Arbitraries.of(NESTED).optional())
                .as((top, nested) -> nested.map(n -> top + "/" + n).orElse(top));
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        return Arbitraries.maps(path, bytes).ofMaxSize(12);
    }

    @Property(tries = 30)
    void aRefusedOverwriteLeavesEveryFileAsItWas(@ForAll("files") Map<String, byte[]> files, @ForAll Refusal refusal)
            throws IOException {
        Path base = Files.createTempDirectory("gan4j-overwrite");
        try {
            Path dir = base.resolve("runs/r");
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> f : consistent(files).entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            Map<String, String> before = snapshot(dir);

            RunConfig config = new RunConfig("r", 1L, new Fakes.ToyDataSpec(new long[] {2}, refusal == Refusal.DATA ? 0 : 16),
                    new Fakes.LinearGenSpec(2), new Fakes.LinearDiscSpec(1.0), new Fakes.BceSpec(), new Fakes.Schedule(8, 1, 0, 1, 1),
                    new OptimizerSettings(new SgdSpec(0.05), new SgdSpec(0.05)), OutputSettings.defaults(), null);
            TrainOptions options = TrainOptions.defaults().withBaseDirectory(base).withOverwrite(true)
                    .withProgress(new PrintStream(new ByteArrayOutputStream()));
            assertThatThrownBy(() -> TrainingRun.execute(config, refusal == Refusal.LISTENER ? List.of(REFUSER) : List.of(), options))
                    .isInstanceOf(Gan4jException.class);

            assertThat(snapshot(dir)).isEqualTo(before);
        } finally {
            PreparedRunDirectory.deleteRecursively(base);
        }
    }

    /** The files without those whose path needs another of them to be a directory (a path cannot be both). */
    private static Map<String, byte[]> consistent(Map<String, byte[]> files) {
        Map<String, byte[]> kept = new LinkedHashMap<>();
        List<String> taken = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String p = f.getKey();
            boolean clash = taken.stream().anyMatch(t -> t.startsWith(p + "/") || p.startsWith(t + "/"));
            if (!clash) {
                kept.put(p, f.getValue());
                taken.add(p);
            }
        }
        return kept;
    }

    /** Relative path to hex content ("/" for a directory), the directory itself left out. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(p -> !p.equals(dir)).toList()) {
                all.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "/" : HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return all;
    }
}

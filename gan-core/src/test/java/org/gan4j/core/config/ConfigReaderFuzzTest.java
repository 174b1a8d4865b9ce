package org.gan4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.plugin.ComponentRegistry;

/**
 * Fuzzing the config reader (issue 5): random YAML/JSON-like text and mutations of a valid config
 * (characters deleted, duplicated, swapped or replaced, the text truncated) are either read or
 * refused with a {@link Gan4jException}, never another exception, and each within seconds.
 */
class ConfigReaderFuzzTest {

    static final String YAML = """
            name: fuzz
            seed: 7
            data: {type: test-data, path: "${DATA:-data}/d"}
            generator:
              type: test-gen
              hidden: [4, 5]
            discriminator: {type: test-disc, hidden: [3]}
            loss: {type: minimax}
            schedule: {type: alternating, iterations: 10, batchSize: 8}
            optimizer:
              generator: {type: adam, lr: 2.0e-4, beta1: 0.5}
              discriminator: {type: sgd, lr: 0.01}
            output: {dir: runs, sampleCount: 4}
            """;

    static final String JSON = """
            {"name": "fuzz", "seed": 7, "data": {"type": "test-data", "path": "d"},
             "generator": {"type": "test-gen", "hidden": [4, 5]}, "discriminator": {"type": "test-disc", "hidden": [3]},
             "loss": {"type": "minimax"}, "schedule": {"type": "alternating", "iterations": 10, "batchSize": 8},
             "optimizer": {"generator": {"type": "adam", "lr": 2.0e-4}, "discriminator": {"type": "sgd", "lr": 0.01}},
             "output": {"dir": "runs", "sampleCount": 4}}
            """;

    private static final String CHARS = "{}[]:,-\"'#&*!|>?%@` \n\t\\abcdefgtypnmlu0123456789.e+";

    private static final ComponentRegistry REGISTRY = TestComponents.registry();
    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("gan4j-config-fuzz");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    /** Reads {@code text} from a file with the given extension: a config or a Gan4jException, within 5 s. */
    static void readsOrRefuses(String text, String extension) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            Path file = Files.writeString(dir.resolve("config." + extension), text);
            try {
                RunConfig config = ConfigReader.read(file, REGISTRY, Map.<String, String>of()::get);
                assertThat(config).isNotNull();
            } catch (Gan4jException e) {
                assertThat(e.exitCode()).isEqualTo(Gan4jException.BAD_INPUT);
                assertThat(e.getMessage()).isNotBlank();
            }
        });
    }

    @Example
    void theSeedsAreValid() {
        Map<String, String> env = Map.of();
        for (String[] seed : List.of(new String[] {YAML, "yaml"}, new String[] {JSON, "json"})) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                Path file = Files.writeString(dir.resolve("seed." + seed[1]), seed[0]);
                assertThat(ConfigReader.read(file, REGISTRY, env::get).seed()).isEqualTo(7);
            });
        }
    }

    @Property(tries = 300)
    void randomText(@ForAll("noise") String text, @ForAll("extension") String extension) {
        readsOrRefuses(text, extension);
    }

    @Property(tries = 400)
    void mutatedYaml(@ForAll("edits") List<Edit> edits) {
        readsOrRefuses(apply(YAML, edits), "yaml");
    }

    @Property(tries = 300)
    void mutatedJson(@ForAll("edits") List<Edit> edits) {
        readsOrRefuses(apply(JSON, edits), "json");
    }

    @Property(tries = 100)
    void truncated(@ForAll("fraction") double fraction, @ForAll("extension") String extension) {
        String seed = extension.equals("json") ? JSON : YAML;
        readsOrRefuses(seed.substring(0, (int) (fraction * seed.length())), extension);
    }

    /**
     * Issue 12: any run name either reads as one folder name (so the run directory stays inside
     * output.dir) or is refused with a Gan4jException; names mix separators, dots, control and
     * non-ASCII characters, up to 300 characters.
     */
    @Property(tries = 300)
    void anyRunNameIsOneFolderNameOrRefused(@ForAll("names") String name) {
        String quoted = "\"" + name.chars().mapToObj(c -> String.format("\\u%04x", c)).reduce("", String::concat) + "\"";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            Path file = Files.writeString(dir.resolve("named.yaml"), YAML.replace("name: fuzz", "name: " + quoted));
            try {
                RunConfig config = ConfigReader.read(file, REGISTRY, Map.<String, String>of()::get);
                Path root = dir.resolve("runs");
                Path run = root.resolve(config.name().isBlank() ? "run" : config.name()).normalize();
                assertThat(run.getParent()).as("the run directory of '%s'", config.name()).isEqualTo(root);
            } catch (Gan4jException e) {
                assertThat(e.exitCode()).isEqualTo(Gan4jException.BAD_INPUT);
                assertThat(e.getMessage()).contains("name");
            }
        });
    }

    /** Issue 12: brackets nested to any depth are read or refused within seconds, never a StackOverflowError. */
    @Property(tries = 40)
    void deeplyNestedValues(@ForAll("depths") int depth, @ForAll("extension") String extension) {
        String nested = "[".repeat(depth) + "1" + "]".repeat(depth);
        String text = extension.equals("json") ? JSON.replace("\"seed\": 7", "\"seed\": " + nested)
                : YAML.replace("seed: 7", "seed: " + nested);
        readsOrRefuses(text, extension);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab./\\\t\u0000\u007f é-_~ ".toCharArray()).ofMinLength(1).ofMaxLength(300)
                .edgeCases(c -> c.add(".", "..", "../x", "/tmp/x", "a/..", "é".repeat(101)));
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(1, 20_000);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars(CHARS.toCharArray()).ofMaxLength(300)
                .injectDuplicates(0.01);
    }

    @Provide
    Arbitrary<String> extension() {
        return Arbitraries.of("yaml", "yml", "json");
    }

    @Provide
    Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }

    /** One edit of the text: at a relative position, delete, duplicate, swap with the next, or replace. */
    record Edit(int kind, double position, char replacement) {
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.doubles().between(0, 1),
                Arbitraries.of(CHARS.toCharArray())).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(6);
    }

    static String apply(String text, List<Edit> edits) {
        StringBuilder b = new StringBuilder(text);
        for (Edit e : edits) {
            if (b.length() < 2) {
                break;
            }
            int i = Math.min(b.length() - 2, (int) (e.position() * b.length()));
            switch (e.kind()) {
                case 0 -> b.deleteCharAt(i);
                case 1 -> b.insert(i, b.charAt(i));
                case 2 -> {
                    char c = b.charAt(i);
                    b.setCharAt(i, b.charAt(i + 1));
                    b.setCharAt(i + 1, c);
                }
                default -> b.setCharAt(i, e.replacement());
            }
        }
        return b.toString();
    }
}

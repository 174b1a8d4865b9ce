package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Keeps docs/architecture.md in step with the code: its module diagram (the first code block) names
 * every module of the root pom and every {@code gan4j} command, and the page names every package of
 * every module's main sources, in any of the forms it uses ({@code org.gan4j.core.train.output},
 * {@code train.output}, {@code train/output/}, {@code api.nn.kernel}).
 */
class ArchitectureDocTest {

    private static final Path ROOT = root();
    private static final String DOC = read(ROOT.resolve("docs/architecture.md"));
    private static final String DIAGRAM = firstCodeBlock(DOC);

    @Test
    void theDiagramNamesEveryModule() throws IOException {
        List<String> modules = modules();
        assertThat(modules).contains("gan-api", "gan-core", "gan-cli");
        assertThat(modules.stream().filter(m -> !mentions(DOC, m)).toList())
                .as("modules of pom.xml missing from docs/architecture.md").isEmpty();
    }

    @Test
    void theDiagramNamesEveryCommand() {
        List<String> commands = new ArrayList<>(new CommandLine(new Gan4jCommand()).getSubcommands().keySet());
        assertThat(commands).contains("train", "compare", "plugins");
        assertThat(commands.stream().filter(c -> !mentions(DIAGRAM, c)).toList())
                .as("gan4j commands missing from the module diagram of docs/architecture.md").isEmpty();
    }

    @Test
    void thePageNamesEveryPackage() throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        for (String module : modules()) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .map(f -> sources.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), "."))
                        .forEach(packages::add);
            }
        }
        assertThat(packages).contains("org.gan4j.core.train.output", "org.gan4j.api.nn.kernel");
        assertThat(packages.stream().filter(p -> forms(p).stream().noneMatch(f -> mentions(DOC, f))).toList())
                .as("packages missing from docs/architecture.md").isEmpty();
    }

    /** The full name, and without {@code org.gan4j.} (and {@code core.}), with dots or slashes. */
    private static List<String> forms(String pkg) {
        List<String> forms = new ArrayList<>(List.of(pkg));
        String shortName = pkg.replaceFirst("^org\\.gan4j\\.", "");
        String engine = shortName.replaceFirst("^core\\.", "");
        for (String f : List.of(shortName, engine)) {
            forms.add(f);
            forms.add(f.replace('.', '/') + "/");
        }
        return forms;
    }

    /** Whether {@code name} occurs as a whole word (not inside a longer name). */
    private static boolean mentions(String text, String name) {
        return Pattern.compile("(?<![\\w.\\-/])" + Pattern.quote(name) + "(?![\\w\\-]|\\.\\w)").matcher(text).find();
    }

    private static List<String> modules() throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1).strip());
        }
        return modules;
    }

    private static String firstCodeBlock(String doc) {
        int start = doc.indexOf("```");
        int end = doc.indexOf("```", start + 3);
        assertThat(start).as("a code block (the module diagram) in docs/architecture.md").isNotNegative();
        return doc.substring(start, end);
    }

    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/configuration.md in step with what {@code gan4j plugins --json} lists: every type of
 * every kind has a row in its kind's table, every setting is named in that type's rows (or in the
 * kind's "any ..." rows for settings every component of the kind takes), a default written as a plain
 * number, boolean or name matches the real one, and the tables name no type that does not exist.
 *
 * <p>The tables are read by structure, not by whole lines: a row whose first cell names types in
 * backticks starts that type's rows (an empty first cell continues them; "(G)"/"(D)" says which of
 * generator/discriminator), and the settings are the backticked names in the other cells, so wording,
 * column order and several settings per row are free.
 */
class ConfigurationDocTest {

    /** The heading (a backticked name in a "### " line) of the section documenting each kind. */
    private static final Map<String, String> SECTIONS = Map.of(
            "dataset", "data",
            "generator", "generator",
            "discriminator", "discriminator",
            "loss", "loss",
            "schedule", "schedule",
            "optimizer", "optimizer.generator",
            "metric", "metrics");
    /** Which rows of the shared generator / discriminator table belong to a kind. */
    private static final Map<String, String> ROLE_MARKS = Map.of("generator", "(G)", "discriminator", "(D)");
    /** The test plugin of gan-cli's test class path registers components that are not gan4j's. */
    private static final String TEST_PLUGIN_PACKAGE = "org.gan4j.cli.testplugin.";
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    static JsonNode listing;
    static String doc;

    @BeforeAll
    static void read() throws Exception {
        CliRun.Result r = CliRun.run("plugins", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        listing = new ObjectMapper().readTree(r.out());
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
        doc = Files.readString(root.resolve("docs/configuration.md"));
    }

    @Test
    void theJsonListingHasEveryKindWithItsComponentsAndSettings() {
        List<String> kinds = new ArrayList<>();
        listing.get("kinds").forEach(k -> kinds.add(k.get("kind").asText()));
        assertThat(kinds).containsExactly("dataset", "generator", "discriminator", "loss", "schedule", "optimizer", "metric");
        JsonNode adam = component("optimizer", "adam").orElseThrow();
        assertThat(adam.get("source").asText()).isNotEmpty();
        JsonNode lr = setting(adam, "lr").orElseThrow();
        assertThat(lr.get("default").asDouble()).isEqualTo(2e-4);
        assertThat(lr.get("required").asBoolean()).isFalse();
        assertThat(lr.get("description").asText()).isNotEmpty();
        assertThat(setting(component("dataset", "mnist").orElseThrow(), "path").orElseThrow().get("default").isNull()).isTrue();
        List<String> shared = new ArrayList<>();
        kind("loss").get("sharedSettings").forEach(s -> shared.add(s.get("name").asText()));
        assertThat(shared).containsExactly("r1", "r2", "penaltyEvery");
    }

    @Test
    void everyListedTypeAndSettingIsInConfigurationMd() {
        List<String> gaps = new ArrayList<>();
        for (JsonNode kind : listing.get("kinds")) {
            String name = kind.get("kind").asText();
            String heading = SECTIONS.get(name);
            if (heading == null) {
                gaps.add("kind '" + name + "' has no section: add one to docs/configuration.md and to SECTIONS here");
                continue;
            }
            List<Block> blocks = blocks(section(heading), name);
            Set<String> shared = new LinkedHashSet<>();
            blocks.stream().filter(Block::forAny).forEach(b -> shared.addAll(b.names()));
            for (JsonNode s : kind.get("sharedSettings")) {
                if (!shared.contains(s.get("name").asText())) {
                    gaps.add(name + ": the setting every " + name + " takes, '" + s.get("name").asText()
                            + "', is not in an \"any " + name + "\" row of `" + heading + "`");
                }
            }
            for (JsonNode c : kind.get("components")) {
                String type = c.get("type").asText();
                if (c.get("class").asText().startsWith(TEST_PLUGIN_PACKAGE)) {
                    continue;
                }
                List<Block> own = blocks.stream().filter(b -> b.types().contains(type)).toList();
                if (own.isEmpty()) {
                    gaps.add(name + " '" + type + "': no row in the table of `" + heading + "`");
                    continue;
                }
                for (JsonNode s : c.get("settings")) {
                    String setting = s.get("name").asText();
                    if (own.stream().noneMatch(b -> b.names().contains(setting)) && !shared.contains(setting)) {
                        gaps.add(name + " '" + type + "': setting '" + setting + "' is not named in its rows");
                        continue;
                    }
                    own.stream().flatMap(b -> b.defaults().entrySet().stream())
                            .filter(e -> e.getKey().equals(setting)).findFirst()
                            .flatMap(e -> mismatch(e.getValue(), s.get("default")))
                            .ifPresent(m -> gaps.add(name + " '" + type + "': setting '" + setting + "' " + m));
                }
            }
            for (Block b : blocks) {
                for (String type : b.types()) {
                    if (component(name, type).isEmpty()) {
                        gaps.add(name + " '" + type + "' is documented under `" + heading + "` but not registered");
                    }
                }
            }
        }
        assertThat(gaps).as("docs/configuration.md against gan4j plugins --json").isEmpty();
    }

    @Test
    void theReaderFindsTypesSettingsAndDefaultsInRowsOfAnyShape() {
        String table = """
                | type | setting | default | meaning |
                |---|---|---|---|
                | `a` (G) | `x` | 3 | the `z` of it |
                | | `y`, `w` | 1, 2 | |
                | `b` | `x` | `fast` | |
                | any thing | `shared` | 0 | |
                """;
        List<Block> g = blocks(table, "generator");
        assertThat(g).hasSize(3);
        assertThat(g.get(0).types()).containsExactly("a");
        assertThat(g.get(0).names()).contains("x", "y", "w", "z");
        assertThat(g.get(0).defaults()).containsEntry("x", "3").doesNotContainKey("y");
        assertThat(g.get(1).defaults()).containsEntry("x", "`fast`");
        assertThat(g.get(2).forAny()).isTrue();
        assertThat(blocks(table, "discriminator").stream().flatMap(b -> b.types().stream())).containsExactly("b");
        assertThat(mismatch("3", new ObjectMapper().valueToTree(3.0))).isEmpty();
        assertThat(mismatch("2e-4", new ObjectMapper().valueToTree(2e-4))).isEmpty();
        assertThat(mismatch("3", new ObjectMapper().valueToTree(4))).isPresent();
        assertThat(mismatch("`fast`", new ObjectMapper().valueToTree("slow"))).isPresent();
        assertThat(mismatch("the data's", new ObjectMapper().valueToTree(7))).isEmpty();
    }

    /**
     * The rows of one or more types: {@code types} from the first cell ({@code forAny} when it says
     * "any"), {@code names} every backticked word in the other cells, {@code defaults} the default
     * cell of rows naming exactly one setting.
     */
    record Block(Set<String> types, boolean forAny, Set<String> names, Map<String, String> defaults) {
    }

    private static List<Block> blocks(String section, String kind) {
        List<Block> blocks = new ArrayList<>();
        List<String> header = null;
        boolean skip = false;
        for (String line : section.lines().map(String::strip).toList()) {
            if (!line.startsWith("|")) {
                header = null;
                continue;
            }
            List<String> cells = cells(line);
            if (header == null) {
                header = cells;
                continue;
            }
            if (cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                continue;
            }
            String first = cells.get(0);
            if (!first.isEmpty()) {
                String mark = ROLE_MARKS.get(kind);
                skip = ROLE_MARKS.values().stream().anyMatch(first::contains) && (mark == null || !first.contains(mark));
                if (!skip) {
                    boolean any = first.startsWith("any ");
                    blocks.add(new Block(any ? Set.of() : backticked(first), any, new LinkedHashSet<>(), new java.util.HashMap<>()));
                }
            }
            if (skip || blocks.isEmpty()) {
                continue;
            }
            Block block = blocks.get(blocks.size() - 1);
            for (String cell : cells.subList(1, cells.size())) {
                block.names().addAll(backticked(cell));
            }
            int settingColumn = header.indexOf("setting");
            int defaultColumn = header.indexOf("default");
            if (settingColumn > 0 && defaultColumn > 0 && defaultColumn < cells.size()) {
                Set<String> named = backticked(cells.get(settingColumn));
                if (named.size() == 1) {
                    block.defaults().put(named.iterator().next(), cells.get(defaultColumn));
                }
            }
        }
        return blocks;
    }

    /** A plain documented default (number, true/false, one backticked word) that differs from the real one. */
    private static Optional<String> mismatch(String documented, JsonNode actual) {
        if (actual == null) {
            return Optional.empty();
        }
        String plain = documented.replace("`", "").strip();
        boolean matches;
        if (plain.matches("-?[0-9][0-9.,]*(e-?[0-9]+)?")) {
            matches = actual.isNumber() && Double.parseDouble(plain.replace(",", "")) == actual.asDouble();
        } else if (plain.equals("true") || plain.equals("false")) {
            matches = actual.isBoolean() && actual.asBoolean() == Boolean.parseBoolean(plain);
        } else if (documented.matches("`[^`]+`") && actual.isTextual()) {
            matches = actual.asText().equals(plain);
        } else {
            return Optional.empty();
        }
        return matches ? Optional.empty() : Optional.of("is documented with default " + documented + ", but it is " + actual);
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
        return java.util.Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }

    private static Set<String> backticked(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = BACKTICKED.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The text under the "### " heading naming {@code `heading`}, up to the next heading. */
    private static String section(String heading) {
        List<String> lines = doc.lines().toList();
        StringBuilder text = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("#")) {
                in = line.startsWith("### ") && backticked(line).contains(heading);
                continue;
            }
            if (in) {
                text.append(line).append('\n');
            }
        }
        assertThat(text).as("a section '### `" + heading + "`' in docs/configuration.md").isNotEmpty();
        return text.toString();
    }

    private static JsonNode kind(String name) {
        for (JsonNode k : listing.get("kinds")) {
            if (k.get("kind").asText().equals(name)) {
                return k;
            }
        }
        throw new AssertionError("no kind " + name);
    }

    private static Optional<JsonNode> component(String kind, String type) {
        for (JsonNode c : kind(kind).get("components")) {
            if (c.get("type").asText().equals(type)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> setting(JsonNode component, String name) {
        for (JsonNode s : component.get("settings")) {
            if (s.get("name").asText().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

package org.gan4j.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringSubstitutor;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.OptimizerChoice;
import org.gan4j.api.spi.OptimizerSpec;
import org.gan4j.api.spi.TrainingSchedule;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.plugin.RegisteredComponent;

/**
 * Reads a run config (YAML or JSON, by file extension) into a resolved {@link RunConfig}; every
 * mistake in it becomes one paragraph ({@link ConfigErrors}):
 * {@code <file>:<line>:<column>: <field path>: <what is wrong>. <what to do>.}
 *
 * <p>Before parsing, {@code ${VAR}} and {@code ${VAR:-default}} are replaced by environment
 * variables ({@code $${VAR}} keeps the text literally).
 */
public final class ConfigReader {

    /** The largest config file read, in bytes: a config is a few dozen lines. */
    public static final int MAX_BYTES = 1 << 20;

    /** The schedule a config without a {@code schedule} section gets. */
    public static final String DEFAULT_SCHEDULE = "alternating";

    private static final Pattern UNRESOLVED_VARIABLE = Pattern.compile("Cannot resolve variable '([^']+)'");

    private ConfigReader() {
    }

    /** Reads {@code file} with the process environment for {@code ${VAR}} interpolation. */
    public static RunConfig read(Path file, ComponentRegistry registry) {
        return read(file, registry, System::getenv);
    }

    /**
     * Reads {@code file}: interpolates variables from {@code environment} (a lookup returning
     * {@code null} for unset variables), parses, validates, defaults the name to the file's name
     * without extension and fills in the defaults that depend on the loss.
     *
     * @throws Gan4jException (bad input) for any problem with the file, as one paragraph
     */
    public static RunConfig read(Path file, ComponentRegistry registry, Function<String, String> environment) {
        String text = interpolate(file, load(file), environment);
        ObjectMapper mapper = mapperFor(file, registry);
        if (!isJson(file)) {
            ConfigErrors.refuseAliases(file, text);
        }
        JsonNode tree;
        RunConfig config;
        try {
            tree = mapper.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw Gan4jException.badInput(file + ": the config file is empty. Write at least the data, generator,"
                        + " discriminator and loss sections (see the examples in examples/).");
            }
            if (!tree.isObject()) {
                throw Gan4jException.badInput(file + ":1:1: the config must be a mapping of sections (name, data,"
                        + " generator, discriminator, loss, ...), not " + ConfigErrors.describe(tree) + ". See the examples in examples/.");
            }
            config = mapper.readValue(text, RunConfig.class);
        } catch (JsonProcessingException e) {
            throw ConfigErrors.translate(file, text, mapper, registry, e);
        }
        if (config.name() == null) {
            String name = baseName(file);
            if (RunNames.problem(name).isPresent()) {
                throw Gan4jException.badInput(file + ": name: the config sets no name, so the run is named after the file, but '"
                        + RunNames.printable(name) + "' " + RunNames.problem(name).get() + ". Add a name to the config, e.g. name: my-run.");
            }
            config = config.withName(name);
        }
        return resolve(config, file.toString(), registry);
    }

    /**
     * Turns a config tree built in memory (e.g. one cell of a {@code gan4j compare} grid) into a
     * validated, resolved config, reporting mistakes as {@link #read} does with {@code source} in place
     * of the file name (positions then refer to the tree written as indented JSON).
     *
     * @param defaultName the name when the tree has none
     * @throws Gan4jException (bad input) for any problem with the tree, as one paragraph
     */
    public static RunConfig fromTree(JsonNode tree, String source, String defaultName, ComponentRegistry registry) {
        Path file = Path.of(source.replace('/', '_') + ".json");
        ObjectMapper mapper = registry.jsonMapper();
        if (tree == null || !tree.isObject()) {
            throw Gan4jException.badInput(source + ": the config must be a mapping of sections (name, data,"
                    + " generator, discriminator, loss, ...), not " + (tree == null ? "nothing" : ConfigErrors.describe(tree)) + ".");
        }
        String text;
        RunConfig config;
        try {
            text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a config tree as JSON: " + e.getOriginalMessage(), e);
        }
        try {
            config = mapper.readValue(text, RunConfig.class);
        } catch (JsonProcessingException e) {
            Gan4jException translated = ConfigErrors.translate(file, text, mapper, registry, e);
            String message = translated.getMessage().replace(file.toString(), source);
            throw Gan4jException.badInput(message, e);
        }
        if (config.name() == null) {
            if (RunNames.problem(defaultName).isPresent()) {
                throw Gan4jException.badInput(source + ": name: the run name '" + RunNames.printable(defaultName) + "' "
                        + RunNames.problem(defaultName).get() + ". Give it a shorter name.");
            }
            config = config.withName(defaultName);
        }
        return resolve(config, source, registry);
    }

    /** {@link RunConfig#resolved} with the registry's default schedule and the loss's optimizer built as config sections are. */
    private static RunConfig resolve(RunConfig config, String source, ComponentRegistry registry) {
        try {
            return config.resolved(config.schedule() == null ? defaultSchedule(registry) : null,
                    choice -> recommendedOptimizer(choice, config.loss(), source, registry));
        } catch (IllegalArgumentException e) {
            throw Gan4jException.badInput(source + ": " + ConfigErrors.oneLine(e.getMessage()) + ". Fix the config.", e);
        }
    }

    /**
     * The optimizer a loss recommends ({@link Loss#recommendedOptimizer}), bound and validated by Jackson
     * exactly as the config section {@code {type: ..., settings...}} would be, with the same messages.
     */
    private static OptimizerSpec recommendedOptimizer(OptimizerChoice choice, Loss loss, String source, ComponentRegistry registry) {
        ObjectMapper mapper = registry.jsonMapper();
        ObjectNode section = mapper.createObjectNode().put("type", choice.type());
        section.setAll((ObjectNode) mapper.valueToTree(choice.settings()));
        String text = section.toString();
        try {
            return mapper.readValue(text, OptimizerSpec.class);
        } catch (JsonProcessingException e) {
            Path pseudo = Path.of("recommended-optimizer.json");
            String problem = ConfigErrors.translate(pseudo, text, mapper, registry, e).getMessage()
                    .replaceFirst("^" + Pattern.quote(pseudo.toString()) + "(:\\d+:\\d+)?: ", "")
                    .replaceFirst("\\. (Change \\S+ in the config|Fix the config)\\.$", ".");
            String lossName = registry.findByImplementation(loss.getClass()).map(RegisteredComponent::name)
                    .orElse(loss.getClass().getName());
            throw Gan4jException.badInput(source + ": the loss '" + lossName + "' recommends the optimizer " + text
                    + ", which is not valid: " + problem + " Set optimizer.generator and optimizer.discriminator in the"
                    + " config to use another optimizer, or fix the loss plugin.", e);
        }
    }

    /**
     * Reads a YAML or JSON file (by extension) as a tree, {@code ${VAR}} interpolated from the
     * process environment, without binding it to a config.
     *
     * @throws Gan4jException (bad input) when the file cannot be read or parsed
     */
    public static JsonNode readTree(Path file, ComponentRegistry registry) {
        String text = interpolate(file, load(file), System::getenv);
        ObjectMapper mapper = mapperFor(file, registry);
        if (!isJson(file)) {
            ConfigErrors.refuseAliases(file, text);
        }
        try {
            JsonNode tree = mapper.readTree(text);
            return tree == null ? mapper.missingNode() : tree;
        } catch (JsonProcessingException e) {
            throw ConfigErrors.translateSyntax(file, text, e);
        }
    }

    /** The resolved config as YAML: every default filled in, every component with its {@code type}. */
    public static String toYaml(RunConfig config, ComponentRegistry registry) {
        try {
            return registry.yamlMapper().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the config as YAML: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The config's {@code plugins} directory, read without the registry (plugins must be loaded
     * before the config can be read). Empty when the field is absent or the file cannot be parsed
     * (reading it properly reports why).
     */
    public static Optional<Path> pluginsDirectory(Path file) {
        try {
            String text = interpolate(file, load(file), System::getenv);
            ObjectMapper plain = isJson(file) ? new JsonMapper() : new YAMLMapper();
            JsonNode plugins = plain.readTree(text).path("plugins");
            return plugins.isTextual() && !plugins.asText().isBlank() ? Optional.of(Path.of(plugins.asText())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static TrainingSchedule defaultSchedule(ComponentRegistry registry) {
        try {
            return registry.jsonMapper().readValue("{\"type\":\"" + DEFAULT_SCHEDULE + "\"}", TrainingSchedule.class);
        } catch (JsonProcessingException e) {
            throw Gan4jException.badInput("The default schedule '" + DEFAULT_SCHEDULE + "' is not registered (known schedules: "
                    + String.join(", ", registry.names(TrainingSchedule.class))
                    + "). Add a schedule section to the config, or put gan-core's plugin back on the class path.", e);
        }
    }

    private static String load(Path file) {
        if (Files.isDirectory(file)) {
            throw Gan4jException.badInput(file + " is a directory, not a config file. Give the path of a run's .yaml, .yml or .json "
                    + "file (e.g. examples/quickstart.yaml).");
        }
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw Gan4jException.badInput(file + ": the config file is too large (limit " + (MAX_BYTES >> 20) + " MB): it holds "
                        + Files.size(file) + " bytes, and a config is usually a few dozen lines. Check that this is the config you meant.");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw Gan4jException.badInput(file + ": no such config file. Check the path (relative paths start at "
                    + Path.of("").toAbsolutePath() + ").", e);
        } catch (MalformedInputException e) {
            throw Gan4jException.badInput(file + ": the config file is not UTF-8 text. Save it as UTF-8.", e);
        } catch (IOException e) {
            throw Gan4jException.badInput(file + ": cannot read the config file (" + e + "). Check that it is a readable file.", e);
        }
    }

    private static String interpolate(Path file, String text, Function<String, String> environment) {
        StringSubstitutor substitutor = new StringSubstitutor(environment::apply);
        substitutor.setEnableUndefinedVariableException(true);
        try {
            return substitutor.replace(text);
        } catch (IllegalArgumentException e) {
            Matcher m = UNRESOLVED_VARIABLE.matcher(String.valueOf(e.getMessage()));
            String name = m.find() ? m.group(1) : "?";
            throw failInterpolation(file, text, name, "the environment variable " + name + " is not set. Set it, or give a "
                    + "default in the config: ${" + name + ":-value}.", e);
        } catch (IllegalStateException e) {
            // "Infinite loop in property interpolation of <text>: A->B->A": a value that refers back to its variable
            String message = String.valueOf(e.getMessage());
            String chain = message.substring(message.lastIndexOf(": ") + 2);
            String name = chain.split("->")[0];
            throw failInterpolation(file, text, name, "the environment variable " + name + " refers to itself through its value ("
                    + chain.replace("->", " -> ") + "), so it cannot be replaced. Give it a value without ${" + name + "}.", e);
        }
    }

    /** A {@code ${name}} problem, placed at the variable's first use in the text. */
    private static Gan4jException failInterpolation(Path file, String text, String name, String what, Exception cause) {
        int at = Math.max(0, text.indexOf("${" + name));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return Gan4jException.badInput(file + ":" + line + ":" + (at - lineStart + 1) + ": " + what, cause);
    }

    private static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static ObjectMapper mapperFor(Path file, ComponentRegistry registry) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return registry.jsonMapper();
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return registry.yamlMapper();
        }
        throw Gan4jException.badInput(file + ": unknown config format. Name the file *.yaml, *.yml or *.json.");
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}

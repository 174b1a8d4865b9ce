package org.gan4j.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.ComponentKinds;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.OptimizerChoice;
import org.gan4j.api.spi.OptimizerSpec;
import org.gan4j.api.spi.TrainingSchedule;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.plugin.RegisteredComponent;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a run config (YAML or JSON, by file extension) into a resolved {@link RunConfig}, and
 * turns every mistake in it into one paragraph:
 * {@code <file>:<line>:<column>: <field path>: <what is wrong>. <what to do>.}
 *
 * <p>Before parsing, {@code ${VAR}} and {@code ${VAR:-default}} are replaced by environment
 * variables ({@code $${VAR}} keeps the text literally).
 */
public final class ConfigReader {

    /** The schedule a config without a {@code schedule} section gets. */
    public static final String DEFAULT_SCHEDULE = "alternating";

    private static final Pattern MISSING_CREATOR_PROPERTY = Pattern.compile("Missing required creator property '([^']+)'");
    private static final Pattern UNRESOLVED_VARIABLE = Pattern.compile("Cannot resolve variable '([^']+)'");
    private static final Pattern LEADING_FIELD = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+\\])*)(?=[\\s:,]|$)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([^']+)'");

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
                        + " generator, discriminator, loss, ...), not " + describe(tree) + ". See the examples in examples/.");
            }
            config = mapper.readValue(text, RunConfig.class);
        } catch (JsonProcessingException e) {
            throw translate(file, text, mapper, registry, e);
        }
        if (config.name() == null) {
            config = config.withName(baseName(file));
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
                    + " generator, discriminator, loss, ...), not " + (tree == null ? "nothing" : describe(tree)) + ".");
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
            Gan4jException translated = translate(file, text, mapper, registry, e);
            String message = translated.getMessage().replace(file.toString(), source);
            throw Gan4jException.badInput(message, e);
        }
        if (config.name() == null) {
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
            throw Gan4jException.badInput(source + ": " + oneLine(e.getMessage()) + ". Fix the config.", e);
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
            String problem = translate(pseudo, text, mapper, registry, e).getMessage()
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
        try {
            JsonNode tree = mapper.readTree(text);
            return tree == null ? mapper.missingNode() : tree;
        } catch (JsonProcessingException e) {
            throw translateSyntax(file, e);
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
        try {
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
            int at = Math.max(0, text.indexOf("${" + name));
            return failInterpolation(file, text, at, name, e);
        }
    }

    private static String failInterpolation(Path file, String text, int at, String name, Exception cause) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        throw Gan4jException.badInput(file + ":" + line + ":" + (at - lineStart + 1) + ": the environment variable "
                + name + " is not set. Set it, or give a default in the config: ${" + name + ":-value}.", cause);
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

    // ---- error translation ------------------------------------------------------------------

    private static Gan4jException translate(Path file, String text, ObjectMapper mapper, ComponentRegistry registry,
                                            JsonProcessingException e) {
        if (e instanceof DatabindException d) {
            return translateBinding(file, text, mapper, registry, (JsonMappingException) d);
        }
        return translateSyntax(file, e);
    }

    private static Gan4jException translateSyntax(Path file, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String what;
        Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            String path = "";
            if (e instanceof StreamReadException s && s.getProcessor() != null) {
                path = pathOf(s.getProcessor().getParsingContext().pathAsPointer());
            }
            what = (path.isEmpty() ? "" : path + ": ") + "the field '" + duplicate.group(1)
                    + "' appears twice in the same section. Keep one of them";
        } else if (e.getCause() instanceof MarkedYAMLException y) {
            what = "YAML syntax error: " + oneLine(y.getProblem())
                    + (y.getContext() != null ? " (" + oneLine(y.getContext()) + ")" : "")
                    + ". Check the indentation, colons and quotes on or just before this line";
            if (y.getProblemMark() != null) {
                return Gan4jException.badInput(file + ":" + (y.getProblemMark().getLine() + 1) + ":"
                        + (y.getProblemMark().getColumn() + 1) + ": " + what + ".", e);
            }
        } else {
            what = "syntax error: " + oneLine(e.getOriginalMessage())
                    + ". Check the brackets, commas and quotes on or just before this line";
        }
        return Gan4jException.badInput(file + position(location) + ": " + what + ".", e);
    }

    private static Gan4jException translateBinding(Path file, String text, ObjectMapper mapper, ComponentRegistry registry,
                                                   JsonMappingException e) {
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                pointer = pointer.appendProperty(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                pointer = pointer.appendIndex(ref.getIndex());
            }
        }
        JsonNode tree = readTreeQuietly(mapper, text);

        if (e instanceof InvalidTypeIdException t) {
            Class<?> kind = t.getBaseType() == null ? Object.class : t.getBaseType().getRawClass();
            String kindName = ComponentKinds.nameOf(kind);
            List<String> known = registry.names(kind);
            JsonPointer typePointer = pointer.appendProperty("type");
            String knownText = known.isEmpty()
                    ? "no " + kindName + " is registered; add a plugin that provides one (see gan4j plugins)"
                    : "known: " + String.join(", ", known);
            if (t.getTypeId() != null) {
                String suggestion = suggest(t.getTypeId(), known).map(s -> " Did you mean '" + s + "'?").orElse(
                        known.isEmpty() ? "." : " Run gan4j plugins to see every component and its settings.");
                return Gan4jException.badInput(file + where(text, mapper, typePointer, pointer, e) + ": " + pathOf(typePointer)
                        + ": unknown " + kindName + " '" + t.getTypeId() + "' at " + pathOf(typePointer) + "; "
                        + knownText + "." + (suggestion.equals(".") ? "" : suggestion), e);
            }
            JsonNode value = tree == null ? null : tree.at(pointer);
            String hint = value != null && value.isTextual() && known.contains(value.asText())
                    ? " Write it as a section: " + pathOf(pointer) + ": {type: " + value.asText() + "}."
                    : " Add 'type: <name>' to the " + kindName + " section.";
            return Gan4jException.badInput(file + where(text, mapper, pointer, pointer, e) + ": " + pathOf(pointer)
                    + ": missing 'type': say which " + kindName + " to use; " + knownText + "." + hint, e);
        }

        if (e instanceof UnrecognizedPropertyException u) {
            String owner = ownerName(u.getReferringClass(), pointer.head(), registry);
            List<String> valid = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(String::valueOf).filter(s -> !s.equals("type")).sorted().toList();
            String suggestion = suggest(u.getPropertyName(), valid).map(s -> " Did you mean '" + s + "'?").orElse("");
            return Gan4jException.badInput(file + where(text, mapper, pointer, pointer, e) + ": " + pathOf(pointer)
                    + ": unknown field '" + u.getPropertyName() + "' in " + owner + ". Valid fields: "
                    + (valid.isEmpty() ? "none" : String.join(", ", valid)) + "." + suggestion, e);
        }

        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause() == null ? v : v.getCause();
            String message = oneLine(String.valueOf(cause.getMessage()));
            JsonPointer at = pointer;
            // Checks messages start with the field name, possibly indexed: "hidden[1] must be positive".
            Matcher field = LEADING_FIELD.matcher(message);
            JsonNode section = tree == null ? null : tree.at(pointer);
            if (section != null && section.isObject() && field.find() && section.has(field.group(1))) {
                JsonPointer candidate = pointer.appendProperty(field.group(1));
                Matcher index = INDEX.matcher(field.group(2));
                while (index.find()) {
                    candidate = candidate.appendIndex(Integer.parseInt(index.group(1)));
                }
                if (!tree.at(candidate).isMissingNode()) {
                    at = candidate;
                    message = message.substring(field.end()).strip();
                }
            }
            return Gan4jException.badInput(file + where(text, mapper, at, pointer, e) + ": " + pathOf(at) + ": "
                    + message + ". Change " + pathOf(at) + " in the config.", e);
        }

        if (e instanceof MismatchedInputException m) {
            Matcher missing = MISSING_CREATOR_PROPERTY.matcher(String.valueOf(m.getOriginalMessage()));
            if (missing.find()) {
                String name = missing.group(1);
                // Jackson's path may or may not end with the missing property itself.
                JsonPointer parent = name.equals(pointer.last() == null ? null : pointer.last().getMatchingProperty())
                        ? pointer.head() : pointer;
                JsonPointer at = parent.appendProperty(name);
                String example = sectionExample(parent, name, registry);
                return Gan4jException.badInput(file + ": " + pathOf(at) + ": missing required section '" + name
                        + "'. Add it" + example + ".", e);
            }
            JsonNode value = tree == null ? null : tree.at(pointer);
            String expected = m.getTargetType() == null ? "another kind of value" : expected(m.getTargetType());
            String got = value == null || value.isMissingNode() ? "something else" : describe(value);
            return Gan4jException.badInput(file + where(text, mapper, pointer, pointer, e) + ": " + pathOf(pointer)
                    + ": expected " + expected + ", got " + got + ". Write " + expected + " there.", e);
        }

        return Gan4jException.badInput(file + where(text, mapper, pointer, pointer, e) + ": "
                + (pointer.matches() ? "" : pathOf(pointer) + ": ") + oneLine(e.getOriginalMessage()) + ". Fix the config.", e);
    }

    private static String sectionExample(JsonPointer parent, String name, ComponentRegistry registry) {
        if (!parent.matches()) {
            return "";
        }
        for (RecordComponent c : RunConfig.class.getRecordComponents()) {
            if (c.getName().equals(name) && ComponentKinds.isKind(c.getType())) {
                List<String> known = registry.names(c.getType());
                String kindName = ComponentKinds.nameOf(c.getType());
                return known.isEmpty()
                        ? "; no " + kindName + " is registered, add a plugin that provides one (see gan4j plugins)"
                        : ", e.g. " + name + ": {type: " + known.get(0) + "}; known " + kindName + " types: " + String.join(", ", known);
            }
        }
        return "";
    }

    private static String ownerName(Class<?> type, JsonPointer section, ComponentRegistry registry) {
        if (type == RunConfig.class || section == null || section.matches()) {
            return "the config";
        }
        return registry.findByImplementation(type)
                .map(c -> ComponentKinds.nameOf(c.kind()) + " '" + c.name() + "'")
                .orElse("the " + pathOf(section) + " section");
    }

    /**
     * The nearest name by edit distance, if it is near enough to be a plausible typo; else the only
     * name the typed text abbreviates ("gen" for "generator").
     */
    static Optional<String> suggest(String typed, Collection<String> candidates) {
        Optional<String> typo = nearest(typed, candidates);
        if (typo.isPresent() || typed.length() < 3) {
            return typo;
        }
        List<String> extended = candidates.stream()
                .filter(c -> c.toLowerCase(Locale.ROOT).startsWith(typed.toLowerCase(Locale.ROOT))).toList();
        return extended.size() == 1 ? Optional.of(extended.get(0)) : Optional.empty();
    }

    private static Optional<String> nearest(String typed, Collection<String> candidates) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return candidates.stream()
                .map(c -> new Object() { final String name = c; final int d = distance.apply(typed.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT)); })
                .filter(x -> x.d <= Math.max(2, typed.length() / 3))
                .min(Comparator.comparingInt(x -> x.d))
                .map(x -> x.name);
    }

    private static String expected(Class<?> raw) {
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class || raw == short.class || raw == Short.class) {
            return "a whole number";
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return "a number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        }
        if (raw == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            return "a list";
        }
        if (raw.isEnum()) {
            return "one of " + String.join(", ", java.util.Arrays.stream(raw.getEnumConstants()).map(Object::toString).toList());
        }
        if (ComponentKinds.isKind(raw)) {
            return "a " + ComponentKinds.nameOf(raw) + " section with a type";
        }
        return "a section";
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the text '" + node.asText() + "'";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isNull()) {
            return "nothing (null)";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "a section";
    }

    private static JsonNode readTreeQuietly(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** ":line:column" of the first pointer found in the text, else the exception's location. */
    private static String where(String text, ObjectMapper mapper, JsonPointer preferred, JsonPointer fallback, JsonProcessingException e) {
        return locate(mapper, text, preferred).or(() -> locate(mapper, text, fallback))
                .map(ConfigReader::position).orElseGet(() -> position(e.getLocation()));
    }

    /** Where the value (or the key) at {@code target} starts in the text. */
    static Optional<JsonLocation> locate(ObjectMapper mapper, String text, JsonPointer target) {
        try (JsonParser p = mapper.createParser(text)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                if (target.equals(p.getParsingContext().pathAsPointer())) {
                    return Optional.of(p.currentTokenLocation());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unparseable text was reported as a syntax error before binding.
        }
        return Optional.empty();
    }

    private static String position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return ":" + location.getLineNr() + (location.getColumnNr() > 0 ? ":" + location.getColumnNr() : "");
    }

    /** A field path as users write it: {@code generator.hidden[1]}; "(top level)" for the root. */
    static String pathOf(JsonPointer pointer) {
        StringBuilder path = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.mayMatchElement() && p.getMatchingProperty().chars().allMatch(Character::isDigit)) {
                path.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(p.getMatchingProperty());
            }
        }
        return path.length() == 0 ? "(top level)" : path.toString();
    }

    private static String oneLine(String s) {
        String line = Objects.toString(s, "").replaceAll("\\s+", " ").strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}

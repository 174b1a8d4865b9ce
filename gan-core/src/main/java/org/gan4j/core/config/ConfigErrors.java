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
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.api.spi.ComponentKinds;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns what Jackson and SnakeYAML report about a config into gan4j's one paragraph:
 * {@code <file>:<line>:<column>: <field path>: <what is wrong>. <what to do>.} Syntax errors keep
 * the parser's position; binding errors (an unknown type or field, a wrong kind of value, a value a
 * component's constructor refuses, a missing section) are placed at the field they concern, found
 * again in the text, with the valid names and the nearest one to what was typed.
 */
final class ConfigErrors {

    private static final Pattern MISSING_CREATOR_PROPERTY = Pattern.compile("Missing required creator property '([^']+)'");
    private static final Pattern LEADING_FIELD = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+\\])*)(?=[\\s:,]|$)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([^']+)'");

    private ConfigErrors() {
    }


    /** The error for {@code e}, raised reading {@code text} (the contents of {@code file}) with {@code mapper}. */
    static Gan4jException translate(Path file, String text, ObjectMapper mapper, ComponentRegistry registry,
                                            JsonProcessingException e) {
        if (e instanceof DatabindException d) {
            return translateBinding(file, text, mapper, registry, (JsonMappingException) d);
        }
        return translateSyntax(file, text, e);
    }

    /** The error for a syntax error (the text is not YAML or JSON). */
    static Gan4jException translateSyntax(Path file, String text, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String what;
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException && String.valueOf(e.getOriginalMessage()).contains("nesting depth")) {
            int limit = com.fasterxml.jackson.core.StreamReadConstraints.DEFAULT_MAX_DEPTH;
            String at = nestingPosition(text, limit);
            if (at.isEmpty()) {
                at = indentationPosition(text, limit);
            }
            return Gan4jException.badInput(file + (at.isEmpty() ? position(location) : at) + ": the sections and lists here are nested more than "
                    + limit + " levels deep (a config needs fewer than 10). Look for brackets opened and never closed, or a "
                    + "generated file that is not a gan4j config.", e);
        }
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
                // A name from a plugin whose jar is not on the plugins path looks like a typo: say how to add it.
                String pluginHint = " If '" + t.getTypeId() + "' comes from a plugin jar, pass its directory with"
                        + " --plugins DIR (or the config's 'plugins' field).";
                return Gan4jException.badInput(file + where(text, mapper, typePointer, pointer, e) + ": " + pathOf(typePointer)
                        + ": unknown " + kindName + " '" + t.getTypeId() + "' at " + pathOf(typePointer) + "; "
                        + knownText + "." + (suggestion.equals(".") ? "" : suggestion) + pluginHint, e);
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

    /** A value as the user wrote it: "the text 'i'", "the number 3", "a list". */
    static String describe(JsonNode node) {
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
                .map(ConfigErrors::position).orElseGet(() -> position(e.getLocation()));
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

    /** ":line:column" where the brackets in {@code text} first open more than {@code limit} deep (quotes skipped), or "". */
    /**
     * Where YAML's block style (each level indented further than the one holding it) first nests more
     * than {@code limit} levels deep, as ":line:column", or "" if it does not: the brackets of
     * {@link #nestingPosition} are not the only way to nest.
     */
    static String indentationPosition(String text, int limit) {
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        int line = 0;
        for (String l : text.split("\n", -1)) {
            line++;
            int indent = 0;
            while (indent < l.length() && l.charAt(indent) == ' ') {
                indent++;
            }
            if (indent == l.length() || l.charAt(indent) == '#') {
                continue; // blank lines and comments do not nest
            }
            while (!open.isEmpty() && open.peek() >= indent) {
                open.pop();
            }
            open.push(indent);
            if (open.size() > limit) {
                return ":" + line + ":" + (indent + 1);
            }
        }
        return "";
    }

    static String nestingPosition(String text, int limit) {
        int depth = 0;
        int line = 1;
        int lineStart = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            } else if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '{') {
                if (++depth > limit) {
                    return ":" + line + ":" + (i - lineStart + 1);
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return "";
    }

    /**
     * Refuses YAML aliases ({@code *name}): Jackson reads an alias of a list or section as the text of
     * its name (so {@code hidden: *w} became "expected a list, got the text 'w'"), and nested aliases
     * can make a few lines stand for billions of values. Syntax errors are left for the parser to report.
     */
    static void refuseAliases(Path file, String text) {
        if (text.indexOf('*') < 0 || !nestingPosition(text, com.fasterxml.jackson.core.StreamReadConstraints.DEFAULT_MAX_DEPTH).isEmpty()) {
            return; // no alias possible; or nested too deeply, which the parser reports (and SnakeYAML's events are slow on)
        }
        try {
            for (org.yaml.snakeyaml.events.Event event : new org.yaml.snakeyaml.Yaml().parse(new java.io.StringReader(text))) {
                if (event instanceof org.yaml.snakeyaml.events.AliasEvent alias) {
                    org.yaml.snakeyaml.error.Mark at = alias.getStartMark();
                    throw Gan4jException.badInput(file + ":" + (at.getLine() + 1) + ":" + (at.getColumn() + 1) + ": the YAML alias *"
                            + alias.getAnchor() + " (a reference to &" + alias.getAnchor() + ") is not supported in gan4j configs; "
                            + "write the value out in full here.");
                }
            }
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            // a syntax error: reported with its position when the text is parsed
        }
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

    /** {@code s} on one line, without a final full stop. */
    static String oneLine(String s) {
        String line = Objects.toString(s, "").replaceAll("\\s+", " ").strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}

package org.gan4j.core.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Where a search key's values come from: {@code uniform(a, b)}, {@code loguniform(a, b)},
 * {@code intuniform(a, b)} (whole numbers, both ends included; also spelt {@code randint(a, b)}) or {@code choice(v, ...)} (also
 * written as a YAML list, whose values may be whole sections). A value is drawn from one number
 * {@code u} in [0, 1), so that each (trial, key) has its own random stream; continuous draws are
 * rounded to {@value #DIGITS} significant digits, so a trial's settings read (and can be copied) as
 * written.
 */
public sealed interface Distribution {

    /** Significant digits continuous draws keep. */
    int DIGITS = 4;

    /** The names {@link #parse} knows. */
    List<String> NAMES = List.of("uniform", "loguniform", "intuniform", "randint", "choice");

    /** The value for the uniform draw {@code u} in [0, 1). */
    JsonNode value(double u);

    /** As written, e.g. {@code loguniform(1e-05, 0.01)}. */
    String text();

    /** A real number uniformly in [lower, upper]. */
    record Uniform(double lower, double upper) implements Distribution {
        @Override
        public JsonNode value(double u) {
            return DoubleNode.valueOf(round(lower + u * (upper - lower), lower, upper));
        }

        @Override
        public String text() {
            return "uniform(" + number(lower) + ", " + number(upper) + ")";
        }
    }

    /** A positive number whose logarithm is uniform in [log lower, log upper]. */
    record LogUniform(double lower, double upper) implements Distribution {
        @Override
        public JsonNode value(double u) {
            return DoubleNode.valueOf(round(Math.exp(Math.log(lower) + u * (Math.log(upper) - Math.log(lower))), lower, upper));
        }

        @Override
        public String text() {
            return "loguniform(" + number(lower) + ", " + number(upper) + ")";
        }
    }

    /** A whole number in lower..upper, both included, each equally likely. */
    record IntUniform(long lower, long upper) implements Distribution {
        @Override
        public JsonNode value(double u) {
            return LongNode.valueOf(Math.min(upper, lower + (long) Math.floor(u * (upper - lower + 1))));
        }

        @Override
        public String text() {
            return "intuniform(" + lower + ", " + upper + ")";
        }
    }

    /** One of the values, each equally likely. */
    record Choice(List<JsonNode> values) implements Distribution {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public JsonNode value(double u) {
            return values.get(Math.min(values.size() - 1, (int) Math.floor(u * values.size()))).deepCopy();
        }

        @Override
        public String text() {
            return "choice(" + String.join(", ", values.stream().map(Grid::label).toList()) + ")";
        }
    }

    /**
     * Reads a search key's value: a string {@code name(arguments)} or a list (a choice).
     *
     * @throws IllegalArgumentException saying what is wrong and how to write it
     */
    static Distribution parse(JsonNode node) {
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw new IllegalArgumentException("the list of choices is empty; give at least one value, e.g. [0, 0.5, 0.9]");
            }
            List<JsonNode> values = new ArrayList<>();
            node.forEach(values::add);
            return new Choice(values);
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("'" + node + "' is not a distribution; write one of " + String.join("(...), ", NAMES)
                    + "(...), e.g. loguniform(1e-5, 1e-2), or a list of choices (a fixed value belongs in the base config or the axes)");
        }
        Matcher m = CALL.matcher(node.asText());
        if (!m.matches() && node.asText().contains("(") && !node.asText().contains(")")) {
            // YAML's flow style {key: f(a, b)} ends the value at the comma
            throw new IllegalArgumentException("'" + node.asText() + "' is cut at a comma: inside { } (YAML flow style) quote the "
                    + "distribution, e.g. {lr: 'loguniform(1e-5, 1e-2)'}, or write the keys one per line");
        }
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + node.asText() + "' is not a distribution; write name(arguments), e.g. "
                    + "loguniform(1e-5, 1e-2) or choice(0, 0.5, 0.9)");
        }
        String name = m.group(1);
        List<String> args = m.group(2).isBlank() ? List.of() : List.of(m.group(2).split(",", -1));
        switch (name.toLowerCase(Locale.ROOT)) {
            case "uniform" -> {
                double[] r = range(name, args, false);
                return new Uniform(r[0], r[1]);
            }
            case "loguniform" -> {
                double[] r = range(name, args, false);
                if (r[0] <= 0) {
                    throw new IllegalArgumentException(name + "(" + m.group(2).trim() + "): the lower bound must be above 0 "
                            + "(a logarithm is taken); e.g. loguniform(1e-5, 1e-2)");
                }
                return new LogUniform(r[0], r[1]);
            }
            case "intuniform", "randint" -> {
                double[] r = range(name, args, true);
                return new IntUniform((long) r[0], (long) r[1]);
            }
            case "choice" -> {
                if (args.isEmpty() || args.stream().allMatch(String::isBlank)) {
                    throw new IllegalArgumentException("choice() has no values; give at least one, e.g. choice(0, 0.5, 0.9)");
                }
                List<JsonNode> values = new ArrayList<>();
                for (String a : args) {
                    if (a.isBlank()) {
                        throw new IllegalArgumentException("choice(" + m.group(2).trim() + ") has an empty value; separate the values "
                                + "by single commas, e.g. choice(1, 5)");
                    }
                    values.add(scalar(a.trim()));
                }
                return new Choice(values);
            }
            default -> throw new IllegalArgumentException("unknown distribution '" + name + "'."
                    + NAMES.stream().filter(n -> LevenshteinDistance.getDefaultInstance().apply(n, name.toLowerCase(Locale.ROOT)) <= 2)
                            .findFirst().map(s -> " Did you mean '" + s + "'?").orElse("")
                    + " Known: uniform(a, b), loguniform(a, b), intuniform(a, b) (or randint(a, b)), choice(v1, v2, ...) or a list of choices");
        }
    }

    /** {@code name(...)}: a word, then arguments in parentheses. */
    Pattern CALL = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_-]*)\\s*\\((.*)\\)\\s*");

    private static double[] range(String name, List<String> args, boolean whole) {
        String written = name + "(" + String.join(",", args).trim() + ")";
        if (args.size() != 2) {
            throw new IllegalArgumentException(written + " needs two numbers, the lower and the upper bound, e.g. " + name
                    + (whole ? "(1, 5)" : "(0.1, 100)"));
        }
        double[] r = new double[2];
        for (int i = 0; i < 2; i++) {
            String a = args.get(i).trim();
            try {
                r[i] = Double.parseDouble(a);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(written + ": '" + a + "' is not a number");
            }
            if (!Double.isFinite(r[i])) {
                throw new IllegalArgumentException(written + ": the bounds must be finite numbers");
            }
            if (whole && r[i] != Math.rint(r[i])) {
                throw new IllegalArgumentException(written + ": '" + a + "' is not a whole number; intuniform draws whole numbers "
                        + "(use uniform for real ones)");
            }
        }
        if (r[0] > r[1]) {
            throw new IllegalArgumentException(written + ": the lower bound " + number(r[0]) + " is above the upper bound "
                    + number(r[1]) + "; write " + name + "(lower, upper)");
        }
        if (r[0] == r[1]) {
            throw new IllegalArgumentException(written + ": the range is empty (lower = upper = " + number(r[0])
                    + "); give two different bounds, or put the fixed value in the base config");
        }
        return r;
    }

    /** A choice's value as YAML reads it: a number, true/false, null, or text (quotes removed). */
    private static JsonNode scalar(String s) {
        if ((s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\"")) && s.length() >= 2) {
            return TextNode.valueOf(s.substring(1, s.length() - 1));
        }
        try {
            JsonNode n = new ObjectMapper().readTree(s);
            if (n != null && n.isValueNode()) {
                return n;
            }
        } catch (java.io.IOException e) {
            // not JSON: plain text, like a YAML plain scalar
        }
        return TextNode.valueOf(s);
    }

    /** {@code v} to {@value #DIGITS} significant digits, kept within [lower, upper]. */
    private static double round(double v, double lower, double upper) {
        double r = new BigDecimal(v).round(new MathContext(DIGITS)).doubleValue();
        return Math.max(lower, Math.min(upper, r));
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toString().replace("E", "e");
    }
}

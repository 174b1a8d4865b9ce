package org.gan4j.core.config;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a run name (and so a run directory's name) may be: one path segment, so that
 * {@code <output.dir>/<name>} lies inside {@code output.dir}. Refused: path separators ({@code /},
 * {@code \}), {@code .} and {@code ..}, control characters, and more than {@value #MAX_BYTES} bytes
 * in UTF-8 (file systems allow 255 per name; the rest leaves room for the files gan4j names after a
 * run, such as a compare cell's {@code <name>.log} and temporary {@code .<name>.tmp} siblings).
 */
public final class RunNames {

    /** The longest name accepted, in UTF-8 bytes. */
    public static final int MAX_BYTES = 200;

    private RunNames() {
    }

    /** What is wrong with {@code name} as a run name (a phrase without the field name), or empty when it is fine. */
    public static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("'" + name + "' names a directory relative to output.dir, not a new one");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                return Optional.of("'" + printable(name) + "' contains the path separator '" + c + "': a run name is one folder name");
            }
            if (Character.isISOControl(c)) {
                return Optional.of("'" + printable(name) + "' contains the control character U+" + String.format("%04X", (int) c));
            }
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Optional.of("'" + printable(name) + "' is " + bytes + " bytes long in UTF-8; at most " + MAX_BYTES + " are allowed");
        }
        return Optional.empty();
    }

    /**
     * Throws what {@link #problem} finds, as the {@link Checks} do (an {@link IllegalArgumentException}
     * whose message starts with {@code field}, for the config reader to place).
     */
    public static String check(String field, String name) {
        problem(name).ifPresent(p -> {
            throw new IllegalArgumentException(field + " " + p + ". Use letters, digits, '.', '-' and '_', e.g. mnist-ns-1");
        });
        return name;
    }

    /** {@code name} with control characters shown as {@code \\uXXXX}, for messages. */
    public static String printable(String name) {
        StringBuilder b = new StringBuilder();
        name.chars().forEach(c -> b.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.length() > 80 ? b.substring(0, 77) + "..." : b.toString();
    }
}

package org.gan4j.api;

/**
 * Validation for settings constructors. Each check throws {@link IllegalArgumentException} with a
 * message that starts with the field name; the config reader adds the file, the field path and the
 * line, so a component's constructor only says what is wrong with the value.
 */
public final class Checks {

    private Checks() {
    }

    /** {@code value > 0}. */
    public static int positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
        return value;
    }

    /** {@code value > 0}. */
    public static long positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
        return value;
    }

    /** {@code value > 0} and finite. */
    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a positive number, got " + value);
        }
        return value;
    }

    /** {@code value >= 0}. */
    public static int nonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be 0 or more, got " + value);
        }
        return value;
    }

    /** {@code lo <= value < hi}. */
    public static double inHalfOpenRange(String field, double value, double lo, double hi) {
        if (!(value >= lo && value < hi)) {
            throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "), got " + value);
        }
        return value;
    }

    /** {@code lo < value <= hi}. */
    public static double inLeftOpenRange(String field, double value, double lo, double hi) {
        if (!(value > lo && value <= hi)) {
            throw new IllegalArgumentException(field + " must be in (" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }
}

package org.gan4j.api;

/**
 * An error gan4j explains to its user in one paragraph: what went wrong, where (file, field, line
 * or offset) and what to do. The command line prints the message without a stack trace (unless
 * {@code --verbose}) and exits with {@link #exitCode()}.
 *
 * <p>Anything else that escapes is a bug in gan4j or a plugin and exits with code 1.
 */
public class Gan4jException extends RuntimeException {

    /** Exit code for bad input: a config, a data file, a plugin jar the user can fix. */
    public static final int BAD_INPUT = 2;
    /** Exit code for training that diverged (NaN or Inf). */
    public static final int DIVERGED = 3;

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public Gan4jException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A problem with the user's input: exit code 2. */
    public static Gan4jException badInput(String message) {
        return new Gan4jException(BAD_INPUT, message, null);
    }

    /** A problem with the user's input, keeping the cause for {@code --verbose}: exit code 2. */
    public static Gan4jException badInput(String message, Throwable cause) {
        return new Gan4jException(BAD_INPUT, message, cause);
    }

    /** The process exit code this error maps to. */
    public int exitCode() {
        return exitCode;
    }
}

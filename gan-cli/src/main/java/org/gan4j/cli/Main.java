package org.gan4j.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.train.IoFailures;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of the {@code gan4j} command. The one place that turns exceptions into exit codes:
 * a {@link Gan4jException} prints its paragraph and exits with its code (2 bad input, 3 diverged),
 * a command-line mistake exits 2, a file that could not be read or written exits 2 naming it
 * ({@link IoFailures}), anything else is an internal error, exit 1. Stack traces only with
 * {@code --verbose}.
 */
public final class Main {

    /** Exit code of an unexpected error (a bug in gan4j or a plugin). */
    public static final int INTERNAL_ERROR = 1;
    /** Exit code of a command-line mistake. */
    public static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs gan4j with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            return commandLine(o, e).execute(args);
        } catch (RuntimeException | LinkageError | AssertionError ex) {
            // Errors picocli does not route through the handler (e.g. a plugin's class failing to link).
            return report(ex, Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"), e);
        } finally {
            o.flush();
            e.flush();
        }
    }

    /** The configured picocli command line, for {@link #run} and for tests of the lead's commands. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Gan4jCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
                report(ex, isVerbose(parseResult), commandLine.getErr()));
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter w = ex.getCommandLine().getErr();
            String message = ex.getMessage().strip();
            w.println(message + (message.endsWith(".") ? "" : ".") + " See "
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help.");
            return USAGE;
        });
        return cmd;
    }

    /** Prints the error as gan4j shows errors and returns the exit code for it. */
    static int report(Throwable ex, boolean verbose, PrintWriter err) {
        if (!(ex instanceof Gan4jException) && IoFailures.find(ex).isPresent()) {
            // a file that could not be read or written, wherever it surfaced: the path, why and what to do
            Gan4jException io = IoFailures.find(ex).get();
            io.addSuppressed(ex);
            ex = io;
        }
        if (ex instanceof Gan4jException g) {
            err.println(g.getMessage());
            if (verbose) {
                g.printStackTrace(err);
            }
            err.flush();
            return g.exitCode();
        }
        if (verbose) {
            err.println("internal error: " + ex);
            ex.printStackTrace(err);
        } else {
            err.println("internal error: " + ex + " (run with --verbose for the stack trace)");
        }
        err.flush();
        return INTERNAL_ERROR;
    }

    private static boolean isVerbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}

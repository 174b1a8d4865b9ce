package org.gan4j.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The child process of {@link DamagedArchiveCommandsIT}: runs one gan4j command line per line of
 * standard input (arguments separated by tabs) through {@link Main#run}, as {@code gan4j} would, and
 * prints {@code running <n>}, then {@code result <n> <exit code>} and the command's standard error
 * (indented) for each. A native abort ends the process instead, which the test sees as its exit status
 * after the last {@code running} line.
 */
public final class CommandBatch {

    private CommandBatch() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int n = 0;
        for (String line = in.readLine(); line != null; line = in.readLine(), n++) {
            System.out.println("running " + n);
            System.out.flush();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(line.split("\t"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            System.out.println("result " + n + " " + code);
            err.toString(StandardCharsets.UTF_8).lines().forEach(l -> System.out.println("  " + l));
            System.out.flush();
        }
    }
}

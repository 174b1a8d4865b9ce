package org.gan4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Adapts picocli's writers to the {@link PrintStream}s the trainer reports progress on. */
final class Streams {

    private Streams() {
    }

    /**
     * A stream that decodes UTF-8 and forwards to {@code writer} at every line end or carriage
     * return (progress bars redraw with {@code \r}) and on flush.
     */
    static PrintStream printStream(PrintWriter writer) {
        OutputStream bytes = new OutputStream() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                pending.write(b);
                if (b == '\n' || b == '\r') {
                    flush();
                }
            }

            @Override
            public synchronized void flush() {
                writer.write(pending.toString(StandardCharsets.UTF_8));
                writer.flush();
                pending.reset();
            }
        };
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}

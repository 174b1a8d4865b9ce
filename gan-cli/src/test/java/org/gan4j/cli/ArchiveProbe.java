package org.gan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.plugin.PluginLoader;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.core.train.Checkpoint;
import org.gan4j.core.run.Sampler;

/**
 * The child process of {@link DamagedArchiveFuzzTest}: reads each file named on standard input as
 * {@code sample} reads {@code generator.zip} (spec rebuilt, weights restored) or as {@code --resume}
 * reads a checkpoint, and prints one line per file: {@code <file> <exit code>} with the code the
 * command line would exit with (0 read, 2 refused as damaged, 1 internal error). A native abort ends
 * the process instead, which the test sees as its exit status.
 */
public final class ArchiveProbe {

    private ArchiveProbe() {
    }

    public static void main(String[] args) throws Exception {
        ComponentRegistry registry = PluginLoader.load(ArchiveProbe.class.getClassLoader(), List.of());
        ObjectMapper json = registry.jsonMapper();
        PrintWriter quiet = new PrintWriter(PrintWriter.nullWriter());
        List<String> files = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        for (String name : files) {
            Path file = Path.of(name);
            System.out.println("reading " + file);
            System.out.flush();
            int code;
            try {
                if (file.getFileName().toString().startsWith("checkpoint")) {
                    try (InputStream in = Files.newInputStream(file)) {
                        Checkpoint.read(in);
                    }
                } else {
                    Sampler.load(file.getParent(), text -> {
                        try {
                            return json.readValue(text, GeneratorSpec.class);
                        } catch (Exception e) {
                            throw Gan4jException.badInput("unreadable spec: " + e.getMessage(), e);
                        }
                    });
                }
                code = 0;
            } catch (Checkpoint.InvalidException e) {
                code = 2; // --resume skips it, and refuses with exit 2 when no valid checkpoint is left
            } catch (Throwable e) {
                code = Main.report(e, false, quiet);
                if (code == 1) {
                    System.out.println("internal error: " + e);
                }
            }
            System.out.println(file + " " + code);
            System.out.flush();
        }
    }
}

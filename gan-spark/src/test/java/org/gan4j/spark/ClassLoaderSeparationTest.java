package org.gan4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * gan-spark's two sides never meet in one class loader (Spark's and gan4j's libraries do not mix),
 * so each may refer only to its own world and the JDK: checked on the compiled classes with the
 * JDK's jdeps.
 */
class ClassLoaderSeparationTest {

    private static final List<String> SPARK_WORLD = List.of("org.apache.spark.", "org.apache.hadoop.", "scala.");
    private static final List<String> GAN4J_WORLD = List.of("org.gan4j.core.", "org.gan4j.api.", "org.gan4j.cli.", "com.fasterxml.",
            "com.google.", "org.nd4j.", "org.bytedeco.");

    @Test
    void theSparkSideRefersToNoGan4jClassAndTheGan4jSideToNoSparkClass() throws Exception {
        Path classes = Path.of(CellWork.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        StringWriter out = new StringWriter();
        int code = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintWriter(out), new PrintWriter(out),
                "-verbose:class", "-filter:none", classes.toString());
        assertThat(code).as(out.toString()).isZero();
        List<String> engine = new ArrayList<>();
        List<String> gan4j = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length < 3 || !parts[1].equals("->")) {
                continue;
            }
            String from = parts[0];
            String to = parts[2];
            if (from.startsWith("org.gan4j.spark.engine.")) {
                engine.add(from + " -> " + to);
            } else if (from.startsWith("org.gan4j.spark.")) {
                gan4j.add(from + " -> " + to);
            }
        }
        assertThat(engine).as("the engine's dependencies").isNotEmpty().anyMatch(d -> d.contains("-> org.apache.spark."))
                .noneMatch(d -> GAN4J_WORLD.stream().anyMatch(w -> d.contains("-> " + w)));
        assertThat(gan4j).as("gan4j's side's dependencies").isNotEmpty().anyMatch(d -> d.contains("-> org.gan4j.core."))
                .noneMatch(d -> SPARK_WORLD.stream().anyMatch(w -> d.contains("-> " + w)));
    }
}

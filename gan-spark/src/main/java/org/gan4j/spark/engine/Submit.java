package org.gan4j.spark.engine;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;

/**
 * {@code spark-submit --class org.gan4j.spark.engine.Submit gan-spark-<version>.jar EXPERIMENT
 * [--output URI] [compare options]}: runs {@code gan4j compare EXPERIMENT --spark <the submitted
 * master>} as the driver, with gan4j in a class loader of its own (unpacked from this jar) and this
 * JVM's Spark as the engine. Exits with gan4j's exit code (2: bad input, named on stderr).
 */
public final class Submit {

    /** Set in gan4j's loader: the class loader gan-spark's provider must take Spark from, instead of making one. */
    static final String PROVIDER = "org.gan4j.spark.SparkCellRunnerProvider";

    private Submit() {
    }

    public static void main(String[] args) throws Exception {
        Path lib = Files.createTempDirectory("gan4j-lib-");
        ClassLoader gan4j = Gan4jWorld.loader(Gan4jWorld.ownJar(), lib);
        gan4j.loadClass(PROVIDER).getMethod("hostedBy", ClassLoader.class).invoke(null, Submit.class.getClassLoader());
        List<String> command = new ArrayList<>();
        command.add("compare");
        command.addAll(Arrays.asList(args));
        if (!command.contains("--spark")) {
            command.add("--spark");
            command.add(new SparkConf().get("spark.master", "local[*]"));
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(gan4j);
        int code;
        try {
            code = (int) gan4j.loadClass("org.gan4j.cli.Main").getMethod("run", String[].class, PrintStream.class, PrintStream.class)
                    .invoke(null, command.toArray(String[]::new), System.out, System.err);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : new RuntimeException(e.getCause());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            CellTask.deleteQuietly(lib);
        }
        System.exit(code);
    }
}

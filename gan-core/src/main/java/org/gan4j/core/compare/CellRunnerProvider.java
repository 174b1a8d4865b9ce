package org.gan4j.core.compare;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.core.plugin.ComponentRegistry;

/**
 * A {@link CellRunner} for a distributed engine, found at run time with {@link java.util.ServiceLoader}
 * (the gan4j command line depends on no engine; gan-spark provides {@code spark}).
 */
public interface CellRunnerProvider {

    /** The engine's name, e.g. {@code spark}. */
    String engine();

    /**
     * Connects to the engine and checks, before any cell trains, that it can run them: the master,
     * the output location, the plugins on the workers.
     *
     * @throws org.gan4j.api.Gan4jException exit code 2 naming what is wrong
     */
    CellRunner open(Request request);

    /**
     * What {@code gan4j compare} was asked.
     *
     * @param master            where the engine runs, e.g. {@code local[2]} or {@code spark://host:7077}
     * @param output            the parent of the experiment's directory: a path or a URI the engine can write ({@code hdfs://...})
     * @param threads           native threads per cell, or null for the engine's default
     * @param registry          the plugins this command loaded
     * @param pluginDirectories the directories they came from (shipped to the workers)
     * @param verbose           more detail in logs
     * @param log               where the engine's messages go
     */
    record Request(String master, String output, Integer threads, ComponentRegistry registry, List<Path> pluginDirectories,
                   boolean verbose, PrintStream log) {

        /** Whether the output is a URI with a scheme other than {@code file} (e.g. {@code hdfs://}, {@code s3a://}). */
        public boolean remoteOutput() {
            return isRemote(output);
        }

        /** Whether {@code output} is a URI with a scheme other than {@code file}. */
        public static boolean isRemote(String output) {
            int colon = output.indexOf("://");
            return colon > 1 && output.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")
                    && !output.regionMatches(true, 0, "file", 0, colon);
        }
    }
}

package org.gan4j.spark;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.gan4j.core.Locations;
import org.gan4j.core.compare.CellRunner;
import org.gan4j.core.compare.CellRunnerProvider;

/**
 * The {@code spark} engine: {@code gan4j compare EXPERIMENT --spark MASTER}. Starts a Spark context
 * (from Spark's jars in a class loader of their own, see {@link EngineHandle#sparkLoader}; under
 * spark-submit, the submitting JVM's Spark, see {@link #hostedBy}) and returns a
 * {@link SparkCellRunner} on it.
 */
public final class SparkCellRunnerProvider implements CellRunnerProvider {

    private static final String LOG4J_CONFIG = "log4j2.configurationFile";

    private static ClassLoader hostSpark;

    /** Called by {@code org.gan4j.spark.engine.Submit}: Spark is already loaded, by {@code spark}, and spark-submit set its master. */
    public static synchronized void hostedBy(ClassLoader spark) {
        hostSpark = spark;
    }

    @Override
    public String engine() {
        return "spark";
    }

    @Override
    public CellRunner open(Request request) {
        ClassLoader spark;
        Map<String, Object> settings = new HashMap<>();
        synchronized (SparkCellRunnerProvider.class) {
            spark = hostSpark;
        }
        if (spark == null) {
            Path jar = ownJar();
            spark = EngineHandle.sparkLoader(jar);
            if (System.getProperty(LOG4J_CONFIG) == null) {
                // Read by Log4j 2 when Spark first logs: Spark's own default prints every INFO line.
                System.setProperty(LOG4J_CONFIG, String.valueOf(spark.getResource("org/gan4j/spark/engine/log4j2.properties")));
            }
            settings.put("master", request.master());
            settings.put("jar", jar.toString());
        }
        settings.put("appName", "gan4j compare");
        settings.put("taskCpus", request.threads());
        settings.put("verbose", request.verbose());
        EngineHandle engine = EngineHandle.start(spark, settings);
        // Tasks that run in this JVM (local[N]) use this gan4j and its plugins rather than a second copy.
        EngineHandle.useLocalWorker(spark, new CellWork(request.registry()));
        return new SparkCellRunner(engine, request);
    }

    /** The gan-spark jar this class was loaded from. */
    static Path ownJar() {
        return Locations.codeSource(SparkCellRunnerProvider.class)
                .orElseThrow(() -> new IllegalStateException("cannot tell which jar gan-spark was loaded from"));
    }
}

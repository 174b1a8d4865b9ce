package org.gan4j.core.compare;

import com.google.inject.Module;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.core.train.TrainOptions;

/**
 * Where and how an experiment's cells are trained: on this machine by a thread pool
 * ({@link CompareRunner#local}) or elsewhere by an engine found at run time
 * ({@link CellRunnerProvider}; the optional gan-spark module runs each cell as a Spark task).
 * {@code gan4j compare} reads the cells back from {@code <experimentDir>/cells/} for the report, so
 * a runner whose cells live elsewhere copies their results there ({@link #gather}) and copies the
 * report back ({@link #publish}).
 */
public interface CellRunner extends AutoCloseable {

    /**
     * Trains the cells whose run directory is not completed yet; a cell that fails does not stop the
     * others.
     *
     * @param experimentDir the experiment's directory on this machine (the report's)
     * @param options       base options (config rendering, base directory); output root, overwrite and progress are set per cell
     * @param log           one line per cell as it starts and ends
     * @return one outcome per cell, in the order of {@code cells}
     */
    List<CompareRunner.Outcome> run(Experiment experiment, List<Cell> cells, Path experimentDir, List<? extends Module> plugins,
                                    TrainOptions options, PrintStream log);

    /** Makes every cell's results readable under {@code experimentDir/cells/}; nothing to do when they are written there. */
    default void gather(Experiment experiment, Path experimentDir) {
    }

    /** Copies the report's {@code files} (in {@code experimentDir}) to where the cells are; nothing to do when that is here. */
    default void publish(Experiment experiment, Path experimentDir, List<Path> files) {
    }

    /** Releases the engine (a Spark context, say). */
    @Override
    default void close() {
    }
}

package org.gan4j.core.run;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.core.config.RunConfig;
import org.gan4j.core.train.PluginSources;
import org.gan4j.core.train.RunDirectory;
import org.gan4j.core.train.TrainOptions;
import org.gan4j.core.train.Trainer;

/**
 * Everything about a run that can be checked without training it, for many runs before the first
 * trains (a comparison's cells): the data opens, the networks and optimizers build for it and fit in
 * memory with the batch, the sample grid and the metrics' samples, and every metric fits the data.
 * It builds each run's parts as {@link TrainingRun} would, writes nothing, and opens each distinct
 * data section once.
 */
public final class Preflight {

    private Preflight() {
    }

    /**
     * Checks {@code configs}, whose run directories are {@code directories} (same order).
     *
     * @param describe names a run in errors ("the cell loss.type=hinge,seed=1")
     * @throws Gan4jException the first mistake found, prefixed with the run's description
     */
    public static void check(List<RunConfig> configs, List<Path> directories, List<? extends Module> plugins, TrainOptions options,
                             java.util.function.Function<RunConfig, String> describe) {
        Map<Object, Dataset> opened = new HashMap<>();
        try {
            for (int i = 0; i < configs.size(); i++) {
                RunConfig config = configs.get(i);
                try {
                    Dataset data = opened.computeIfAbsent(config.data(),
                            spec -> ConfigFields.sized(options.configJson().apply(config), "data",
                                    () -> config.data().open(new DataContext(options.baseDirectory(), options.progress()::println))));
                    Module run = new RunModule(config, options, new RunDirectory(directories.get(i)), PluginSources.of(plugins));
                    List<Module> modules = new ArrayList<>();
                    modules.add(Modules.override(run).with(binder -> binder.bind(Dataset.class).toInstance(data)));
                    modules.addAll(plugins);
                    Injector injector = TrainingRun.unwrapped(() -> Guice.createInjector(modules));
                    TrainingRun.unwrapped(() -> injector.getInstance(Trainer.class));
                } catch (Gan4jException e) {
                    throw new Gan4jException(e.exitCode(), capitalised(describe.apply(config)) + ": " + e.getMessage(), e);
                }
            }
        } finally {
            opened.values().forEach(Dataset::close);
        }
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

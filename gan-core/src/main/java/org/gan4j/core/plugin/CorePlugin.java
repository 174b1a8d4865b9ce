package org.gan4j.core.plugin;

import java.util.List;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.api.spi.MetricSpec;
import org.gan4j.api.spi.OptimizerSpec;
import org.gan4j.api.spi.TrainingSchedule;
import org.gan4j.core.metrics.ModeCoverageSpec;
import org.gan4j.core.metrics.classifier.ClassAccuracySpec;
import org.gan4j.core.metrics.classifier.ClassifierFidSpec;
import org.gan4j.core.optim.AdamSpec;
import org.gan4j.core.optim.RmsPropSpec;
import org.gan4j.core.optim.SgdSpec;
import org.gan4j.core.schedule.AlternatingSchedule;

/** gan-core's own components: the optimizers, the alternating schedule and the mode-coverage, classifier-fid and class-accuracy metrics. */
public final class CorePlugin implements GanPlugin {

    @Override
    public List<ComponentType> components() {
        return List.of(
                ComponentType.of(OptimizerSpec.class, "adam", AdamSpec.class),
                ComponentType.of(OptimizerSpec.class, "rmsprop", RmsPropSpec.class),
                ComponentType.of(OptimizerSpec.class, "sgd", SgdSpec.class),
                ComponentType.of(TrainingSchedule.class, "alternating", AlternatingSchedule.class),
                ComponentType.of(MetricSpec.class, "mode-coverage", ModeCoverageSpec.class),
                ComponentType.of(MetricSpec.class, "classifier-fid", ClassifierFidSpec.class),
                ComponentType.of(MetricSpec.class, "class-accuracy", ClassAccuracySpec.class));
    }
}

package org.gan4j.losses;

import java.util.List;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.api.spi.Loss;

/**
 * Registers the built-in losses: {@code minimax}, {@code non-saturating}, {@code wasserstein},
 * {@code wasserstein-gp}, {@code least-squares}, {@code hinge} and {@code relativistic}.
 */
public final class LossesPlugin implements GanPlugin {

    @Override
    public List<ComponentType> components() {
        return List.of(
                ComponentType.of(Loss.class, "minimax", MinimaxLoss.class),
                ComponentType.of(Loss.class, "non-saturating", NonSaturatingLoss.class),
                ComponentType.of(Loss.class, "wasserstein", WassersteinLoss.class),
                ComponentType.of(Loss.class, "wasserstein-gp", WassersteinGpLoss.class),
                ComponentType.of(Loss.class, "least-squares", LeastSquaresLoss.class),
                ComponentType.of(Loss.class, "hinge", HingeLoss.class),
                ComponentType.of(Loss.class, "relativistic", RelativisticLoss.class));
    }
}

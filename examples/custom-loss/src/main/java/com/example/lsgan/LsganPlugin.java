package com.example.lsgan;

import java.util.List;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.api.spi.Loss;

/**
 * The plugin: names its one component. gan4j finds this class through
 * {@code META-INF/services/org.gan4j.api.spi.GanPlugin}, and a config selects the loss with
 * {@code loss: { type: my-least-squares }}. (gan4j has a built-in {@code least-squares}; two
 * components of one kind may not share a name, hence the prefix.)
 */
public final class LsganPlugin implements GanPlugin {

    @Override
    public List<ComponentType> components() {
        return List.of(ComponentType.of(Loss.class, "my-least-squares", MyLeastSquaresLoss.class));
    }
}

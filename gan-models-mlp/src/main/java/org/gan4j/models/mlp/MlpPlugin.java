package org.gan4j.models.mlp;

import java.util.List;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.api.spi.GeneratorSpec;

/** Registers the {@code mlp} generator and discriminator. */
public final class MlpPlugin implements GanPlugin {

    @Override
    public List<ComponentType> components() {
        return List.of(
                ComponentType.of(GeneratorSpec.class, "mlp", MlpGeneratorSpec.class),
                ComponentType.of(DiscriminatorSpec.class, "mlp", MlpDiscriminatorSpec.class));
    }
}

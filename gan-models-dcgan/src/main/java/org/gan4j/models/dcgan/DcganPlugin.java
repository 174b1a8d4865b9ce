package org.gan4j.models.dcgan;

import java.util.List;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.api.spi.GeneratorSpec;

/** Registers the {@code dcgan} generator and discriminator. */
public final class DcganPlugin implements GanPlugin {

    @Override
    public List<ComponentType> components() {
        return List.of(
                ComponentType.of(GeneratorSpec.class, "dcgan", DcganGeneratorSpec.class),
                ComponentType.of(DiscriminatorSpec.class, "dcgan", DcganDiscriminatorSpec.class));
    }
}

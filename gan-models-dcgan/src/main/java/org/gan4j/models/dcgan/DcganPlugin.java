package org.gan4j.models.dcgan;

import java.util.List;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.DiscriminatorSpec;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.api.spi.GeneratorSpec;

/** Registers the {@code dcgan} and {@code infogan} generators and discriminators. */
public final class DcganPlugin implements GanPlugin {

    @Override
    public List<ComponentType> components() {
        return List.of(
                ComponentType.of(GeneratorSpec.class, "dcgan", DcganGeneratorSpec.class),
                ComponentType.of(DiscriminatorSpec.class, "dcgan", DcganDiscriminatorSpec.class),
                ComponentType.of(GeneratorSpec.class, "infogan", InfoganGeneratorSpec.class),
                ComponentType.of(DiscriminatorSpec.class, "infogan", InfoganDiscriminatorSpec.class));
    }
}

package org.gan4j.data;

import java.util.List;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.DatasetSpec;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.data.celeba.CelebaDatasetSpec;
import org.gan4j.data.images.ImageFolderSpec;
import org.gan4j.data.mnist.MnistDatasetSpec;
import org.gan4j.data.synthetic.GridDatasetSpec;
import org.gan4j.data.synthetic.RingDatasetSpec;

/** Registers the built-in datasets: {@code mnist}, {@code celeba}, {@code image-folder} and the synthetic 2-D mixtures {@code ring} and {@code grid}. */
public final class DataPlugin implements GanPlugin {

    @Override
    public List<ComponentType> components() {
        return List.of(
                ComponentType.of(DatasetSpec.class, "mnist", MnistDatasetSpec.class),
                ComponentType.of(DatasetSpec.class, "celeba", CelebaDatasetSpec.class),
                ComponentType.of(DatasetSpec.class, "image-folder", ImageFolderSpec.class),
                ComponentType.of(DatasetSpec.class, "ring", RingDatasetSpec.class),
                ComponentType.of(DatasetSpec.class, "grid", GridDatasetSpec.class));
    }
}

package org.gan4j.embed.export;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipOutputStream;
import org.gan4j.api.spi.Generator;
import org.gan4j.core.image.AtomicFiles;
import org.gan4j.core.train.ModelArchive;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes a generator's weights as a NumPy {@code .npz} (a zip of {@code .npy} arrays) under PyTorch's
 * parameter names, so that {@code model.load_state_dict({k: torch.from_numpy(v) for k, v in np.load(f).items()})}
 * fills the {@code nn.Sequential} of the same layers (docs/exporting.md has the snippet for the
 * seed's MLP and the DCGAN generator). Names are {@code <layer index>.<parameter>}: {@code weight}
 * and {@code bias} of {@code Linear} ({@code [out, in]}), {@code Conv2d} ({@code [out, in, kH, kW]})
 * and {@code ConvTranspose2d} ({@code [in, out, kH, kW]}); {@code weight}, {@code bias},
 * {@code running_mean}, {@code running_var} and {@code num_batches_tracked} of {@code BatchNorm2d};
 * {@code weight} of a conditional generator's label embedding ({@code [classes, m]}, the layout of
 * {@code nn.Embedding}, whose output is joined after the layer's flattened input).
 */
public final class NpzExport {

    private NpzExport() {
    }

    /**
     * Writes {@code generator}'s weights to {@code file} atomically.
     *
     * @param what names the generator in a refusal
     * @throws org.gan4j.api.Gan4jException (bad input) for a generator not built from gan4j's standard layers
     */
    public static void write(Generator generator, String what, Path file) {
        Map<String, INDArray> arrays = stateDict(StandardLayers.of(generator, what));
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                ModelArchive.entry(zip, e.getKey() + ".npy", Nd4j.toNpyByteArray(e.getValue()), false);
            }
            zip.finish();
        });
    }

    /** The arrays by PyTorch name, in layer order. */
    static Map<String, INDArray> stateDict(StandardLayers layers) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (StandardLayers.Step step : layers.steps()) {
            String p = step.index() + ".";
            if (step instanceof StandardLayers.Linear l) {
                arrays.put(p + "weight", l.weight());
                arrays.put(p + "bias", l.bias());
            } else if (step instanceof StandardLayers.Convolution c) {
                arrays.put(p + "weight", c.weight());
                if (c.bias() != null) {
                    arrays.put(p + "bias", c.bias());
                }
            } else if (step instanceof StandardLayers.BatchNorm b) {
                arrays.put(p + "weight", b.gamma());
                arrays.put(p + "bias", b.beta());
                arrays.put(p + "running_mean", b.runningMean());
                arrays.put(p + "running_var", b.runningVar());
                // PyTorch's batch counter, only read when momentum is None (gan4j's is 0.1); present so strict loading works.
                arrays.put(p + "num_batches_tracked", Nd4j.scalar(0L));
            } else if (step instanceof StandardLayers.LabelEmbedding e) {
                arrays.put(p + "weight", e.embedding());
            }
        }
        return arrays;
    }
}

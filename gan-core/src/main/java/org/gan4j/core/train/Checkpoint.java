package org.gan4j.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The full training state at the end of one iteration, and its file format (a zip, format
 * {@value #FORMAT} version {@value #FORMAT_VERSION}):
 * <ul>
 * <li>{@code checkpoint.json}: {@code format}, {@code formatVersion}, {@code iteration} (iterations
 *     done), {@code epoch} (1-based epoch the next iteration belongs to), {@code batchInEpoch} (real
 *     batches of that epoch already used), {@code completedEpochs}, {@code seed},
 *     {@code generatorSteps} and {@code discriminatorSteps} (the optimizers' step counts),
 *     {@code learningRateScale} (the factor rollbacks have applied to both learning rates, 1 if none),
 *     {@code trainingSeconds} (wall-clock seconds of GAN steps so far, for {@code schedule.seconds}; 0 when absent), and
 *     {@code entries}: the SHA-256 (lower-case hex) of every other entry by name;</li>
 * <li>{@code generator/parameters.npy}, {@code generator/state.npy}, {@code generator/optimizer.npy}
 *     and the same under {@code discriminator/}: NumPy arrays of {@code Parameters.values()},
 *     {@code Parameters.state()} and {@code Optimizer.state()}, and {@code loss/state.npy}, the
 *     loss's {@code LossContext.state()}; an empty array is left out;</li>
 * <li>with a generator average ({@code optimizer.ema}), {@code generator/average.npy} and
 *     {@code generator/average-state.npy}: the averaged weights and state ({@link GeneratorAverage}).</li>
 * </ul>
 * No random generator state is saved: the trainer reseeds every generator from (seed, iteration)
 * at the start of each iteration and the data order depends only on (seed, epoch), so these numbers
 * determine everything that follows.
 *
 * @param iteration       iterations done
 * @param epoch           1-based epoch of the next iteration
 * @param batchInEpoch    real batches of {@code epoch} already used
 * @param completedEpochs epochs finished
 * @param seed            the run's seed
 * @param arrays          the arrays by entry name
 * @param generatorSteps  the generator optimizer's step count
 * @param discriminatorSteps the discriminator optimizer's step count
 * @param learningRateScale the factor divergence rollbacks have applied to both learning rates (1 if none)
 * @param trainingSeconds wall-clock seconds the GAN steps have taken so far
 */
public record Checkpoint(long iteration, int epoch, int batchInEpoch, int completedEpochs, long seed,
                         long generatorSteps, long discriminatorSteps, double learningRateScale, Map<String, INDArray> arrays,
                         double trainingSeconds) {

    /** A checkpoint that does not count training time. */
    public Checkpoint(long iteration, int epoch, int batchInEpoch, int completedEpochs, long seed,
                      long generatorSteps, long discriminatorSteps, double learningRateScale, Map<String, INDArray> arrays) {
        this(iteration, epoch, batchInEpoch, completedEpochs, seed, generatorSteps, discriminatorSteps, learningRateScale, arrays, 0);
    }

    public static final String FORMAT = "gan4j-checkpoint";
    public static final int FORMAT_VERSION = 1;
    public static final String INDEX = "checkpoint.json";
    public static final String G_PARAMETERS = "generator/parameters.npy";
    public static final String G_STATE = "generator/state.npy";
    public static final String G_OPTIMIZER = "generator/optimizer.npy";
    public static final String G_AVERAGE = "generator/average.npy";
    public static final String G_AVERAGE_STATE = "generator/average-state.npy";
    public static final String D_PARAMETERS = "discriminator/parameters.npy";
    public static final String D_STATE = "discriminator/state.npy";
    public static final String D_OPTIMIZER = "discriminator/optimizer.npy";
    public static final String LOSS_STATE = "loss/state.npy";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A checkpoint file that cannot be used: truncated, not a checkpoint, or an entry whose checksum does not match. */
    public static final class InvalidException extends Exception {
        public InvalidException(String message) {
            super(message);
        }
    }

    public Checkpoint {
        arrays = Map.copyOf(arrays);
    }

    /** The array of {@code entry}, or null when the checkpoint has none (an empty array was saved). */
    public INDArray array(String entry) {
        return arrays.get(entry);
    }

    /** The checkpoint as zip bytes (what {@link #writeTo} writes). */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the checkpoint's zip to {@code out}, each array streamed from its own buffer
     * ({@link NpyEntry}): the arrays are read twice (checksums first, for the index that leads the
     * zip) and never copied whole onto the heap. The arrays must not change meanwhile.
     */
    public void writeTo(OutputStream out) throws IOException {
        List<NpyEntry> entries = new ArrayList<>();
        for (String name : new String[] {G_PARAMETERS, G_STATE, G_OPTIMIZER, G_AVERAGE, G_AVERAGE_STATE, D_PARAMETERS, D_STATE,
                D_OPTIMIZER, LOSS_STATE}) {
            INDArray a = arrays.get(name);
            if (a != null && a.length() > 0) {
                entries.add(NpyEntry.of(name, a));
            }
        }
        ObjectNode index = JSON.createObjectNode();
        index.put("format", FORMAT);
        index.put("formatVersion", FORMAT_VERSION);
        index.put("iteration", iteration);
        index.put("epoch", epoch);
        index.put("batchInEpoch", batchInEpoch);
        index.put("completedEpochs", completedEpochs);
        index.put("seed", seed);
        index.put("generatorSteps", generatorSteps);
        index.put("discriminatorSteps", discriminatorSteps);
        index.put("learningRateScale", learningRateScale);
        index.put("trainingSeconds", trainingSeconds);
        ObjectNode sums = index.putObject("entries");
        entries.forEach(e -> sums.put(e.name(), e.sha256()));
        ZipOutputStream zip = new ZipOutputStream(out);
        ModelArchive.entry(zip, INDEX, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index), false);
        for (NpyEntry e : entries) {
            e.writeTo(zip);
        }
        zip.finish();
    }

    /** Reads and verifies a checkpoint. */
    public static Checkpoint read(InputStream in) throws InvalidException {
        byte[] all;
        try {
            all = in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidException("it cannot be read (" + e.getMessage() + ")");
        }
        // A complete zip written by toBytes ends with its 22-byte end-of-central-directory record.
        int end = all.length - 22;
        if (end < 0 || all[end] != 'P' || all[end + 1] != 'K' || all[end + 2] != 5 || all[end + 3] != 6) {
            throw new InvalidException("it is truncated (no end-of-zip record)");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(all))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), ModelArchive.readEntry(zip, e.getName(), all.length));
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidException("it cannot be read as a zip (" + e.getMessage() + ")");
        }
        byte[] indexBytes = entries.get(INDEX);
        if (indexBytes == null) {
            throw new InvalidException("it has no " + INDEX + " (truncated or not a checkpoint)");
        }
        JsonNode index;
        try {
            index = JSON.readTree(indexBytes);
        } catch (IOException e) {
            throw new InvalidException("its " + INDEX + " is not JSON");
        }
        if (!FORMAT.equals(index.path("format").asText()) || index.path("formatVersion").asInt() < 1
                || index.path("formatVersion").asInt() > FORMAT_VERSION) {
            throw new InvalidException("it has format " + index.path("format").asText("?") + " version "
                    + index.path("formatVersion").asText("?") + "; this gan4j reads " + FORMAT + " up to version " + FORMAT_VERSION);
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        JsonNode sums = index.path("entries");
        for (var it = sums.fields(); it.hasNext(); ) {
            var e = it.next();
            byte[] bytes = entries.get(e.getKey());
            if (bytes == null) {
                throw new InvalidException("its entry " + e.getKey() + " is missing");
            }
            if (!Sha256.of(bytes).equals(e.getValue().asText())) {
                throw new InvalidException("its entry " + e.getKey() + " does not match its SHA-256");
            }
            try {
                arrays.put(e.getKey(), NpyArrays.read(bytes));
            } catch (NpyArrays.InvalidException ex) {
                throw new InvalidException("its entry " + e.getKey() + " is not a valid array: " + ex.getMessage());
            }
        }
        if (!arrays.containsKey(G_PARAMETERS) || !arrays.containsKey(D_PARAMETERS)) {
            throw new InvalidException("it has no network parameters");
        }
        for (String field : new String[] {"iteration", "epoch", "batchInEpoch", "completedEpochs", "generatorSteps", "discriminatorSteps"}) {
            JsonNode n = index.path(field);
            if (!n.isIntegralNumber() || n.asLong() < (field.equals("epoch") ? 1 : 0) || (!field.endsWith("Steps") && !field.equals("iteration")
                    && n.asLong() > Integer.MAX_VALUE)) {
                throw new InvalidException("its " + INDEX + " has " + field + " " + n + ", not a valid count");
            }
        }
        double scale = index.path("learningRateScale").asDouble(1);
        if (!(scale > 0 && scale <= 1)) {
            throw new InvalidException("its " + INDEX + " has learningRateScale " + index.path("learningRateScale") + ", not in (0, 1]");
        }
        return new Checkpoint(index.path("iteration").asLong(), index.path("epoch").asInt(), index.path("batchInEpoch").asInt(),
                index.path("completedEpochs").asInt(), index.path("seed").asLong(), index.path("generatorSteps").asLong(),
                index.path("discriminatorSteps").asLong(), index.path("learningRateScale").asDouble(1), arrays,
                Math.max(0, index.path("trainingSeconds").asDouble(0)));
    }

}

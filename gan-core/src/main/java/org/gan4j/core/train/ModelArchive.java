package org.gan4j.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.ModelContext;
import org.gan4j.core.image.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weights file of one network ({@code generator.zip}, {@code discriminator.zip}): a zip with
 * <ul>
 * <li>{@code model.json}: {@code format} ("gan4j-model"), {@code formatVersion} (1), {@code network}
 *     ("generator" or "discriminator"), {@code spec} (the resolved spec as the config would write it),
 *     {@code sampleShape}, {@code modelSeed} (the seed the network was built with), {@code runSeed},
 *     {@code dataType}, {@code parameterCount}, {@code stateCount}, {@code iterations}, and for a network
 *     that reads or classifies labels {@code condition}: {@code {kind: classes|attributes, names: [...]}};</li>
 * <li>{@code parameters.npy}: the flat trainable values ({@link Parameters#values()}), NumPy format;</li>
 * <li>{@code state.npy}: the flat non-trainable state ({@link Parameters#state()}), NumPy format,
 *     omitted when the network has no state.</li>
 * </ul>
 * To load: build the network from {@code spec} with a {@code ModelContext(sampleShape, dataType,
 * modelSeed, condition)} ({@link Contents#modelContext()}), then {@link #restore} the arrays into it.
 */
public final class ModelArchive {

    public static final String FORMAT = "gan4j-model";
    public static final int FORMAT_VERSION = 1;
    public static final String MODEL_JSON = "model.json";
    public static final String PARAMETERS = "parameters.npy";
    public static final String STATE = "state.npy";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The contents of an archive: its description and the two arrays (state possibly empty). */
    public record Contents(JsonNode model, INDArray parameters, INDArray state) {

        /** The {@code spec} object as JSON text, for the registry's mapper to read back. */
        public String specJson() {
            return model.path("spec").toString();
        }

        public long[] sampleShape() {
            JsonNode shape = model.path("sampleShape");
            long[] s = new long[shape.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = shape.get(i).asLong();
            }
            return s;
        }

        public long modelSeed() {
            return model.path("modelSeed").asLong();
        }

        public DataType dataType() {
            return DataType.valueOf(model.path("dataType").asText("FLOAT"));
        }

        /** The labels the network was trained with, {@link Condition#NONE} for an unconditional one (or an older archive). */
        public Condition condition() {
            JsonNode c = model.path("condition");
            if (!c.isObject()) {
                return Condition.NONE;
            }
            java.util.List<String> names = new java.util.ArrayList<>();
            c.path("names").forEach(n -> names.add(n.asText()));
            return "attributes".equals(c.path("kind").asText()) ? Condition.attributes(names) : Condition.classes(names);
        }

        /** The context to rebuild the network in from its spec. */
        public ModelContext modelContext() {
            return new ModelContext(sampleShape(), dataType(), modelSeed(), condition());
        }
    }

    private ModelArchive() {
    }

    /** Writes {@code network}'s weights to {@code file} atomically (temporary file, then rename). */
    public static void write(Path file, String networkKind, Network network, String specJson, long[] sampleShape,
                             long modelSeed, long runSeed, long iterations) {
        write(file, networkKind, network, specJson, sampleShape, modelSeed, runSeed, iterations, Condition.NONE);
    }

    /** Like the other {@code write}, recording the labels a conditional network was built for. */
    public static void write(Path file, String networkKind, Network network, String specJson, long[] sampleShape,
                             long modelSeed, long runSeed, long iterations, Condition condition) {
        Parameters p = network.parameters();
        ObjectNode model = JSON.createObjectNode();
        model.put("format", FORMAT);
        model.put("formatVersion", FORMAT_VERSION);
        model.put("network", networkKind);
        try {
            model.set("spec", specJson == null ? JSON.nullNode() : JSON.readTree(specJson));
        } catch (IOException e) {
            throw new IllegalArgumentException("the spec is not JSON: " + specJson, e);
        }
        ArrayNode shape = model.putArray("sampleShape");
        for (long d : sampleShape) {
            shape.add(d);
        }
        model.put("modelSeed", modelSeed);
        model.put("runSeed", runSeed);
        model.put("dataType", p.values().dataType().name());
        model.put("parameterCount", p.size());
        model.put("stateCount", p.state().length());
        model.put("iterations", iterations);
        if (!condition.isNone()) {
            ObjectNode c = model.putObject("condition");
            c.put("kind", condition.isClasses() ? "classes" : "attributes");
            ArrayNode names = c.putArray("names");
            condition.names().forEach(names::add);
        }
        byte[] json;
        try {
            json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(model);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        NpyEntry values = NpyEntry.of(PARAMETERS, p.values()); // streamed from the arrays (see NpyEntry)
        NpyEntry state = p.state().length() == 0 ? null : NpyEntry.of(STATE, p.state());
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            entry(zip, MODEL_JSON, json, true);
            values.writeTo(zip);
            if (state != null) {
                state.writeTo(zip);
            }
            zip.finish();
        });
    }

    /**
     * Writes one zip entry with a fixed timestamp. Arrays are stored uncompressed (also by
     * {@link Checkpoint}): trained float weights barely deflate, deflating them is slow, and a stored
     * entry's CRC still lets the zip reader catch damage.
     */
    public static void entry(ZipOutputStream zip, String name, byte[] bytes, boolean deflate) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0); // fixed timestamps: the same weights give the same bytes
        if (!deflate) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(bytes);
            e.setMethod(ZipEntry.STORED);
            e.setSize(bytes.length);
            e.setCompressedSize(bytes.length);
            e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Data types an archive may declare (what gan4j's networks are built in). */
    static final java.util.Set<String> DATA_TYPES = java.util.Set.of("FLOAT", "DOUBLE");
    /** At most this many values per sample (a 4096x4096 RGB image is 50M): more means a damaged model.json. */
    static final long MAX_SAMPLE_VALUES = 1L << 26;
    /** At most this size of model.json, so a damaged (deflated) entry cannot claim the heap. */
    static final int MAX_JSON_BYTES = 1 << 20;

    /**
     * Reads an archive, checking everything in Java before it is used: the zip's entries (and their
     * CRCs), {@code model.json}'s format, data type, sample shape and counts, and each array
     * ({@link NpyArrays}) against those counts. A missing, damaged or foreign file is bad input naming
     * the file and what is wrong with it.
     */
    public static Contents read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw Gan4jException.badInput("No weights file " + file + ".");
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            long size = Files.size(file);
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), readEntry(zip, e.getName(), e.getName().equals(MODEL_JSON) ? MAX_JSON_BYTES : size));
            }
        } catch (IOException | RuntimeException e) {
            throw damaged(file, "it cannot be read as a zip (" + e.getMessage() + ")", e);
        }
        for (String required : new String[] {MODEL_JSON, PARAMETERS}) {
            if (!entries.containsKey(required)) {
                throw damaged(file, "it has no " + required, null);
            }
        }
        JsonNode model;
        try {
            model = JSON.readTree(entries.get(MODEL_JSON));
        } catch (IOException e) {
            throw damaged(file, "its " + MODEL_JSON + " is not valid JSON (" + e.getMessage() + ")", e);
        }
        if (model == null || !FORMAT.equals(model.path("format").asText()) || model.path("formatVersion").asInt() > FORMAT_VERSION
                || model.path("formatVersion").asInt() < 1) {
            throw Gan4jException.badInput("The weights file " + file + " has format " + (model == null ? "?" : model.path("format").asText("?"))
                    + " version " + (model == null ? "?" : model.path("formatVersion").asText("?")) + "; this gan4j reads " + FORMAT
                    + " up to version " + FORMAT_VERSION + ". Is it a gan4j weights file?");
        }
        checkModel(file, model);
        INDArray values = array(file, PARAMETERS, entries.get(PARAMETERS), model.path("parameterCount"));
        byte[] stateBytes = entries.get(STATE);
        INDArray state = stateBytes == null ? Nd4j.empty(values.dataType()) : array(file, STATE, stateBytes, model.path("stateCount"));
        return new Contents(model, values, state);
    }

    /** The fields of {@code model.json} used to rebuild the network: data type and sample shape, and the counts. */
    private static void checkModel(Path file, JsonNode model) {
        String type = model.path("dataType").asText("FLOAT");
        if (!DATA_TYPES.contains(type)) {
            throw damaged(file, "its " + MODEL_JSON + " gives the data type '" + type + "'; expected one of " + new java.util.TreeSet<>(DATA_TYPES), null);
        }
        JsonNode shape = model.path("sampleShape");
        long values = 1;
        boolean valid = shape.isArray() && !shape.isEmpty() && shape.size() <= 4;
        for (JsonNode d : shape) {
            valid &= d.canConvertToLong() && d.isIntegralNumber() && d.asLong() > 0 && d.asLong() <= MAX_SAMPLE_VALUES;
            values = valid ? values * d.asLong() : values;
            valid &= values <= MAX_SAMPLE_VALUES;
        }
        if (!valid) {
            throw damaged(file, "its " + MODEL_JSON + " gives the sample shape " + shape + "; expected 1 to 4 positive sizes of at most "
                    + MAX_SAMPLE_VALUES + " values in all", null);
        }
        if (!model.path("spec").isObject()) {
            throw damaged(file, "its " + MODEL_JSON + " has no spec (the settings the network is rebuilt from)", null);
        }
    }

    private static INDArray array(Path file, String entry, byte[] bytes, JsonNode declaredCount) {
        INDArray a;
        try {
            a = NpyArrays.read(bytes);
        } catch (NpyArrays.InvalidException e) {
            throw damaged(file, "its " + entry + " is not a valid array: " + e.getMessage(), e);
        }
        if (!declaredCount.isMissingNode() && (!declaredCount.canConvertToLong() || declaredCount.asLong() != a.length())) {
            throw damaged(file, "its " + entry + " holds " + a.length() + " values but its " + MODEL_JSON + " says " + declaredCount, null);
        }
        return a;
    }

    private static Gan4jException damaged(Path file, String what, Throwable cause) {
        return Gan4jException.badInput("The weights file " + file + " is damaged: " + what + ". Train the run again (or restore "
                + "the file from a copy); its checkpoints, if any, can be resumed with gan4j train --resume.", cause);
    }

    /** The rest of {@code zip}'s current entry, refusing one larger than {@code limit} bytes. */
    static byte[] readEntry(ZipInputStream zip, String name, long limit) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
            total += n;
            if (total > limit) {
                throw new IOException("the entry " + name + " unpacks to more than " + limit + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Copies saved arrays into {@code network}'s parameters; sizes must match exactly. */
    public static void restore(Contents contents, Network network, Path file) {
        Parameters p = network.parameters();
        if (contents.parameters().length() != p.size() || contents.state().length() != p.state().length()) {
            throw Gan4jException.badInput("The weights in " + file + " (" + contents.parameters().length() + " parameters, "
                    + contents.state().length() + " state values) do not fit the network its spec builds (" + p.size()
                    + " parameters, " + p.state().length() + " state values).");
        }
        p.values().assign(contents.parameters().reshape(p.values().shape()).castTo(p.values().dataType()));
        if (p.state().length() > 0) {
            p.state().assign(contents.state().reshape(p.state().shape()).castTo(p.state().dataType()));
        }
    }
}

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
        byte[] values = Nd4j.toNpyByteArray(p.values());
        byte[] state = p.state().length() == 0 ? null : Nd4j.toNpyByteArray(p.state());
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            entry(zip, MODEL_JSON, json, true);
            entry(zip, PARAMETERS, values, false);
            if (state != null) {
                entry(zip, STATE, state, false);
            }
            zip.finish();
        });
    }

    /**
     * Writes one zip entry with a fixed timestamp. Arrays are stored uncompressed (also by
     * {@link Checkpoint}): trained float weights barely deflate, deflating them is slow, and a stored
     * entry's CRC still lets the zip reader catch damage.
     */
    static void entry(ZipOutputStream zip, String name, byte[] bytes, boolean deflate) throws IOException {
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

    /** Reads an archive; a missing or malformed file is bad input naming the file. */
    public static Contents read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw Gan4jException.badInput("No weights file " + file + ".");
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw Gan4jException.badInput("Could not read the weights file " + file + ": " + e.getMessage(), e);
        }
        for (String required : new String[] {MODEL_JSON, PARAMETERS}) {
            if (!entries.containsKey(required)) {
                throw Gan4jException.badInput("The weights file " + file + " has no " + required
                        + "; it is not a gan4j model archive or it is damaged.");
            }
        }
        JsonNode model;
        try {
            model = JSON.readTree(entries.get(MODEL_JSON));
        } catch (IOException e) {
            throw Gan4jException.badInput("The " + MODEL_JSON + " in " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(model.path("format").asText()) || model.path("formatVersion").asInt() > FORMAT_VERSION) {
            throw Gan4jException.badInput("The weights file " + file + " has format " + model.path("format").asText("?")
                    + " version " + model.path("formatVersion").asText("?") + "; this gan4j reads " + FORMAT + " up to version "
                    + FORMAT_VERSION + ".");
        }
        INDArray values = Nd4j.createNpyFromByteArray(entries.get(PARAMETERS));
        byte[] stateBytes = entries.get(STATE);
        INDArray state = stateBytes == null ? Nd4j.empty(values.dataType()) : Nd4j.createNpyFromByteArray(stateBytes);
        return new Contents(model, values, state);
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

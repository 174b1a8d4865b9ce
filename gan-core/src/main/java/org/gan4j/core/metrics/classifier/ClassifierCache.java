package org.gan4j.core.metrics.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.gan4j.api.array.Shapes;
import org.gan4j.api.spi.Dataset;
import org.gan4j.core.image.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finds the trained classifier for a dataset in the cache, or trains and stores it. A cache entry is
 * one zip file {@code classifier-<key hash>.zip} holding {@value #JSON} (the key, the measured test
 * accuracy, how it was trained) and {@value #WEIGHTS}; it is written atomically. The key covers
 * everything the classifier depends on: the SHA-256 of the data files (or, for a dataset without
 * files, of its samples and labels), the sample shape, the class count, {@link Classifier#ARCHITECTURE},
 * the epochs and the seed. An entry that cannot be read is trained again, and the log says so.
 *
 * <p>Where: the configured directory, else {@value #DIRECTORY} beside the data files, else (no files,
 * a data directory without write permission, or a cache directory that cannot be created) {@code ~/.cache/gan4j/}. Within one JVM a classifier is trained
 * or read once per entry and then shared (compare cells, parallel or not, reuse it).
 */
public final class ClassifierCache {

    /** The cache directory's name beside the data files. */
    public static final String DIRECTORY = ".gan4j-cache";
    static final String JSON = "classifier.json";
    static final String WEIGHTS = "weights.bin";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Entries already read or trained in this JVM, by absolute file. */
    private static final Map<Path, Entry> SHARED = new ConcurrentHashMap<>();
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();
    /** Cache directories this JVM already said it cannot use (said once, not at every compare cell). */
    private static final java.util.Set<Path> SAID = ConcurrentHashMap.newKeySet();
    /** Classifiers trained in this JVM (tests check that a cache hit trains nothing). */
    private static final AtomicInteger TRAININGS = new AtomicInteger();

    /** A ready classifier and what its cache entry records. */
    public record Entry(Classifier classifier, double accuracy, int heldOut, Path file) {
    }

    private final Path configured;
    private final int epochs;
    private final long seed;
    private final PrintStream log;

    /**
     * @param configured the cache directory from the settings, or null for the default places
     * @param log        where to say what was found, trained or written
     */
    public ClassifierCache(Path configured, int epochs, long seed, PrintStream log) {
        this.configured = configured;
        this.epochs = epochs;
        this.seed = seed;
        this.log = log;
    }

    static int trainings() {
        return TRAININGS.get();
    }

    /** {@link #obtain} once per cache entry per JVM; later calls return the same classifier. */
    public Entry shared(Dataset data) {
        String key = key(data);
        Path file = locate(data, key);
        Entry known = SHARED.get(file);
        if (known != null) {
            return known;
        }
        synchronized (LOCKS.computeIfAbsent(file, f -> new Object())) {
            known = SHARED.get(file);
            if (known == null) {
                known = obtain(data, key, file);
                SHARED.put(known.file(), known);
                SHARED.put(file, known);
            }
            return known;
        }
    }

    /** Reads the classifier for {@code data} from the cache, or trains and stores it (no sharing within the JVM). */
    public Entry obtain(Dataset data) {
        String key = key(data);
        return obtain(data, key, locate(data, key));
    }

    private Entry obtain(Dataset data, String key, Path file) {
        String name = file.getFileName().toString();
        for (Path candidate : candidates(data, name)) {
            if (!Files.exists(candidate)) {
                continue;
            }
            try {
                Entry entry = read(candidate, key, data);
                log.printf(Locale.ROOT, "classifier for %s: test accuracy %.2f%% on %,d held-out images, read from %s%n",
                        describe(data), 100 * entry.accuracy(), entry.heldOut(), candidate);
                return entry;
            } catch (IOException | RuntimeException e) {
                log.println("cached classifier " + candidate + " cannot be used (" + e.getMessage() + "); training it again");
            }
        }
        int trainImages = data.size() - ClassifierTraining.heldOut(data.size());
        log.printf(Locale.ROOT, "training the classifier for %s: %d epochs over %,d images (about a minute per 100,000 images on one core)...%n",
                describe(data), epochs, trainImages);
        TRAININGS.incrementAndGet();
        Classifier classifier = Classifier.create(data.sampleShape(), data.classCount(), seed);
        ClassifierTraining.Result result = ClassifierTraining.train(classifier, data, epochs, seed, log);
        Path written = write(file, key, classifier, result, data);
        log.printf(Locale.ROOT, "classifier for %s: test accuracy %.2f%% on %,d held-out images (trained on %,d in %.0f s), cached at %s%n",
                describe(data), 100 * result.accuracy(), result.heldOut(), result.trained(), result.seconds(), written);
        return new Entry(classifier, result.accuracy(), result.heldOut(), written);
    }

    /** The file the entry belongs in: the configured directory, else beside the data if writable, else the user cache. */
    private Path locate(Dataset data, String key) {
        String name = "classifier-" + key.substring(0, 16) + ".zip";
        if (configured != null) {
            return configured.resolve(name).toAbsolutePath().normalize();
        }
        Path beside = besideData(data);
        if (beside != null && writable(beside)) {
            return beside.resolve(name);
        }
        return userCache().resolve(name);
    }

    /** Where an entry may already be: the configured directory only, or beside the data then the user cache. */
    private List<Path> candidates(Dataset data, String name) {
        if (configured != null) {
            return List.of(configured.resolve(name).toAbsolutePath().normalize());
        }
        Path beside = besideData(data);
        return beside == null ? List.of(userCache().resolve(name)) : List.of(beside.resolve(name), userCache().resolve(name));
    }

    private static Path besideData(Dataset data) {
        if (data.files().isEmpty()) {
            return null;
        }
        Path parent = data.files().get(0).toAbsolutePath().normalize().getParent();
        return parent == null ? null : parent.resolve(DIRECTORY);
    }

    static Path userCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "gan4j").toAbsolutePath();
    }

    private boolean writable(Path dir) {
        if (!Files.isDirectory(dir) && markedReadOnly(dir.getParent())) {
            // root may write anyway; a data directory without write permission is meant to stay untouched
            if (SAID.add(dir)) {
                log.println("the data directory " + dir.getParent() + " is read-only; caching the classifier in " + userCache() + " instead");
            }
            return false;
        }
        try {
            Files.createDirectories(dir);
            if (Files.isWritable(dir)) {
                return true;
            }
        } catch (IOException | SecurityException e) {
            // fall through
        }
        if (SAID.add(dir)) {
            log.println("cannot write the classifier cache " + dir + "; using " + userCache() + " instead");
        }
        return false;
    }

    /** Whether a directory has no write permission for anyone (POSIX file systems only). */
    static boolean markedReadOnly(Path dir) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> p = Files.getPosixFilePermissions(dir);
            return !p.contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)
                    && !p.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                    && !p.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private Path write(Path file, String key, Classifier classifier, ClassifierTraining.Result result, Dataset data) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("key", key);
        json.put("architecture", Classifier.ARCHITECTURE);
        json.put("data", data.description());
        json.putPOJO("sampleShape", data.sampleShape());
        json.put("classes", classifier.classes());
        json.put("epochs", epochs);
        json.put("seed", seed);
        json.put("accuracy", result.accuracy());
        json.put("heldOut", result.heldOut());
        json.put("trainedOn", result.trained());
        json.put("trainingSeconds", Math.round(result.seconds() * 10) / 10.0);
        json.put("created", Instant.now().toString());
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(JSON));
            zip.write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(WEIGHTS));
            DataOutputStream weights = new DataOutputStream(zip);
            classifier.writeParameters(weights);
            weights.flush();
            zip.closeEntry();
            zip.finish();
        });
        return file;
    }

    private Entry read(Path file, String key, Dataset data) throws IOException {
        JsonNode json = null;
        byte[] weights = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(JSON)) {
                    json = MAPPER.readTree(zip.readAllBytes());
                } else if (e.getName().equals(WEIGHTS)) {
                    weights = zip.readAllBytes();
                }
            }
        }
        if (json == null || weights == null) {
            throw new IOException("not a classifier cache file: it lacks " + (json == null ? JSON : WEIGHTS));
        }
        if (!key.equals(json.path("key").asText())) {
            throw new IOException("it was trained for other data or settings");
        }
        Classifier classifier = Classifier.create(data.sampleShape(), data.classCount(), seed);
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(weights))) {
            classifier.readParameters(in);
            if (in.read() != -1) {
                throw new IOException("weights longer than the architecture's");
            }
        } catch (java.io.EOFException e) {
            throw new IOException("weights are truncated", e);
        }
        double accuracy = json.path("accuracy").asDouble(Double.NaN);
        return new Entry(classifier, accuracy, json.path("heldOut").asInt(), file);
    }

    private static String describe(Dataset data) {
        return data.description();
    }

    /** SHA-256 (hex) of everything the trained classifier depends on. */
    String key(Dataset data) {
        MessageDigest digest = sha256();
        String settings = "gan4j classifier architecture=" + Classifier.ARCHITECTURE + " shape=" + Arrays.toString(data.sampleShape())
                + " classes=" + data.classCount() + " size=" + data.size() + " epochs=" + epochs + " seed=" + seed + "\n";
        digest.update(settings.getBytes(StandardCharsets.UTF_8));
        if (!data.files().isEmpty()) {
            for (Path f : data.files()) {
                digest.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), digest)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot read the data file " + f + " to key the classifier cache", e);
                }
            }
        } else {
            hashSamples(data, digest);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void hashSamples(Dataset data, MessageDigest digest) {
        int n = data.size();
        int batch = 1000;
        long[] shape = Shapes.withBatch(batch, data.sampleShape());
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        ByteBuffer labels = ByteBuffer.allocate(4 * n);
        for (int from = 0; from < n; from += batch) {
            int count = Math.min(batch, n - from);
            shape[0] = count;
            INDArray x = Nd4j.create(DataType.FLOAT, shape);
            data.fill(indices, from, count, x);
            float[] values = x.reshape(-1).toFloatVector();
            ByteBuffer bytes = ByteBuffer.allocate(4 * values.length);
            bytes.asFloatBuffer().put(values);
            digest.update(bytes);
        }
        for (int i = 0; i < n; i++) {
            labels.putInt(data.label(i));
        }
        digest.update(labels.flip());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }
}

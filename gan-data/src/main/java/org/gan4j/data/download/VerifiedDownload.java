package org.gan4j.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.gan4j.api.Gan4jException;

/**
 * Downloads one file over HTTP(S) so that only a complete, verified copy ever appears under its
 * final name.
 *
 * <p>The body goes to a hidden temporary file ({@code .<name>.<random>.part}) in the target's
 * directory while its MD5 is computed; if the checksum matches, the temporary file is renamed onto
 * the target atomically ({@link StandardCopyOption#ATOMIC_MOVE}). Any failure (HTTP error, dropped
 * connection, wrong checksum, interruption) deletes the temporary file; if the JVM is killed the
 * {@code .part} file may stay, but nothing reads it, and the next download of the same file deletes
 * it (when it has not been written to for {@link #STALE_AFTER}, so that a download running in another
 * process keeps its file) and starts over: an interrupted transfer is restarted, not resumed.
 */
public final class VerifiedDownload {

    private static final long PROGRESS_STEP_UNKNOWN_LENGTH = 5L << 20;

    /** A {@code .part} file untouched this long is a killed download's leftover. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private final HttpClient client;
    private final Consumer<String> log;

    /**
     * @param client the HTTP client (redirects should be followed: mirrors often redirect)
     * @param log    receives one line per progress step
     */
    public VerifiedDownload(HttpClient client, Consumer<String> log) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** With a client that follows redirects and gives up connecting after 30 s. */
    public static VerifiedDownload withDefaultClient(Consumer<String> log) {
        return new VerifiedDownload(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build(), log);
    }

    /**
     * Downloads {@code uri} to {@code target}, creating its directory if needed.
     *
     * @param md5 the expected MD5 in hex, or null to accept the file unverified (a line is logged)
     * @throws Gan4jException (bad input) if the download fails or the checksum does not match;
     *                        nothing is left under {@code target} or in a temporary file
     */
    public void download(URI uri, Path target, String md5) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        long received = 0;
        boolean moved = false;
        try {
            Files.createDirectories(dir);
            removeLeftovers(dir, target.getFileName().toString());
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            temp.toFile().deleteOnExit(); // also on Ctrl-C
            log.accept("downloading " + uri + " to " + target);
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest digest = MessageDigest.getInstance("MD5");
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw Gan4jException.badInput("downloading " + uri + " failed: the server answered HTTP "
                            + response.statusCode() + "; check the mirror setting or download the file yourself into " + dir);
                }
                long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                long step = length > 0 ? Math.max(1, length / 4) : PROGRESS_STEP_UNKNOWN_LENGTH;
                long nextReport = step;
                byte[] buffer = new byte[1 << 16];
                try (OutputStream out = Files.newOutputStream(temp)) {
                    for (int n; (n = body.read(buffer)) >= 0; ) {
                        out.write(buffer, 0, n);
                        digest.update(buffer, 0, n);
                        received += n;
                        if (received >= nextReport && received != length) {
                            log.accept("  " + megabytes(received) + (length > 0 ? " of " + megabytes(length) : ""));
                            nextReport += step;
                        }
                    }
                }
                if (length >= 0 && received != length) {
                    throw new IOException("the connection ended after " + received + " of " + length + " bytes");
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (md5 != null && !actual.equalsIgnoreCase(md5)) {
                throw Gan4jException.badInput("the file downloaded from " + uri + " (" + received + " bytes) has MD5 "
                        + actual + " but " + md5.toLowerCase(Locale.ROOT) + " was expected, so it was discarded; the mirror "
                        + "serves a different or damaged file: try again, use another mirror, or set md5 if you meant this file");
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            log.accept("  " + megabytes(received) + ", " + (md5 == null ? "MD5 " + actual + " (not verified: no md5 given)"
                    : "MD5 verified") + ": " + target.getFileName());
        } catch (IOException e) {
            throw Gan4jException.badInput("downloading " + uri + " failed after " + received + " bytes (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); nothing was kept; run again, choose another mirror, or put the file into " + dir + " yourself", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Gan4jException.badInput("downloading " + uri + " was interrupted; nothing was kept", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        } finally {
            if (!moved && temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // deleteOnExit remains as a fallback
                }
            }
        }
    }

    /** Deletes {@code .<name>.*.part} files in {@code dir} not written to for {@link #STALE_AFTER}. */
    private void removeLeftovers(Path dir, String name) throws IOException {
        java.nio.file.attribute.FileTime staleBefore = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(STALE_AFTER));
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("." + name + ".") && n.endsWith(".part") && Files.isRegularFile(p)
                        && Files.getLastModifiedTime(p).compareTo(staleBefore) < 0) {
                    Files.deleteIfExists(p);
                    log.accept("removed " + n + ", left by an interrupted download of " + name + "; downloading it again");
                }
            }
        }
    }

    private static String megabytes(long bytes) {
        return bytes < 1 << 20 ? (bytes + 1023) / 1024 + " kB" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}

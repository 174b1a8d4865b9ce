package org.gan4j.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.data.idx.IdxTestFiles;
import org.gan4j.data.mnist.MnistDatasetSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from an HTTP server on 127.0.0.1 that serves generated files, whole or cut short. */
class DownloadTest {

    static final String IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String LABELS = "t10k-labels-idx1-ubyte.gz";

    @TempDir
    Path dir;

    HttpServer server;
    String mirror;
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    /** Files the server stops sending halfway, closing the connection. */
    final Map<String, Boolean> dropped = new ConcurrentHashMap<>();
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mnist/", this::serve);
        server.start();
        mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/";
        served.put(IMAGES, IdxTestFiles.gzip(IdxTestFiles.images(300, 28, 28)));
        served.put(LABELS, IdxTestFiles.gzip(IdxTestFiles.labels(300, 10)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/mnist/".length());
        byte[] body = served.get(name);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        if (dropped.containsKey(name)) {
            out.write(body, 0, body.length / 2);
            out.flush();
            // closing with bytes still owed makes the server drop the connection
            try {
                exchange.close();
            } catch (RuntimeException ignored) {
                // the server complains about the missing bytes; that is the point
            }
            return;
        }
        out.write(body);
        exchange.close();
    }

    static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    Path mnistDir() {
        return dir.resolve("mnist");
    }

    List<String> filesLeft() throws IOException {
        if (!Files.exists(mnistDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(mnistDir())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    Dataset open(Map<String, String> md5) {
        return new MnistDatasetSpec("mnist", "test", true, mirror, null, md5, null).open(new DataContext(dir, log::add));
    }

    @Test
    void aGoodDownloadIsVerifiedAndLandsUnderItsName() throws Exception {
        Dataset d = open(Map.of(IMAGES, md5(served.get(IMAGES)), LABELS, md5(served.get(LABELS))));
        assertThat(d.size()).isEqualTo(300);
        assertThat(filesLeft()).containsExactly(IMAGES, LABELS);
        assertThat(Files.readAllBytes(mnistDir().resolve(IMAGES))).isEqualTo(served.get(IMAGES));
        assertThat(log).anyMatch(l -> l.startsWith("downloading " + mirror + IMAGES));
        assertThat(log).anyMatch(l -> l.contains("MD5 verified: " + LABELS));

        // a second open finds the files and does not ask the server
        served.clear();
        assertThat(open(Map.of()).size()).isEqualTo(300);
    }

    @Test
    void aFileWithTheWrongChecksumIsDiscarded() throws Exception {
        String wrong = "0123456789abcdef0123456789abcdef";
        assertThatThrownBy(() -> open(Map.of(IMAGES, wrong, LABELS, md5(served.get(LABELS)))))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("the file downloaded from " + mirror + IMAGES)
                .hasMessageContaining("has MD5 " + md5(served.get(IMAGES)) + " but " + wrong + " was expected, so it was discarded");
        assertThat(filesLeft()).isEmpty();
    }

    @Test
    void theCanonicalChecksumsRejectOtherContentByDefault() throws Exception {
        // the served files are not MNIST's, so MNIST's own MD5 list refuses them
        assertThatThrownBy(() -> open(null)).hasMessageContaining("9fb629c4189551a2d022fa330f9573f3 was expected");
        assertThat(dir.resolve("mnist").resolve(IMAGES)).doesNotExist();
    }

    @Test
    void aDroppedConnectionLeavesNoFile() throws Exception {
        dropped.put(IMAGES, true);
        assertThatThrownBy(() -> open(Map.of(IMAGES, md5(served.get(IMAGES)), LABELS, md5(served.get(LABELS)))))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("downloading " + mirror + IMAGES + " failed after")
                .hasMessageContaining("nothing was kept");
        assertThat(filesLeft()).isEmpty();
    }

    /**
     * A JVM killed during a download leaves its hidden {@code .part} file: the data set never reads it
     * (without download it reports the file missing), and the next download deletes it and succeeds.
     */
    @Test
    void aKilledDownloadsPartFileIsNeverReadAndIsReplacedByTheNextDownload() throws Exception {
        Files.createDirectories(mnistDir());
        byte[] half = Arrays.copyOf(served.get(LABELS), served.get(LABELS).length / 2);
        Path stale = Files.write(mnistDir().resolve("." + LABELS + ".8123456.part"), half);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(VerifiedDownload.STALE_AFTER).minusSeconds(60)));
        Path fresh = Files.write(mnistDir().resolve("." + IMAGES + ".99.part"), half); // another process's live download
        Files.write(mnistDir().resolve(IMAGES), served.get(IMAGES));

        assertThatThrownBy(() -> new MnistDatasetSpec("mnist", "test", false, mirror, null, null, null)
                .open(new DataContext(dir, log::add)))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("lacks " + LABELS)
                .hasMessageContaining("download: true");

        Dataset d = open(Map.of(IMAGES, md5(served.get(IMAGES)), LABELS, md5(served.get(LABELS))));
        assertThat(d.size()).isEqualTo(300);
        assertThat(Files.readAllBytes(mnistDir().resolve(LABELS))).isEqualTo(served.get(LABELS));
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(filesLeft()).containsExactly(fresh.getFileName().toString(), IMAGES, LABELS);
        assertThat(log).anyMatch(l -> l.equals("removed " + stale.getFileName() + ", left by an interrupted download of "
                + LABELS + "; downloading it again"));
    }

    @Test
    void anHttpErrorIsReported() throws Exception {
        served.remove(LABELS);
        assertThatThrownBy(() -> open(Map.of(IMAGES, md5(served.get(IMAGES)))))
                .hasMessageContaining("downloading " + mirror + LABELS + " failed: the server answered HTTP 404");
        assertThat(filesLeft()).containsExactly(IMAGES);
    }

    @Test
    void withoutAChecksumTheFileIsKeptAndTheLogSaysSo() throws Exception {
        Path target = dir.resolve("x").resolve(IMAGES);
        VerifiedDownload.withDefaultClient(log::add).download(URI.create(mirror + IMAGES), target, null);
        assertThat(Files.readAllBytes(target)).isEqualTo(served.get(IMAGES));
        String expected = "MD5 " + md5(served.get(IMAGES)) + " (not verified";
        assertThat(log).anyMatch(l -> l.contains(expected));
    }
}

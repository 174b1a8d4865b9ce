package org.gan4j.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A served directory with a run and a comparison written by hand, and raw HTTP for the tests. */
final class Fixture {

    static final String SECRET = "TOP-SECRET-OUTSIDE-THE-SERVED-DIRECTORY";

    /** An HTTP response: status code and body. */
    record Response(int status, String body) {
    }

    private Fixture() {
    }

    /**
     * {@code base/served} holding {@code run1} (manifest, metrics.csv with 3 rows, a grid), {@code cmp}
     * (report.html), a hidden folder, a symbolic link to a file outside and one to a directory outside;
     * {@code base/secret.txt} outside. Returns the served directory.
     */
    static Path create(Path base) throws IOException {
        Path served = Files.createDirectories(base.resolve("served"));
        Files.writeString(base.resolve("secret.txt"), SECRET);
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.writeString(outside.resolve("metrics.csv"), SECRET);
        Path run = Files.createDirectories(served.resolve("run1"));
        Files.writeString(run.resolve("manifest.json"), "{\"status\":\"running\",\"plannedIterations\":100,\"name\":\"run1\"}");
        Files.writeString(run.resolve("metrics.csv"), "iteration,epoch,d_loss,g_loss,d_real,d_fake,g_grad_norm,d_grad_norm\n"
                + "1,1,1.3862944,0.69314718,0.50000000,0.50000000,1.0000000,1.0000000\n"
                + "2,1,1.2000000,0.80000000,0.60000000,0.40000000,1.0000000,1.0000000\n"
                + "3,1,NaN,0.90000000,0.70000000,0.30000000,1.0000000,1.0000000\n");
        Files.createDirectories(run.resolve("samples"));
        Files.write(run.resolve("samples/epoch-001.png"), png());
        Files.write(run.resolve("generator.zip"), new byte[] {1, 2, 3});
        Path cmp = Files.createDirectories(served.resolve("cmp"));
        Files.writeString(cmp.resolve("report.html"), "<!DOCTYPE html><html><body><h1>gan4j compare: cmp</h1></body></html>");
        Files.createDirectories(served.resolve(".hidden"));
        Files.write(served.resolve(".hidden/x.png"), png());
        Files.createSymbolicLink(served.resolve("secret-link.txt"), base.resolve("secret.txt"));
        Files.createSymbolicLink(served.resolve("link-out"), outside);
        return served;
    }

    static byte[] png() throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Sends {@code method target} exactly as written (no client-side normalisation) and reads the whole response. */
    static Response raw(int port, String method, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyAt = response.indexOf("\r\n\r\n");
            return new Response(status, bodyAt < 0 ? "" : response.substring(bodyAt + 4));
        }
    }

    static Response get(int port, String target) throws IOException {
        return raw(port, "GET", target);
    }
}

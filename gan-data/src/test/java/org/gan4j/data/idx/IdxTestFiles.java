package org.gan4j.data.idx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files in memory for tests. */
public final class IdxTestFiles {

    private IdxTestFiles() {
    }

    /** Image {@code i} has pixel {@code k} = {@code (i * 7 + k * 3) % 256}, except pixel 0 = 0 and the last = 255. */
    public static int pixel(int image, int k, int length) {
        if (k == 0) {
            return 0;
        }
        if (k == length - 1) {
            return 255;
        }
        return (image * 7 + k * 3) % 256;
    }

    public static byte[] images(int count, int rows, int columns) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * columns);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(columns);
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < rows * columns; k++) {
                b.put((byte) pixel(i, k, rows * columns));
            }
        }
        return b.array();
    }

    /** Label {@code i} is {@code i % classes}. */
    public static byte[] labels(int count, int classes) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % classes));
        }
        return b.array();
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

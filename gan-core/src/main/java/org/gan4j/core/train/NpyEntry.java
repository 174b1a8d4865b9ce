package org.gan4j.core.train;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gan4j.api.array.Layouts;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One array as a stored (uncompressed) {@code .npy} zip entry, streamed from the array's own
 * off-heap buffer: the same bytes as {@code Nd4j.toNpyByteArray} (a NumPy 1.0 header padded to a
 * multiple of 64 bytes, then the little-endian values), without building them on the heap. For a
 * checkpoint of tens of megabytes that building cost more than the rest of the write (the values
 * copied one by one into a growing byte array, then again into the zip's), and its humongous
 * arrays set off old-generation collections that paused training.
 *
 * <p>A dense c-ordered FLOAT or DOUBLE array on a little-endian machine is streamed; anything else
 * goes through {@code Nd4j.toNpyByteArray}.
 */
final class NpyEntry {

    private static final int CHUNK = 1 << 20;

    private final String name;
    private final byte[] header;
    /** The values, or null when {@link #whole} holds the entry. */
    private final ByteBuffer values;
    private final byte[] whole;
    private final long size;
    private final long crc;
    private final String sha256;

    private NpyEntry(String name, byte[] header, ByteBuffer values, byte[] whole) {
        this.name = name;
        this.header = header;
        this.values = values;
        this.whole = whole;
        CRC32 c = new CRC32();
        MessageDigest md = newDigest();
        if (whole != null) {
            c.update(whole);
            md.update(whole);
            this.size = whole.length;
        } else {
            c.update(header);
            md.update(header);
            c.update(values.duplicate());
            md.update(values.duplicate());
            this.size = header.length + (long) values.remaining();
        }
        this.crc = c.getValue();
        this.sha256 = HexFormat.of().formatHex(md.digest());
    }

    /** {@code array} as entry {@code name}; the array must not change until the entry is written. */
    static NpyEntry of(String name, INDArray array) {
        String descr = descr(array.dataType());
        if (descr == null || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN || !Layouts.isDense(array)
                || (array.rank() > 1 && array.ordering() != 'c') || array.length() * array.dataType().width() >= Integer.MAX_VALUE) {
            byte[] bytes = Nd4j.toNpyByteArray(array);
            return new NpyEntry(name, null, null, bytes);
        }
        int width = array.dataType().width();
        long offset = array.offset() - array.data().offset();
        ByteBuffer all = array.data().asNio();
        ByteBuffer values = all.duplicate();
        values.limit(Math.toIntExact((offset + array.length()) * width)).position(Math.toIntExact(offset * width));
        return new NpyEntry(name, header(descr, array.shape()), values.slice(), null);
    }

    /** The {@code .npy} header of a c-ordered array: magic, version 1.0, the dictionary padded with spaces to a multiple of 64 bytes. */
    static byte[] header(String descr, long[] shape) {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(i > 0 ? ", " : "").append(shape[i]);
        }
        if (shape.length == 1) {
            dims.append(',');
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int total = (10 + dict.length() + 1 + 63) / 64 * 64;
        StringBuilder text = new StringBuilder(dict);
        while (10 + text.length() + 1 < total) {
            text.append(' ');
        }
        text.append('\n');
        byte[] dictBytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[10 + dictBytes.length];
        header[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, header, 1, 5);
        header[6] = 1;
        header[7] = 0;
        header[8] = (byte) dictBytes.length;
        header[9] = (byte) (dictBytes.length >> 8);
        System.arraycopy(dictBytes, 0, header, 10, dictBytes.length);
        return header;
    }

    private static String descr(DataType type) {
        return switch (type) {
            case FLOAT -> "<f4";
            case DOUBLE -> "<f8";
            default -> null;
        };
    }

    String name() {
        return name;
    }

    /** Lower-case hex SHA-256 of the entry's bytes, as {@code checkpoint.json} lists it. */
    String sha256() {
        return sha256;
    }

    /** Writes the entry (stored, fixed timestamp, as {@link ModelArchive#entry}). */
    void writeTo(ZipOutputStream zip) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        zip.putNextEntry(e);
        if (whole != null) {
            zip.write(whole);
        } else {
            zip.write(header);
            copy(values.duplicate(), zip);
        }
        zip.closeEntry();
    }

    private static void copy(ByteBuffer from, OutputStream to) throws IOException {
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, from.remaining()))];
        while (from.hasRemaining()) {
            int n = Math.min(chunk.length, from.remaining());
            from.get(chunk, 0, n);
            to.write(chunk, 0, n);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

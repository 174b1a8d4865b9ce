package org.gan4j.data.idx;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.gan4j.api.Gan4jException;

/**
 * Reads IDX files of unsigned bytes (the format of MNIST and Fashion-MNIST), gzipped or raw.
 *
 * <p>Gzip is recognised by the file's first two bytes (1f 8b), not by its name. The reader checks
 * the magic number, the dimensions, that the content is exactly as long as the header says (a
 * gzip file is also checked against its CRC) and reports any problem as a
 * {@link Gan4jException#badInput} naming the file and the byte offset.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned-byte images: type 0x08, three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels: type 0x08, one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int BUFFER = 1 << 16;

    /** Bytes allocated for the data before any has been read; the array then doubles as data arrives. */
    private static final int FIRST_CHUNK = 1 << 20;

    private IdxReader() {
    }

    /** Reads an IDX images file (magic 0x00000803: count, rows, columns). */
    public static IdxArray readImages(Path file) {
        return read(file, IMAGES_MAGIC, "images");
    }

    /** Reads an IDX labels file (magic 0x00000801: count). */
    public static IdxArray readLabels(Path file) {
        return read(file, LABELS_MAGIC, "labels");
    }

    /**
     * Reads an IDX file of unsigned bytes whose magic number must be {@code expectedMagic}.
     *
     * @param what what the file holds, for messages ("images", "labels")
     */
    public static IdxArray read(Path file, int expectedMagic, String what) {
        boolean gzip;
        try (InputStream raw = Files.newInputStream(file)) {
            BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
            buffered.mark(2);
            gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            InputStream in = gzip ? new GZIPInputStream(buffered, BUFFER) : buffered;
            return new Parse(file, gzip, in, expectedMagic, what).run();
        } catch (NoSuchFileException e) {
            throw Gan4jException.badInput("the IDX " + what + " file " + file + " does not exist", e);
        } catch (ZipException e) {
            throw Gan4jException.badInput(file + " starts like a gzip file but is damaged (" + e.getMessage()
                    + "); re-download it or check the file", e);
        } catch (EOFException e) {
            // the constructor of GZIPInputStream reads the gzip header
            throw Gan4jException.badInput(file + " is truncated: it ends inside its gzip header; re-download it "
                    + "(delete it and use download: true) or check the file", e);
        } catch (IOException e) {
            throw Gan4jException.badInput("cannot read " + file + ": " + e, e);
        }
    }

    /** One pass over the (decompressed) stream, tracking the offset for messages. */
    private static final class Parse {
        private final Path file;
        private final boolean gzip;
        private final InputStream in;
        private final int expectedMagic;
        private final String what;
        private long offset;
        private long expectedLength = -1;
        private String headerSays = "";

        Parse(Path file, boolean gzip, InputStream in, int expectedMagic, String what) {
            this.file = file;
            this.gzip = gzip;
            this.in = in;
            this.expectedMagic = expectedMagic;
            this.what = what;
        }

        IdxArray run() throws IOException {
            byte[] magicBytes = new byte[4];
            readFully(magicBytes, 0, 4);
            int magic = readInt(magicBytes, 0);
            if (magic != expectedMagic) {
                throw Gan4jException.badInput(file + " is not an IDX " + what + " file: "
                        + (gzip ? "after gunzip it" : "it") + " starts with " + hex(magic) + " where " + hex(expectedMagic)
                        + " was expected" + hint(magicBytes) + "; re-download it or check the file");
            }
            int rank = expectedMagic & 0xff;
            byte[] dimBytes = new byte[4 * rank];
            readFully(dimBytes, 0, dimBytes.length);
            int[] dims = new int[rank];
            long length = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = readInt(dimBytes, 4 * d);
                if (dims[d] <= 0) {
                    throw Gan4jException.badInput(file + " has an invalid header: dimension " + d + " is "
                            + Integer.toUnsignedString(dims[d]) + "; re-download it or check the file");
                }
                length *= dims[d];
                if (length > Integer.MAX_VALUE - 16) {
                    throw Gan4jException.badInput(file + " declares more than 2 GB of data, which this reader does not support");
                }
            }
            expectedLength = 4 + 4L * rank + length;
            headerSays = describe(dims);
            // Grown as the bytes arrive rather than allocated from the header: a damaged header can declare
            // up to 2 GB, which a short file must not make us allocate (found by IdxReaderFuzzTest).
            byte[] data = new byte[(int) Math.min(length, FIRST_CHUNK)];
            for (int filled = 0; filled < length; ) {
                if (filled == data.length) {
                    data = java.util.Arrays.copyOf(data, (int) Math.min(length, 2L * data.length));
                }
                readFully(data, filled, data.length - filled);
                filled = data.length;
            }
            int extra;
            try {
                extra = in.read(); // for gzip this also reads and checks the trailer (CRC, length)
            } catch (EOFException e) {
                throw truncated(e);
            }
            if (extra >= 0) {
                throw Gan4jException.badInput(file + " is longer than its header says: " + headerSays + " end at byte "
                        + expectedLength + (gzip ? " of the decompressed content" : "")
                        + " but there is more; it is not a plain IDX file, re-download it or check the file");
            }
            return new IdxArray(file, dims, data);
        }

        private void readFully(byte[] b, int off, int len) throws IOException {
            int done = 0;
            while (done < len) {
                int n;
                try {
                    n = in.read(b, off + done, len - done);
                } catch (EOFException e) {
                    offset += done;
                    throw truncated(e); // a gzip stream cut short
                }
                if (n < 0) {
                    offset += done;
                    throw truncated(null);
                }
                done += n;
            }
            offset += len;
        }

        private Gan4jException truncated(Throwable cause) {
            String where = gzip ? "its decompressed content ends at byte " + offset : "it ends at byte " + offset;
            String need = expectedLength < 0
                    ? "before the end of the IDX header"
                    : "but its header (" + headerSays + ") needs " + expectedLength + " bytes";
            if (gzip && expectedLength >= 0 && offset == expectedLength) {
                need = "but the gzip stream stops before its trailer";
            }
            return Gan4jException.badInput(file + " is truncated: " + where + " " + need
                    + "; re-download it (delete it and use download: true) or check the file", cause);
        }

        private String describe(int[] dims) {
            if (dims.length == 3) {
                return dims[0] + " " + what + " of " + dims[1] + "x" + dims[2];
            }
            if (dims.length == 1) {
                return dims[0] + " " + what;
            }
            return java.util.Arrays.toString(dims) + " " + what;
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static String hex(int v) {
        return String.format("0x%08X", v);
    }

    private static String hint(byte[] magic) {
        int m = readInt(magic, 0);
        if (m == IMAGES_MAGIC) {
            return " (it is an images file: are the images and labels file names swapped?)";
        }
        if (m == LABELS_MAGIC) {
            return " (it is a labels file: are the images and labels file names swapped?)";
        }
        if (magic[0] == '<') {
            return " (it looks like an HTML or XML page, perhaps a web server's error page)";
        }
        if ((m >>> 16) == 0 && (m & 0xff00) != 0x0800) {
            return " (an IDX file of another value type, " + String.format("0x%02X", (m >> 8) & 0xff)
                    + "; only unsigned bytes, 0x08, are supported)";
        }
        return "";
    }
}

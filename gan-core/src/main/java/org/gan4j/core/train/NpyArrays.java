package org.gan4j.core.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the NumPy {@code .npy} arrays of gan4j's weight and checkpoint files in Java, checking every
 * part of the format before any number is used: the magic string, the version, the header's length
 * and its dictionary ({@code descr}, {@code fortran_order}, {@code shape}), the data type (little-endian
 * {@code float32} or {@code float64}, what gan4j writes), and that the data is exactly as long as the
 * shape says. libnd4j's own reader ({@code Nd4j.createNpyFromByteArray}) aborts the whole JVM on a
 * damaged header (an assertion in {@code cnpy}), so it never sees these bytes.
 */
public final class NpyArrays {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern DICTIONARY = Pattern.compile("\\{.*}\\s*");

    /** A {@code .npy} that cannot be read, with the reason. */
    public static final class InvalidException extends Exception {
        InvalidException(String message) {
            super(message);
        }
    }

    private NpyArrays() {
    }

    /**
     * The array in {@code bytes} (a whole {@code .npy} file), c-ordered with its shape.
     *
     * @throws InvalidException naming what is wrong, for any deviation from the format gan4j writes
     */
    public static INDArray read(byte[] bytes) throws InvalidException {
        if (bytes.length < 10) {
            throw new InvalidException("it is " + bytes.length + " bytes long, shorter than a .npy header");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new InvalidException("it does not start with the .npy magic string \\x93NUMPY");
            }
        }
        int major = bytes[6] & 0xff;
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new InvalidException("it is cut short inside its header");
            }
            headerLength = in.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new InvalidException("it has .npy format version " + major + "." + (bytes[7] & 0xff) + "; versions 1 to 3 are read");
        }
        if (headerStart + headerLength > bytes.length) {
            throw new InvalidException("its header claims " + headerLength + " bytes but the file has " + (bytes.length - headerStart)
                    + " after the header's start");
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        if (!DICTIONARY.matcher(header).matches()) {
            throw new InvalidException("its header is not a dictionary: " + shown(header));
        }
        String descr = group(DESCR, header, "descr");
        int itemSize = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new InvalidException("its data type is '" + descr + "'; gan4j reads little-endian float32 ('<f4') or "
                    + "float64 ('<f8')" + (descr.startsWith(">") ? " (this one is big-endian)" : ""));
        };
        if (group(FORTRAN, header, "fortran_order").equals("True")) {
            throw new InvalidException("it is in Fortran order; gan4j reads C order");
        }
        long[] shape = shape(group(SHAPE, header, "shape"));
        long count = 1;
        try {
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
        } catch (ArithmeticException e) {
            throw new InvalidException("its shape " + java.util.Arrays.toString(shape) + " has more values than a file can hold");
        }
        long data = bytes.length - headerStart - headerLength;
        if (count > Integer.MAX_VALUE / itemSize || count * itemSize != data) {
            throw new InvalidException("its shape " + java.util.Arrays.toString(shape) + " needs " + (count > Long.MAX_VALUE / itemSize
                    ? "more than " + Long.MAX_VALUE : String.valueOf(count * itemSize)) + " bytes of data but it holds " + data);
        }
        in.position(headerStart + (int) headerLength);
        INDArray array;
        if (itemSize == 4) {
            float[] values = new float[(int) count];
            in.asFloatBuffer().get(values);
            array = Nd4j.createFromArray(values);
        } else {
            double[] values = new double[(int) count];
            in.asDoubleBuffer().get(values);
            array = Nd4j.createFromArray(values);
        }
        return shape.length == 1 || count == 0 ? array : array.reshape('c', shape);
    }

    private static String group(Pattern pattern, String header, String key) throws InvalidException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new InvalidException("its header has no valid '" + key + "': " + shown(header));
        }
        return m.group(1);
    }

    private static long[] shape(String tuple) throws InvalidException {
        String[] parts = tuple.split(",");
        java.util.List<Long> dims = new java.util.ArrayList<>();
        for (String p : parts) {
            String t = p.strip();
            if (t.isEmpty()) {
                continue;
            }
            long d;
            try {
                d = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new InvalidException("its shape (" + shown(tuple) + ") is not a list of whole numbers");
            }
            if (d < 0) {
                throw new InvalidException("its shape (" + shown(tuple) + ") has a negative dimension");
            }
            dims.add(d);
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static String shown(String s) {
        String one = s.replaceAll("\\p{Cntrl}", "?");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}

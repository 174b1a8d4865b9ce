package org.gan4j.data.images;

import java.util.List;

/**
 * Binary attributes per sample (CelebA's 40, e.g. {@code Smiling}, {@code Male}), for conditional
 * models and for picking samples. Immutable.
 */
public final class ImageAttributes {

    private static final ImageAttributes NONE = new ImageAttributes(List.of(), new long[0]);

    private final List<String> names;
    /** Bit {@code a} of {@code bits[sample]} is attribute {@code a} of that sample (at most 64 attributes). */
    private final long[] bits;

    /**
     * @param names the attribute names, at most 64
     * @param bits  per sample, bit {@code a} set when attribute {@code a} is present
     */
    public ImageAttributes(List<String> names, long[] bits) {
        if (names.size() > 64) {
            throw new IllegalArgumentException("at most 64 attributes, got " + names.size());
        }
        this.names = List.copyOf(names);
        this.bits = bits.clone();
    }

    /** No attributes. */
    public static ImageAttributes none() {
        return NONE;
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    public List<String> names() {
        return names;
    }

    /** Number of samples described. */
    public int size() {
        return bits.length;
    }

    /** Whether sample {@code sample} has attribute number {@code attribute} (CelebA's 1; -1 is false). */
    public boolean has(int sample, int attribute) {
        if (attribute < 0 || attribute >= names.size()) {
            throw new IndexOutOfBoundsException("attribute " + attribute + " of " + names.size());
        }
        return (bits[sample] >>> attribute & 1) != 0;
    }

    /** Whether sample {@code sample} has the attribute called {@code name}. */
    public boolean has(int sample, String name) {
        int a = names.indexOf(name);
        if (a < 0) {
            throw new IllegalArgumentException("no attribute '" + name + "'; known: " + String.join(", ", names));
        }
        return has(sample, a);
    }
}

package org.gan4j.data.idx;

import java.nio.file.Path;

/**
 * The content of an IDX file of unsigned bytes.
 *
 * @param file       where it was read from
 * @param dimensions the sizes from the header, outermost first (for images: count, rows, columns)
 * @param data       the values in row-major order, as unsigned bytes ({@code b & 0xff})
 */
public record IdxArray(Path file, int[] dimensions, byte[] data) {

    /** The outermost dimension: the number of items (images, labels). */
    public int count() {
        return dimensions[0];
    }

    /** Values per item: the product of the inner dimensions. */
    public int itemLength() {
        int n = 1;
        for (int d = 1; d < dimensions.length; d++) {
            n *= dimensions[d];
        }
        return n;
    }
}

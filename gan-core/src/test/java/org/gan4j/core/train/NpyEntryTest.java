package org.gan4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NpyEntryTest {

    /** The entry as it was written before streaming: Nd4j's .npy bytes in a stored zip entry, and their SHA-256. */
    private static void assertSameAsNd4j(INDArray a) throws Exception {
        byte[] npy = Nd4j.toNpyByteArray(a);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(expected)) {
            ModelArchive.entry(zip, "x.npy", npy, false);
        }
        NpyEntry entry = NpyEntry.of("x.npy", a);
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(actual)) {
            entry.writeTo(zip);
        }
        assertThat(actual.toByteArray()).as("zip bytes of %s", a.shapeInfoToString()).isEqualTo(expected.toByteArray());
        assertThat(entry.sha256()).isEqualTo(Sha256.of(npy));
    }

    @Test
    void streamedEntriesAreByteForByteNd4jsNpyInAStoredEntry() throws Exception {
        assertSameAsNd4j(Nd4j.rand(DataType.FLOAT, 5));
        assertSameAsNd4j(Nd4j.rand(DataType.FLOAT, 1, 7));
        assertSameAsNd4j(Nd4j.rand(DataType.DOUBLE, 3, 4));
        assertSameAsNd4j(Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5));
        assertSameAsNd4j(Nd4j.scalar(1.5f));
        assertSameAsNd4j(Nd4j.rand(DataType.FLOAT, 300_000)); // more than one copy chunk
        long[] many = new long[25]; // a dictionary past 118 characters: a 192-byte header
        java.util.Arrays.fill(many, 1);
        many[0] = 3;
        assertSameAsNd4j(Nd4j.rand(DataType.FLOAT, many));
    }

    @Test
    void viewsAreStreamedFromTheirOffsetOrEncodedByNd4jWhenNotDense() throws Exception {
        INDArray m = Nd4j.rand(DataType.FLOAT, 6, 5);
        assertSameAsNd4j(m.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all())); // dense rows, at an offset
        assertSameAsNd4j(m.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3))); // columns: not dense
        assertSameAsNd4j(m.transpose()); // f-ordered view
        assertSameAsNd4j(Nd4j.rand(DataType.HALF, 4)); // a type the streamer does not write
    }

    @Test
    void headersArePaddedToMultiplesOf64() {
        assertThat(NpyEntry.header("<f4", new long[] {5})).hasSize(128);
        long[] many = new long[25];
        java.util.Arrays.fill(many, 1);
        assertThat(NpyEntry.header("<f4", many)).hasSize(192);
    }
}

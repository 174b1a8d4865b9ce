package org.gan4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Java .npy reader: what ND4J writes reads back exactly; every damaged header part is named. */
class NpyArraysTest {

    @Test
    void readsWhatNd4jWritesExactly() throws Exception {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray vector = Nd4j.linspace(-3, 5, 17, type);
            assertThat(NpyArrays.read(Nd4j.toNpyByteArray(vector))).isEqualTo(vector);
            INDArray matrix = Nd4j.rand(type, 3, 4);
            assertThat(NpyArrays.read(Nd4j.toNpyByteArray(matrix))).isEqualTo(matrix);
        }
    }

    /** {@code npy} with {@code from} in its header replaced by {@code to} (same length). */
    static byte[] edited(byte[] npy, String from, String to) {
        String text = new String(npy, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void namesWhatIsWrongWithADamagedOne() {
        byte[] good = Nd4j.toNpyByteArray(Nd4j.createFromArray(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f));
        String descr = new String(good, StandardCharsets.ISO_8859_1).contains("'<f4'") ? "'<f4'" : "'<f4' ";
        assertThatThrownBy(() -> NpyArrays.read(edited(good, descr, descr.replace('<', '>'))))
                .hasMessageContaining("big-endian");
        assertThatThrownBy(() -> NpyArrays.read(edited(good, descr, descr.replace("f4", "i4")))).hasMessageContaining("'<i4'");
        assertThatThrownBy(() -> NpyArrays.read(edited(good, "False", "True "))).hasMessageContaining("Fortran");
        assertThatThrownBy(() -> NpyArrays.read(edited(good, "(8,)", "(9,)"))).hasMessageContaining("needs 36 bytes")
                .hasMessageContaining("holds 32");
        assertThatThrownBy(() -> NpyArrays.read(java.util.Arrays.copyOf(good, good.length - 1))).hasMessageContaining("holds 31");
        byte[] version = good.clone();
        version[6] = 7;
        assertThatThrownBy(() -> NpyArrays.read(version)).hasMessageContaining("version 7");
        byte[] magic = good.clone();
        magic[0] = 'x';
        assertThatThrownBy(() -> NpyArrays.read(magic)).hasMessageContaining("magic");
        byte[] header = good.clone();
        header[8] = (byte) 0xff;
        header[9] = (byte) 0xff;
        assertThatThrownBy(() -> NpyArrays.read(header)).hasMessageContaining("header claims 65535 bytes");
        assertThatThrownBy(() -> NpyArrays.read(new byte[3])).hasMessageContaining("shorter than a .npy header");
    }
}

package org.gan4j.api.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BatchesTest {

    private static final float[] VALUES = {1, 2, 3, 4, 5, 6};

    @Test
    void writesTheLeadingRowsOfAPlainFloatArray() {
        INDArray out = Nd4j.zeros(DataType.FLOAT, 3, 1, 2);
        assertThat(Batches.isPlainC(out)).as("takes the bulk-copy path").isTrue();
        Batches.putRows(out, VALUES, 2, 2);
        assertThat(out.ravel().toFloatVector()).containsExactly(1, 2, 3, 4, 0, 0);
    }

    @Test
    void writesADoubleArray() {
        INDArray out = Nd4j.zeros(DataType.DOUBLE, 3, 2);
        Batches.putRows(out, VALUES, 3, 2);
        assertThat(out.ravel().toDoubleVector()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void writesIntoAViewWithoutTouchingTheRest() {
        INDArray whole = Nd4j.zeros(DataType.FLOAT, 4, 2);
        INDArray view = whole.get(NDArrayIndex.interval(1, 4), NDArrayIndex.all());
        assertThat(Batches.isPlainC(view)).isFalse();
        Batches.putRows(view, VALUES, 2, 2);
        assertThat(whole.ravel().toFloatVector()).containsExactly(0, 0, 1, 2, 3, 4, 0, 0);
    }

    @Test
    void writesAnFOrderArray() {
        INDArray out = Nd4j.create(DataType.FLOAT, new long[] {2, 3}, 'f');
        Batches.putRows(out, VALUES, 2, 3);
        assertThat(out.getFloat(1, 0)).isEqualTo(4);
        assertThat(out.getFloat(0, 2)).isEqualTo(3);
    }
}

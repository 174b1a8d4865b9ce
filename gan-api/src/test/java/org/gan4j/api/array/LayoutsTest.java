package org.gan4j.api.array;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class LayoutsTest {

    @Test
    void denseMeansRowMajorWithoutGapsFromTheOffset() {
        INDArray m = Nd4j.create(DataType.FLOAT, 4, 3);
        assertThat(Layouts.isDense(m)).isTrue();
        assertThat(Layouts.isDense(Nd4j.scalar(1f))).isTrue();
        assertThat(Layouts.isDense(m.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all()))).as("a block of rows").isTrue();
        assertThat(Layouts.isDense(m.getRow(2))).as("one row").isTrue();
        assertThat(Layouts.isDense(m.transpose())).as("a transposed view").isFalse();
        assertThat(Layouts.isDense(m.getColumn(1))).as("a column: stride 3").isFalse();
        assertThat(Layouts.isDense(m.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)))).as("two of three columns").isFalse();
        assertThat(Layouts.isDense(Nd4j.create(DataType.FLOAT, new long[] {4, 3}, 'f'))).as("column-major").isFalse();
        assertThat(Layouts.isDense(Nd4j.create(DataType.FLOAT, new long[] {1, 5}, 'f'))).as("above rank 1, only c order counts").isFalse();
        assertThat(Layouts.isDense(Nd4j.create(DataType.FLOAT, 5))).as("a vector").isTrue();
    }
}

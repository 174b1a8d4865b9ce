package org.gan4j.api.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NormsTest {

    private static double exact(INDArray x) {
        double sum = 0;
        for (double v : x.toDoubleVector()) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    @Test
    void floatAndDoubleArraysGiveTheExactNormToRounding() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Nd4j.rand(type, 1000).subi(0.5).muli(7);
            assertThat(Norms.euclidean(x)).as(type.toString()).isCloseTo(exact(x), within(1e-7 * exact(x)));
        }
        assertThat(Norms.euclidean(Nd4j.createFromArray(3f, 4f))).isEqualTo(5.0);
    }

    @Test
    void viewsCountOnlyTheirOwnElements() {
        INDArray whole = Nd4j.createFromArray(100f, 3f, 4f, 12f, 100f);
        INDArray inner = whole.get(NDArrayIndex.interval(1, 4)); // offset view, contiguous
        assertThat(Norms.euclidean(inner)).isCloseTo(13.0, within(1e-12));
        INDArray matrix = Nd4j.createFromArray(new float[][] {{3, 100}, {4, 100}});
        INDArray column = matrix.get(NDArrayIndex.all(), NDArrayIndex.point(0)); // strided view
        assertThat(Norms.euclidean(column)).isCloseTo(5.0, within(1e-6));
        INDArray block = Nd4j.createFromArray(new float[][] {{3, 4, 100}, {12, 0, 100}}).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2));
        assertThat(Norms.euclidean(block)).isCloseTo(13.0, within(1e-6));
    }

    @Test
    void nonFiniteElementsMakeANonFiniteNorm() {
        assertThat(Norms.euclidean(Nd4j.createFromArray(1f, Float.NaN, 2f))).isNaN();
        assertThat(Norms.euclidean(Nd4j.createFromArray(1f, Float.POSITIVE_INFINITY))).isInfinite();
        // Large finite floats whose squares overflow float but not double stay finite.
        assertThat(Norms.euclidean(Nd4j.createFromArray(3e20f, 4e20f))).isCloseTo(5e20, within(5e13));
    }
}

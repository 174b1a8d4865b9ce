package org.gan4j.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConditionTest {

    @Test
    void oneHotRowsAndTheRangeInMessages() {
        Condition digits = Condition.classes(10);
        INDArray rows = digits.oneHot(new int[] {3, 0, 9}, DataType.FLOAT);
        assertThat(rows.shape()).containsExactly(3, 10);
        assertThat(rows.argMax(1).toIntVector()).containsExactly(3, 0, 9);
        assertThat(rows.sumNumber().doubleValue()).isEqualTo(3.0);
        assertThatThrownBy(() -> digits.oneHot(new int[] {10}, DataType.FLOAT))
                .hasMessage("class 10 is out of range: the classes are 0-9");
        Condition clothes = Condition.classes(List.of("T-shirt/top", "Trouser", "Pullover"));
        assertThat(clothes.classRange()).isEqualTo("0-2 (0 T-shirt/top, 1 Trouser, 2 Pullover)");
        assertThat(Condition.attributes(List.of("Smiling")).describe()).isEqualTo("1 attributes");
        assertThat(Condition.NONE.size()).isZero();
        assertThatThrownBy(() -> Condition.classes(1)).hasMessageContaining("at least 2 classes");
        assertThatThrownBy(() -> Condition.attributes(List.of("a")).oneHot(new int[] {0}, DataType.FLOAT))
                .hasMessageContaining("one-hot rows are for class labels");
    }

    /** Labels 0, 1, 1, 1 repeating over 8 samples. */
    static final class Labelled implements Dataset {
        @Override
        public long[] sampleShape() {
            return new long[] {2};
        }

        @Override
        public int size() {
            return 8;
        }

        @Override
        public void fill(int[] indices, int from, int count, INDArray out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int classCount() {
            return 2;
        }

        @Override
        public int label(int index) {
            return index % 4 == 0 ? 0 : 1;
        }

        @Override
        public List<Path> files() {
            return List.of();
        }

        @Override
        public String description() {
            return "labelled";
        }
    }

    @Test
    void theDefaultConditionOfALabelledDatasetIsItsClasses() {
        Dataset data = new Labelled();
        assertThat(data.condition()).isEqualTo(Condition.classes(2));
        INDArray rows = Nd4j.zeros(DataType.DOUBLE, 3, 2);
        data.fillCondition(new int[] {4, 5, 6}, 0, 3, rows);
        assertThat(rows.toDoubleMatrix()).isEqualTo(new double[][] {{1, 0}, {0, 1}, {0, 1}});
    }

    @Test
    void metricsAskAConditionalGeneratorForTheDatasLabelsOrTheGivenOnes() {
        // G(z, c) = the one-hot row itself (an embedding [2, 2] set to the identity, nothing else)
        Sequential net = Sequential.builder(1).conditionConcat(2, 2).build(DataType.DOUBLE, 1);
        ((org.gan4j.api.nn.ConditionConcat) net.layers().get(0)).embedding().value().assign(Nd4j.eye(2));
        Generator g = Generator.of(net, LatentNoise.NORMAL);
        MetricContext context = new MetricContext(g, new Labelled(), 4000, 3);
        INDArray drawn = context.generate();
        double ones = drawn.getColumn(1).sumNumber().doubleValue() / 4000; // column 0 is z, 1 and 2 the one-hot row
        assertThat(ones).as("share of class 0 (a quarter of the data)").isBetween(0.22, 0.28);
        assertThat(context.generate()).isEqualTo(drawn); // same seed, same samples

        INDArray asked = Condition.classes(2).oneHot(new int[4000], DataType.DOUBLE);
        assertThat(context.generate(asked).getColumn(1).sumNumber().doubleValue()).isEqualTo(4000.0);
        assertThatThrownBy(() -> context.generate(Nd4j.zeros(DataType.DOUBLE, 3, 2))).hasMessageContaining("one row per sample");
    }
}

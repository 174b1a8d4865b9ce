package org.gan4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gan4j.api.data.Batches;
import org.gan4j.api.spi.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class StreamBatchesTest {

    /** Sample i is the single value i; remembers which threads filled batches. */
    static final class IndexDataset implements Dataset {
        final boolean slow;
        final Set<String> fillThreads = ConcurrentHashMap.newKeySet();

        IndexDataset(boolean slow) {
            this.slow = slow;
        }

        @Override
        public long[] sampleShape() {
            return new long[] {1};
        }

        @Override
        public int size() {
            return 23;
        }

        @Override
        public void fill(int[] indices, int from, int count, org.nd4j.linalg.api.ndarray.INDArray out) {
            fillThreads.add(Thread.currentThread().getName());
            float[] v = new float[count];
            for (int r = 0; r < count; r++) {
                v[r] = indices[from + r];
            }
            Batches.putRows(out, v, count, 1);
        }

        @Override
        public boolean slowToFill() {
            return slow;
        }

        @Override
        public List<Path> files() {
            return List.of();
        }

        @Override
        public String description() {
            return "indices";
        }
    }

    static List<float[]> draw(IndexDataset d, int batches) {
        List<float[]> out = new ArrayList<>();
        try (StreamBatches b = new StreamBatches(d, 4, 7, DataType.FLOAT)) {
            for (int i = 0; i < batches; i++) {
                out.add(b.next().toFloatVector());
            }
        }
        return out;
    }

    @Test
    void slowDatasetsAreFilledInTheBackgroundInTheSameOrder() {
        IndexDataset fast = new IndexDataset(false);
        IndexDataset slow = new IndexDataset(true);
        List<float[]> plain = draw(fast, 13);
        List<float[]> prefetched = draw(slow, 13);
        assertThat(prefetched).containsExactlyElementsOf(plain);
        assertThat(fast.fillThreads).containsExactly(Thread.currentThread().getName());
        assertThat(slow.fillThreads).containsExactly("gan4j-batch-prefetch");
    }
}

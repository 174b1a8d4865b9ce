package org.gan4j.api.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixed chunking of {@link Parallel}: bounds, coverage, the minimum chunk, nesting and failures. */
class ParallelTest {

    /** Chunks of [0, n) as [chunk, from, to], sorted by chunk. */
    private static List<int[]> chunksOf(int threads, int n, int minChunk) {
        List<int[]> seen = Collections.synchronizedList(new ArrayList<>());
        Parallel.withThreads(threads, () -> Parallel.forChunks(n, minChunk, (t, from, to) -> seen.add(new int[] {t, from, to})));
        List<int[]> sorted = new ArrayList<>(seen);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        return sorted;
    }

    @Test
    void chunksAreContiguousFixedAndCoverEveryIndexOnce() {
        for (int threads = 1; threads <= 5; threads++) {
            for (int n : new int[] {1, 7, 64, 1000}) {
                List<int[]> chunks = chunksOf(threads, n, 1);
                assertThat(chunks).hasSize(Math.min(threads, n));
                int next = 0;
                for (int i = 0; i < chunks.size(); i++) {
                    int[] c = chunks.get(i);
                    assertThat(c[0]).isEqualTo(i);
                    assertThat(c[1]).isEqualTo(next).isEqualTo(Parallel.bound(i, chunks.size(), n));
                    assertThat(c[2]).isGreaterThan(c[1]);
                    next = c[2];
                }
                assertThat(next).isEqualTo(n);
                // the same bounds on a second run: a function of n and the thread count only
                assertThat(chunksOf(threads, n, 1)).usingRecursiveFieldByFieldElementComparator().isEqualTo(chunks);
            }
        }
    }

    @Test
    void smallWorkIsNotSplit() {
        assertThat(chunksOf(4, 100, 50)).hasSize(2);
        assertThat(chunksOf(4, 100, 101)).hasSize(1);
        assertThat(chunksOf(4, 0, 1)).hasSize(1);
        assertThat(Parallel.chunks(100, 30)).isLessThanOrEqualTo(Parallel.threads());
    }

    @Test
    void aSplitInsideAChunkRunsOnThatThread() {
        List<String> inner = Collections.synchronizedList(new ArrayList<>());
        Parallel.withThreads(2, () -> Parallel.forChunks(2, 1, (t, from, to) -> {
            String thread = Thread.currentThread().getName();
            Parallel.forChunks(10, 1, (u, f, e) -> inner.add(t + ":" + (Thread.currentThread().getName().equals(thread))));
        }));
        // chunk 0 (the caller) may split again; chunk 1, on a pool thread, runs its inner loop itself
        assertThat(inner).contains("1:true").doesNotContain("1:false");
    }

    @Test
    void aFailingChunkFailsTheCall() {
        assertThatThrownBy(() -> Parallel.withThreads(3, () -> Parallel.forChunks(9, 1, (t, from, to) -> {
            if (t == 2) {
                throw new IllegalArgumentException("chunk 2 failed");
            }
        }))).isInstanceOf(IllegalArgumentException.class).hasMessage("chunk 2 failed");
        assertThatThrownBy(() -> Parallel.withThreads(0, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}

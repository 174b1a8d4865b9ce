package org.gan4j.api.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Surefire runs with OMP_NUM_THREADS=1, so libnd4j's pool has one thread. */
class ComputeThreadsTest {

    @Test
    void blasFollowsTheOpPoolIsFixedAtStartUp() {
        int blas = Nd4j.factory().blas().getMaxThreads();
        try {
            assertThat(ComputeThreads.configure(1)).isTrue();
            assertThat(ComputeThreads.describe()).isEqualTo("ops=1 master=1 blas=1");
            // More than the start-up pool: BLAS takes it, libnd4j's pool and master threads cannot.
            assertThat(ComputeThreads.configure(2)).isFalse();
            assertThat(ComputeThreads.describe()).isEqualTo("ops=1 master=1 blas=2");
        } finally {
            Nd4j.factory().blas().setMaxThreads(blas);
        }
        assertThatThrownBy(() -> ComputeThreads.configure(0)).hasMessageStartingWith("threads");
    }
}

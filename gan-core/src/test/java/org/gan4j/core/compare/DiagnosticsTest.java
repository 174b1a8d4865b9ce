package org.gan4j.core.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

    /** Rows {iteration, d_loss, g_loss, d_fake, g_grad_norm}: constant losses, the given D(G(z)) and gradient norms. */
    private static List<double[]> rows(int n, double dFakeLate, double gradEarly, double gradLate) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean late = i >= n / 2;
            rows.add(new double[] {i + 1, 0.7, 0.7, late ? dFakeLate : 0.4, late ? gradLate : gradEarly});
        }
        return rows;
    }

    @Test
    void aHealthyRunHasNoFlags() {
        assertThat(CellResult.diagnose("completed", Map.of(), Map.of(), rows(100, 0.4, 1.0, 0.8))).isEmpty();
    }

    @Test
    void divergence() {
        assertThat(CellResult.diagnose("diverged", Map.of(), Map.of(), List.of())).containsExactly("diverged");
        List<double[]> nan = rows(100, 0.4, 1, 1);
        nan.get(50)[2] = Double.NaN;
        assertThat(CellResult.diagnose("completed", Map.of(), Map.of(), nan)).containsExactly("diverged");
        List<double[]> exploding = rows(100, 0.4, 1, 1);
        for (int i = 90; i < 100; i++) {
            exploding.get(i)[1] = 1000;
        }
        assertThat(CellResult.diagnose("completed", Map.of(), Map.of(), exploding)).containsExactly("diverged");
    }

    @Test
    void vanishingGeneratorGradientNeedsBothATinyNormAndALowDOfGz() {
        assertThat(CellResult.diagnose("completed", Map.of(), Map.of(), rows(100, 0.01, 1.0, 0.001))).containsExactly("vanishing G gradient");
        assertThat(CellResult.diagnose("completed", Map.of(), Map.of(), rows(100, 0.3, 1.0, 0.001))).isEmpty();
        assertThat(CellResult.diagnose("completed", Map.of(), Map.of(), rows(100, 0.01, 1.0, 0.5))).isEmpty();
    }

    @Test
    void modeCollapseAndDroppingCoverage() {
        Map<String, Double> finals = Map.of("mode-coverage.total-modes", 8.0);
        Map<String, List<double[]>> collapsed = Map.of("mode-coverage.modes", List.of(new double[] {1, 8}, new double[] {2, 4}));
        assertThat(CellResult.diagnose("completed", finals, collapsed, List.of())).containsExactly("mode collapse");
        Map<String, List<double[]>> dropped = Map.of("mode-coverage.modes", List.of(new double[] {1, 8}, new double[] {2, 5}));
        assertThat(CellResult.diagnose("completed", finals, dropped, List.of())).containsExactly("mode coverage dropped");
        Map<String, List<double[]>> fine = Map.of("mode-coverage.modes", List.of(new double[] {1, 8}, new double[] {2, 7}));
        assertThat(CellResult.diagnose("completed", finals, fine, List.of())).isEmpty();
    }

    @Test
    void lowCoverageWithFewHighQualitySamplesIsOffTheModesNotCollapse() {
        Map<String, List<double[]>> three = Map.of("mode-coverage.modes", List.of(new double[] {1, 2}, new double[] {2, 3}));
        // WGAN with weight clipping on the ring: samples spread over the plane, 0.3% within 3 sigma of a mode
        Map<String, Double> spread = Map.of("mode-coverage.total-modes", 8.0, "mode-coverage.high-quality", 0.3);
        assertThat(CellResult.diagnose("completed", spread, three, List.of())).containsExactly("off the modes");
        // the same coverage with most samples on the three modes is collapse
        Map<String, Double> crowded = Map.of("mode-coverage.total-modes", 8.0, "mode-coverage.high-quality", 85.0);
        assertThat(CellResult.diagnose("completed", crowded, three, List.of())).containsExactly("mode collapse");
    }

    @Test
    void classCoverageOfClassifierFidCountsAsModeCoverage() {
        Map<String, Double> finals = Map.of("classifier-fid.total-classes", 10.0);
        Map<String, List<double[]>> collapsed = Map.of("classifier-fid.classes", List.of(new double[] {1, 9}, new double[] {2, 3}));
        assertThat(CellResult.diagnose("completed", finals, collapsed, List.of())).containsExactly("mode collapse");
        Map<String, List<double[]>> dropped = Map.of("classifier-fid.classes", List.of(new double[] {1, 10}, new double[] {2, 7}));
        assertThat(CellResult.diagnose("completed", finals, dropped, List.of())).containsExactly("mode coverage dropped");
        Map<String, List<double[]>> fine = Map.of("classifier-fid.classes", List.of(new double[] {1, 3}, new double[] {2, 10}));
        assertThat(CellResult.diagnose("completed", finals, fine, List.of())).isEmpty();
    }
}

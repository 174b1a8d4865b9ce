package org.gan4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryCurveTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryReadingPerWorkloadAndTheGrowthFromFirstToLast() throws IOException {
        MemoryCurve curve = new MemoryCurve();
        curve.add("mlp-seed", 0, new MemoryProbe.Reading(200, 210, 30, 380));
        curve.add("mlp-seed", 500, new MemoryProbe.Reading(250.5, 260, 40, 380));
        curve.add("dcgan-mnist32", 0, new MemoryProbe.Reading(400, 400, 50, 380));
        curve.write(dir);

        assertThat(Files.readAllLines(dir.resolve(MemoryCurve.CSV))).containsExactly(
                "workload,iteration,rss_mb,peak_rss_mb,heap_used_mb,heap_committed_mb",
                "mlp-seed,0,200.0,210.0,30.0,380.0",
                "mlp-seed,500,250.5,260.0,40.0,380.0",
                "dcgan-mnist32,0,400.0,400.0,50.0,380.0");
        BufferedImage png = ImageIO.read(dir.resolve(MemoryCurve.PNG).toFile());
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(MemoryCurve.growthMb(curve.points("mlp-seed"))).isCloseTo(50.5, within(1e-9));
        assertThat(MemoryCurve.growthMb(curve.points("dcgan-mnist32"))).isNaN();
        assertThat(curve.points("unknown")).isEqualTo(List.of());
    }

    @Test
    void readsThisProcessesMemoryOnLinux() {
        MemoryProbe.Reading r = MemoryProbe.read();
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(r.rssMb()).isPositive();
            assertThat(r.peakRssMb()).isGreaterThanOrEqualTo(r.rssMb() - 1);
        } else {
            assertThat(r.rssMb()).isNaN();
        }
        assertThat(r.heapUsedMb()).isPositive().isLessThanOrEqualTo(r.heapCommittedMb());
    }
}

package org.gan4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads this JVM's memory: resident set size and its peak (Linux {@code /proc/self/status}), the Java
 * heap in use and committed. The rest of RSS is mostly ND4J's arrays and the native libraries
 * (libnd4j allocates array buffers itself, so JavaCPP's {@code Pointer.totalBytes()} does not count
 * them and reads 0). NaN where a figure is not available (not Linux).
 */
final class MemoryProbe {

    private MemoryProbe() {
    }

    /** One reading, all in MB. */
    record Reading(double rssMb, double peakRssMb, double heapUsedMb, double heapCommittedMb) {
    }

    static Reading read() {
        Runtime rt = Runtime.getRuntime();
        return new Reading(procStatusMb("VmRSS:"), procStatusMb("VmHWM:"), (rt.totalMemory() - rt.freeMemory()) / MB,
                rt.totalMemory() / MB);
    }

    /** Peak resident set size so far. */
    static double peakRssMb() {
        return procStatusMb("VmHWM:");
    }

    private static final double MB = 1024.0 * 1024.0;

    private static double procStatusMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}

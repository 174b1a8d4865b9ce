package org.gan4j.core.train;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a training command's wall time goes, written as {@value #FILE} in the run directory when the
 * run ends: part, seconds, calls; one row per part, in the order first seen. The parts are
 * {@value #LAUNCH} (JVM start to the training command: class loading, ND4J, plugins, the config),
 * {@code setup injector}, {@code setup data}, {@code setup trainer} (the networks and optimizers),
 * {@code start <listener>} (each listener's start), {@value #SETUP} (the rest before the first
 * iteration), {@value #ITERATIONS} (the GAN steps themselves),
 * {@value #CHECKPOINTS} (on the training thread), one row per listener and callback (e.g.
 * {@code epoch-end SampleImageWriter}: the sample grids), and {@value #TOTAL}. Wall-clock numbers,
 * like {@code timing.csv}: they differ from run to run, so they are kept out of {@code metrics.csv}.
 *
 * <p>Filled by the training thread only.
 */
public final class RunProfile {

    public static final String FILE = "profile.csv";
    public static final List<String> HEADER = List.of("part", "seconds", "calls");
    public static final String LAUNCH = "launch";
    public static final String SETUP = "setup";
    public static final String ITERATIONS = "iterations";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String TOTAL = "total";

    private final Map<String, long[]> parts = new LinkedHashMap<>(); // nanoseconds, calls
    private final long startNanos = System.nanoTime();
    private final long launchNanos;

    /** A profile of a command starting now; {@value #LAUNCH} is the time since the JVM started. */
    public RunProfile() {
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        this.launchNanos = Math.max(0, sinceJvmStart) * 1_000_000L;
    }

    /** Adds {@code nanos} and one call to {@code part}. */
    public void add(String part, long nanos) {
        long[] p = parts.computeIfAbsent(part, k -> new long[2]);
        p[0] += nanos;
        p[1]++;
    }

    /** Runs {@code action}, adding its wall time to {@code part}. */
    public void time(String part, Runnable action) {
        long t0 = System.nanoTime();
        try {
            action.run();
        } finally {
            add(part, System.nanoTime() - t0);
        }
    }

    /** Returns what {@code action} supplies, adding its wall time to {@code part}. */
    public <T> T timed(String part, Supplier<T> action) {
        long t0 = System.nanoTime();
        try {
            return action.get();
        } finally {
            add(part, System.nanoTime() - t0);
        }
    }

    /** Marks the end of set-up: the time since this profile was made that no other part holds. */
    public void setupDone() {
        long accounted = parts.values().stream().mapToLong(p -> p[0]).sum();
        add(SETUP, System.nanoTime() - startNanos - accounted);
    }

    /** Seconds in {@code part} so far (0 when never timed). */
    public double seconds(String part) {
        long[] p = parts.get(part);
        return p == null ? 0 : p[0] / 1e9;
    }

    /** The rows of {@value #FILE}: every part, then {@value #LAUNCH} and {@value #TOTAL} (launch plus the time since this profile was made). */
    public List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(row(LAUNCH, launchNanos, 1));
        parts.forEach((part, p) -> rows.add(row(part, p[0], p[1])));
        rows.add(row(TOTAL, launchNanos + System.nanoTime() - startNanos, 1));
        return rows;
    }

    private static String[] row(String part, long nanos, long calls) {
        return new String[] {part, String.format(Locale.ROOT, "%.3f", nanos / 1e9), Long.toString(calls)};
    }
}

package org.gan4j.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code torch_reference.py} (PyTorch on the CPU) for the same workloads and thread count and
 * reads its median milliseconds per iteration, so gan4j and PyTorch are measured side by side.
 */
final class TorchReference {

    private static final Pattern LINE = Pattern.compile("^(\\S+) batch=\\d+ threads=(\\d+) median_ms_per_iter=([0-9.]+)");

    private TorchReference() {
    }

    /** Whether {@code python} can import torch. */
    static boolean available(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs the reference; returns median ms per workload name. Its output lines are passed to {@code echo}.
     * Thread counts go through OMP/OpenBLAS environment variables as the reference's README says.
     */
    static Map<String, Double> run(String python, Path script, List<String> workloads, int threads, int iterations,
                                   Consumer<String> echo) throws IOException, InterruptedException {
        if (!Files.isRegularFile(script)) {
            throw new IOException("no PyTorch reference script at " + script);
        }
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(workloads);
        command.addAll(List.of("--threads", Integer.toString(threads), "--iters", Integer.toString(iterations)));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        Process process = pb.start();
        Map<String, Double> medians = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                echo.accept(line);
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    medians.put(m.group(1), Double.parseDouble(m.group(3)));
                }
            }
        }
        int code = process.waitFor();
        if (code != 0) {
            throw new IOException("the PyTorch reference exited with code " + code);
        }
        return medians;
    }
}

package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.gan4j.core.train.Checkpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing the weight and checkpoint readers (issue 12): a trained run's {@code generator.zip} and a
 * checkpoint, damaged in many ways, are read in a child JVM ({@link ArchiveProbe}) as {@code gan4j
 * sample} and {@code --resume} read them. Each must be read or refused with exit code 2; an internal
 * error (1) or a native abort of the JVM (libnd4j's {@code cnpy} asserting on a damaged {@code .npy},
 * status 134) fails the test.
 *
 * <p>Two kinds of damage: bytes of the file changed, inserted, deleted or cut (the zip's CRC or the
 * checkpoint's SHA-256 catch most); and an entry damaged inside an otherwise consistent archive (CRC
 * and SHA-256 recomputed), which is what reaches the array reader: a {@code .npy} header with another
 * magic, version, dtype, byte order, shape or length, {@code model.json} with another data type, sample
 * shape or parameter count, entries missing or cut. Seeded, so a failure names a case that repeats.
 */
class DamagedArchiveFuzzTest {

    private static final long SEED = 20_250_612L;
    private static final int CASES_PER_ARCHIVE = 150;

    @TempDir
    static Path dir;

    static Path weights;
    static Path checkpoint;

    @BeforeAll
    static void train() throws Exception {
        Path config = Files.writeString(dir.resolve("ring.yaml"), """
                name: ring
                seed: 3
                data: { type: ring, size: 64 }
                generator: { type: mlp, latentSize: 4, hidden: [8], output: linear }
                discriminator: { type: mlp, hidden: [8] }
                loss: { type: non-saturating }
                schedule: { type: alternating, iterations: 4, batchSize: 16 }
                output: { dir: "%s", sampleCount: 4, checkpointEvery: 2 }
                """.formatted(dir.resolve("runs").toString().replace("\\", "/")));
        CliRun.Result r = CliRun.run("train", config.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        weights = dir.resolve("runs/ring/generator.zip");
        checkpoint = dir.resolve("runs/ring/checkpoints").resolve(Checkpoints.fileName(4));
    }

    @Test
    void damagedWeightsAndCheckpointsAreReadOrRefusedWithExitCode2NeverAnInternalErrorOrANativeAbort() throws Exception {
        Random random = new Random(SEED);
        List<Path> cases = new ArrayList<>();
        Map<Path, String> how = new LinkedHashMap<>();
        for (Path original : List.of(weights, checkpoint)) {
            byte[] bytes = Files.readAllBytes(original);
            boolean isCheckpoint = original.equals(checkpoint);
            for (int i = 0; i < CASES_PER_ARCHIVE; i++) {
                StringBuilder description = new StringBuilder();
                byte[] damaged = i % 3 == 0 ? damageBytes(bytes, random, description)
                        : damageEntry(bytes, isCheckpoint, random, description);
                Path caseDir = Files.createDirectories(dir.resolve("cases").resolve((isCheckpoint ? "c" : "w") + i));
                Path file = Files.write(caseDir.resolve(original.getFileName()), damaged);
                cases.add(file);
                how.put(file, description.toString());
            }
        }

        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), ArchiveProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("probe.log").toFile()).redirectInput(Files.writeString(dir.resolve("cases.txt"),
                        String.join("\n", cases.stream().map(Path::toString).toList())).toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the probe did not finish within 300 s");
        }
        List<String> log = Files.readAllLines(dir.resolve("probe.log"));
        String last = log.stream().filter(l -> l.startsWith("reading ")).reduce((a, b) -> b).orElse("none");
        Path lastCase = Path.of(last.replace("reading ", ""));
        assertThat(p.exitValue()).as("the probe's exit status (134: a native abort) while %s (%s)", last, how.get(lastCase))
                .isZero();

        Map<Integer, Integer> codes = new java.util.TreeMap<>();
        for (Path c : cases) {
            String line = log.stream().filter(l -> l.startsWith(c + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no result for " + c));
            int code = Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
            assertThat(code).as("%s: %s%n%s", c, how.get(c), String.join("\n", log)).isIn(0, 2);
            codes.merge(code, 1, Integer::sum);
        }
        System.out.println("DamagedArchiveFuzzTest: " + cases.size() + " damaged archives, exit codes " + codes);
        assertThat(codes.getOrDefault(2, 0)).as("most damage is refused").isGreaterThan(cases.size() / 2);
    }

    // ---- damage to the file's bytes ----

    static byte[] damageBytes(byte[] in, Random r, StringBuilder how) {
        byte[] b = in.clone();
        switch (r.nextInt(4)) {
            case 0 -> {
                int at = r.nextInt(b.length);
                how.append("byte ").append(at).append(" changed");
                b[at] ^= (byte) (1 + r.nextInt(255));
            }
            case 1 -> {
                int n = r.nextInt(b.length);
                how.append("cut to ").append(n).append(" bytes");
                b = java.util.Arrays.copyOf(b, n);
            }
            case 2 -> {
                int at = r.nextInt(b.length);
                int n = 1 + r.nextInt(Math.min(64, b.length - at));
                how.append(n).append(" bytes at ").append(at).append(" randomised");
                for (int i = at; i < at + n; i++) {
                    b[i] = (byte) r.nextInt(256);
                }
            }
            default -> {
                int at = r.nextInt(b.length);
                int n = 1 + r.nextInt(16);
                how.append(n).append(" bytes deleted at ").append(at);
                byte[] shorter = new byte[Math.max(0, b.length - n)];
                System.arraycopy(b, 0, shorter, 0, at);
                System.arraycopy(b, Math.min(b.length, at + n), shorter, at, Math.max(0, b.length - at - n));
                b = shorter;
            }
        }
        return b;
    }

    // ---- damage to one entry of a consistent archive ----

    static byte[] damageEntry(byte[] archive, boolean isCheckpoint, Random r, StringBuilder how) throws IOException {
        Map<String, byte[]> entries = read(archive);
        List<String> names = new ArrayList<>(entries.keySet());
        String index = isCheckpoint ? "checkpoint.json" : "model.json";
        List<String> arrays = names.stream().filter(n -> n.endsWith(".npy")).toList();
        String target = r.nextInt(4) == 0 ? index : arrays.get(r.nextInt(arrays.size()));
        how.append(target).append(": ");
        if (r.nextInt(12) == 0) {
            how.append("removed");
            entries.remove(target);
        } else if (target.endsWith(".npy")) {
            entries.put(target, damageNpy(entries.get(target), r, how));
        } else {
            entries.put(target, damageJson(entries.get(target), isCheckpoint, r, how));
        }
        if (isCheckpoint && !target.equals(index) && entries.containsKey(index)) {
            // keep the checkpoint's checksums consistent, so the damage reaches the array reader
            ObjectNode json = (ObjectNode) new ObjectMapper().readTree(entries.get(index));
            if (entries.containsKey(target)) {
                ((ObjectNode) json.path("entries")).put(target, sha256(entries.get(target)));
            }
            entries.put(index, new ObjectMapper().writeValueAsBytes(json));
        }
        return write(entries);
    }

    static byte[] damageNpy(byte[] npy, Random r, StringBuilder how) {
        String text = new String(npy, 0, Math.min(npy.length, 128), StandardCharsets.ISO_8859_1);
        List<UnaryOperator<byte[]>> damages = List.of(
                b -> replace(b, text, "'descr': '<f4'", "'descr': '>f4'", how),
                b -> replace(b, text, "'descr': '<f4'", "'descr': '<f8'", how),
                b -> replace(b, text, "'descr': '<f4'", "'descr': '<i8'", how),
                b -> replace(b, text, "'descr': '<f4'", "'descr': '|b1'", how),
                b -> replace(b, text, "'descr': '<f4'", "'descr': '<U4'", how),
                b -> replace(b, text, "'fortran_order': False", "'fortran_order': True ", how),
                b -> replaceShape(b, text, "99999999999", how),
                b -> replaceShape(b, text, "-7", how),
                b -> replaceShape(b, text, "0", how),
                b -> replaceShape(b, text, "3, 5", how),
                b -> replaceShape(b, text, "x", how),
                b -> {
                    how.append("magic changed");
                    b[1] = 'X';
                    return b;
                },
                b -> {
                    how.append("version 9");
                    b[6] = 9;
                    return b;
                },
                b -> {
                    int len = r.nextInt(65536);
                    how.append("header length ").append(len);
                    b[8] = (byte) len;
                    b[9] = (byte) (len >> 8);
                    return b;
                },
                b -> {
                    int n = r.nextInt(b.length);
                    how.append("cut to ").append(n).append(" bytes");
                    return java.util.Arrays.copyOf(b, n);
                },
                b -> {
                    how.append("4 bytes appended");
                    return java.util.Arrays.copyOf(b, b.length + 4);
                },
                b -> {
                    int at = r.nextInt(Math.min(b.length, 128));
                    how.append("header byte ").append(at).append(" changed");
                    b[at] ^= (byte) (1 + r.nextInt(255));
                    return b;
                });
        return damages.get(r.nextInt(damages.size())).apply(npy.clone());
    }

    static byte[] damageJson(byte[] json, boolean isCheckpoint, Random r, StringBuilder how) throws IOException {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(json);
        ObjectMapper m = new ObjectMapper();
        List<Runnable> damages = new ArrayList<>();
        damages.add(() -> {
            how.append("not JSON");
            node.removeAll();
            node.put("x", "\u0000");
        });
        damages.add(() -> {
            how.append("format version 99");
            node.put("formatVersion", 99);
        });
        if (isCheckpoint) {
            damages.add(() -> {
                how.append("iteration -5");
                node.put("iteration", -5);
            });
            damages.add(() -> {
                how.append("epoch text");
                node.put("epoch", "many");
            });
            damages.add(() -> {
                how.append("entries not an object");
                node.put("entries", 3);
            });
        } else {
            for (String type : List.of("NOPE", "INT8", "DOUBLE", "")) {
                damages.add(() -> {
                    how.append("dataType '").append(type).append("'");
                    node.put("dataType", type);
                });
            }
            for (String shape : List.of("[-1]", "[]", "[100000, 100000, 100000]", "\"x\"", "[2, 0]", "[3]")) {
                damages.add(() -> {
                    how.append("sampleShape ").append(shape);
                    try {
                        node.set("sampleShape", m.readTree(shape));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            damages.add(() -> {
                how.append("parameterCount 7");
                node.put("parameterCount", 7);
            });
            damages.add(() -> {
                how.append("spec hidden [100000000]");
                ((ObjectNode) node.path("spec")).putArray("hidden").add(100_000_000);
            });
            damages.add(() -> {
                how.append("spec type 'nope'");
                ((ObjectNode) node.path("spec")).put("type", "nope");
            });
            damages.add(() -> {
                how.append("spec latentSize -3");
                ((ObjectNode) node.path("spec")).put("latentSize", -3);
            });
        }
        damages.get(r.nextInt(damages.size())).run();
        return m.writeValueAsBytes(node);
    }

    private static byte[] replace(byte[] b, String header, String from, String to, StringBuilder how) {
        int at = header.indexOf(from);
        if (at < 0) {
            how.append("(no ").append(from).append(") byte 10 changed");
            b[10] ^= 0x20;
            return b;
        }
        how.append(to);
        byte[] t = to.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, b, at, t.length);
        return b;
    }

    /** The shape tuple replaced (the header re-padded to its length when it fits, else the header grows). */
    private static byte[] replaceShape(byte[] b, String header, String shape, StringBuilder how) {
        int open = header.indexOf("'shape': (");
        int close = header.indexOf(')', open);
        how.append("shape (").append(shape).append(",)");
        if (open < 0 || close < 0) {
            return b;
        }
        String replaced = header.substring(0, open) + "'shape': (" + shape + ",)" + header.substring(close + 1);
        int end = header.indexOf('\n') + 1;
        String newHeader = replaced.substring(0, replaced.indexOf('\n') + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(newHeader.getBytes(StandardCharsets.ISO_8859_1));
        out.write(b, end, b.length - end);
        return out.toByteArray();
    }

    static Map<String, byte[]> read(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    static byte[] write(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey());
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                z.setMethod(ZipEntry.STORED);
                z.setSize(e.getValue().length);
                z.setCompressedSize(e.getValue().length);
                z.setCrc(crc.getValue());
                zip.putNextEntry(z);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

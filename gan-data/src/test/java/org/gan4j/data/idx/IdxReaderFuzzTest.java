package org.gan4j.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.gan4j.api.Gan4jException;

/**
 * Fuzzing the IDX reader (issue 5): random bytes, valid IDX files (plain and gzipped) with bytes
 * changed, inserted or deleted, and truncated ones are either read or refused with a
 * {@link Gan4jException}, never another exception (an OutOfMemoryError included), each within seconds.
 */
class IdxReaderFuzzTest {

    static final byte[] IMAGES = IdxTestFiles.images(6, 5, 4);
    static final byte[] LABELS = IdxTestFiles.labels(6, 10);

    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("gan4j-idx-fuzz");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    /** Reads {@code bytes} as an images and as a labels file: an array or a Gan4jException, within 5 s. */
    static void readsOrRefuses(byte[] bytes) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            Path file = Files.write(dir.resolve("fuzz.idx"), bytes);
            for (boolean images : new boolean[] {true, false}) {
                try {
                    IdxArray a = images ? IdxReader.readImages(file) : IdxReader.readLabels(file);
                    assertThat(a.data()).hasSize(a.count() * a.itemLength());
                } catch (Gan4jException e) {
                    assertThat(e.exitCode()).isEqualTo(Gan4jException.BAD_INPUT);
                    assertThat(e.getMessage()).contains(file.toString());
                }
            }
        });
    }

    @Example
    void theSeedsAreValid() throws IOException {
        Path images = Files.write(dir.resolve("seed-images.gz"), IdxTestFiles.gzip(IMAGES));
        Path labels = Files.write(dir.resolve("seed-labels"), LABELS);
        assertThat(IdxReader.readImages(images).dimensions()).containsExactly(6, 5, 4);
        assertThat(IdxReader.readLabels(labels).dimensions()).containsExactly(6);
    }

    /** A header declaring far more data than the file holds is refused without allocating it. */
    @Example
    void aHugeDeclaredCountIsRefusedWithoutAllocatingIt() throws IOException {
        byte[] b = IMAGES.clone();
        b[4] = 0x05; // 6 -> 0x05000006 images of 5x4: 1.6 GB declared (under the 2 GB limit), 120 bytes present
        b[5] = 0x00;
        for (byte[] bytes : List.of(b, IdxTestFiles.gzip(b))) {
            Path file = write(bytes);
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            assertThatThrownBy(() -> IdxReader.readImages(file)).isInstanceOf(Gan4jException.class)
                    .hasMessageContaining("is truncated").hasMessageContaining("83886086 images of 5x4");
            assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(64L << 20);
        }
    }

    private static Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("fuzz.idx"), bytes);
    }

    @Property(tries = 300)
    void randomBytes(@ForAll("noise") byte[] bytes) {
        readsOrRefuses(bytes);
    }

    @Property(tries = 300)
    void mutatedPlain(@ForAll("edits") List<Edit> edits, @ForAll boolean images) {
        readsOrRefuses(apply(images ? IMAGES : LABELS, edits));
    }

    @Property(tries = 300)
    void mutatedGzip(@ForAll("edits") List<Edit> edits, @ForAll boolean images, @ForAll boolean beforeGzip) {
        byte[] seed = images ? IMAGES : LABELS;
        readsOrRefuses(beforeGzip ? IdxTestFiles.gzip(apply(seed, edits)) : apply(IdxTestFiles.gzip(seed), edits));
    }

    @Property(tries = 100)
    void truncated(@ForAll("fraction") double fraction, @ForAll boolean gzip) {
        byte[] seed = gzip ? IdxTestFiles.gzip(IMAGES) : IMAGES;
        readsOrRefuses(Arrays.copyOf(seed, (int) (fraction * seed.length)));
    }

    @Provide
    Arbitrary<byte[]> noise() {
        // Half of them start like an IDX images or labels file, so that the reader gets past the magic number.
        Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Combinators.combine(any, Arbitraries.of(0, 1, 2)).as((b, head) -> {
            if (head == 0 || b.length < 4) {
                return b;
            }
            b[0] = 0;
            b[1] = 0;
            b[2] = 8;
            b[3] = (byte) (head == 1 ? 3 : 1);
            return b;
        });
    }

    @Provide
    Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }

    /** One edit: at a relative position, delete a byte, insert one, or set one (header bytes favoured). */
    record Edit(int kind, double position, byte value) {
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Double> position = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(0, 1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(0, 0.15)));
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 2), position, Arbitraries.bytes())
                .as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(4);
    }

    static byte[] apply(byte[] seed, List<Edit> edits) {
        byte[] b = seed.clone();
        for (Edit e : edits) {
            if (b.length < 2) {
                break;
            }
            int i = Math.min(b.length - 1, (int) (e.position() * b.length));
            switch (e.kind()) {
                case 0 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, i);
                    System.arraycopy(b, i + 1, shorter, i, b.length - i - 1);
                    b = shorter;
                }
                case 1 -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, i);
                    longer[i] = e.value();
                    System.arraycopy(b, i, longer, i + 1, b.length - i);
                    b = longer;
                }
                default -> b[i] = e.value();
            }
        }
        return b;
    }
}

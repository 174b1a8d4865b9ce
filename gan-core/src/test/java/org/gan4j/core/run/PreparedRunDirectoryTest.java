package org.gan4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.train.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Setting a run directory's previous results aside for {@code --overwrite}, and putting them back. */
class PreparedRunDirectoryTest {

    @TempDir
    Path dir;

    /** Every file under {@code dir} (relative path to content), directories as "/". */
    static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(p -> !p.equals(dir)).toList()) {
                all.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "/" : Files.readString(p));
            }
        }
        return all;
    }

    private void write(String relative, String content) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void anEmptyDirectoryNeedsNoOverwriteAndRestoringLeavesItEmpty() throws Exception {
        PreparedRunDirectory prepared = PreparedRunDirectory.prepare(dir, false, true);
        write("manifest.json", "new");
        write("checkpoints/config.json", "{}");
        assertThat(prepared.created()).isTrue();
        assertThat(prepared.restorePrevious()).isTrue();
        assertThat(contents(dir)).isEmpty();
    }

    @Test
    void aDirectoryHoldingAnythingIsRefusedWithoutOverwriteAndLeftAlone() throws Exception {
        write("notes.txt", "mine");
        assertThatThrownBy(() -> PreparedRunDirectory.prepare(dir, false, false))
                .isInstanceOfSatisfying(Gan4jException.class, e -> assertThat(e.getMessage())
                        .contains(dir.toString(), "not empty", "--overwrite"));
        assertThat(contents(dir)).containsExactly(Map.entry("notes.txt", "mine"));
    }

    @Test
    void overwriteSetsAsideOnlyGan4jsFilesAndPutsThemBackByteForByte() throws Exception {
        write("metrics.csv", "old metrics");
        write("metrics-eval.csv", "old evaluations");
        write("evaluation.json", "{\"old\":1}");
        write("samples/epoch-001.png", "old picture");
        write("checkpoints/checkpoint-000000010.zip", "old checkpoint");
        write("notes.txt", "mine");
        write("my-analysis/plot.py", "print(1)");
        Map<String, String> before = contents(dir);

        PreparedRunDirectory prepared = PreparedRunDirectory.prepare(dir, true, false);
        assertThat(contents(dir)).containsKeys("notes.txt", "my-analysis/plot.py", PreparedRunDirectory.SET_ASIDE + "/metrics.csv")
                .doesNotContainKeys("metrics.csv", "samples");
        write("metrics.csv", "new metrics");
        write("samples/final.png", "new picture");

        assertThat(prepared.restorePrevious()).isTrue();
        assertThat(contents(dir)).isEqualTo(before);
    }

    @Test
    void keepingTheNewResultsDeletesTheSetAsideOnesAndNothingElse() throws Exception {
        write("metrics.csv", "old metrics");
        write("notes.txt", "mine");
        PreparedRunDirectory prepared = PreparedRunDirectory.prepare(dir, true, false);
        write("metrics.csv", "new metrics");
        prepared.keepNewResults();
        assertThat(contents(dir)).isEqualTo(Map.of("metrics.csv", "new metrics", "notes.txt", "mine"));
    }

    @Test
    void whatARunKilledBeforeTrainingLeftDoesNotBlockTheNextOne() throws Exception {
        // killed during start-up: the saved config, an empty samples folder, a stale lock, a temporary file
        write("checkpoints/config.json", "{}");
        Files.createDirectories(dir.resolve("samples"));
        write(RunLock.FILE, "12345\ngan4j train\n2024-01-01T00:00:00Z\n");
        write(".manifest.json.tmp", "{\"status\":");
        Map<String, String> before = contents(dir);

        PreparedRunDirectory prepared = PreparedRunDirectory.prepare(dir, false, false);
        assertThat(contents(dir).keySet()).allMatch(k -> k.equals(RunLock.FILE) || k.startsWith(PreparedRunDirectory.SET_ASIDE));
        assertThat(prepared.restorePrevious()).isTrue();
        assertThat(contents(dir)).isEqualTo(before);

        PreparedRunDirectory.prepare(dir, false, false).keepNewResults();
        assertThat(contents(dir)).containsOnlyKeys(RunLock.FILE);
    }

    @Test
    void resultsAnOverwriteKilledBeforeTrainingSetAsideArePutBackFirst() throws Exception {
        write(PreparedRunDirectory.SET_ASIDE + "/metrics.csv", "previous metrics");
        write(PreparedRunDirectory.SET_ASIDE + "/samples/epoch-001.png", "previous picture");
        write("checkpoints/config.json", "{\"new\":1}");
        write("notes.txt", "mine");

        assertThatThrownBy(() -> PreparedRunDirectory.prepare(dir, false, false)).isInstanceOf(Gan4jException.class);
        assertThat(contents(dir)).isEqualTo(Map.of("metrics.csv", "previous metrics", "samples", "/",
                "samples/epoch-001.png", "previous picture", "notes.txt", "mine"));
    }

    @Test
    void resultsSetAsideByARunThatTrainedAreReplacedByTheNextOverwrite() throws Exception {
        write(PreparedRunDirectory.SET_ASIDE + "/metrics.csv", "older metrics");
        write("metrics.csv", "metrics of the run that replaced them and was killed");
        PreparedRunDirectory prepared = PreparedRunDirectory.prepare(dir, true, false);
        assertThat(contents(dir)).isEqualTo(Map.of(PreparedRunDirectory.SET_ASIDE, "/",
                PreparedRunDirectory.SET_ASIDE + "/metrics.csv", "metrics of the run that replaced them and was killed"));
        prepared.restorePrevious();
        assertThat(contents(dir)).isEqualTo(Map.of("metrics.csv", "metrics of the run that replaced them and was killed"));
    }
}

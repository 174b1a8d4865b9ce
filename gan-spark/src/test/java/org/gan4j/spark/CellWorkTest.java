package org.gan4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The work a Spark task hands to gan4j, without Spark: train, continue from a checkpoint, check configs. */
class CellWorkTest {

    @TempDir
    Path dir;

    private static final String TREE = """
            {"name": "c", "seed": 3, "data": {"type": "ring", "size": 400},
             "generator": {"type": "mlp", "latentSize": 4, "hidden": [16], "dropout": 0.0, "output": "linear"},
             "discriminator": {"type": "mlp", "hidden": [16], "dropout": 0.0},
             "loss": {"type": "non-saturating"},
             "schedule": {"type": "alternating", "iterations": 40, "batchSize": 50},
             "output": {"checkpointEvery": 10, "checkpointKeep": 2}}""";

    private Map<String, Object> train(String cellsDir, String tree, boolean resume) {
        Map<String, Object> request = new HashMap<>();
        request.put("action", "train");
        request.put("cell", "c");
        request.put("tree", tree);
        request.put("experimentFile", dir.resolve("experiment.yaml").toString());
        request.put("baseDirectory", dir.toString());
        request.put("cellsDir", cellsDir);
        request.put("log", dir.resolve("c.log").toString());
        request.put("resume", resume);
        request.put("threads", 1);
        request.put("plugins", List.of());
        return new CellWork().apply(request);
    }

    @Test
    void continuingFromACheckpointEndsAsAnUninterruptedRun() throws Exception {
        Map<String, Object> whole = train(dir.resolve("whole").toString(), TREE, false);
        assertThat(whole.get("status")).as(Files.readString(dir.resolve("c.log"))).isEqualTo("completed");

        // The same cell stopped at iteration 20 (as a lost executor would leave it), then continued.
        train(dir.resolve("parts").toString(), TREE.replace("\"iterations\": 40", "\"iterations\": 20"), false);
        Path run = dir.resolve("parts/c");
        Files.writeString(run.resolve("checkpoints/config.json"),
                Files.readString(run.resolve("checkpoints/config.json")).replace("\"iterations\":20", "\"iterations\":40"));
        Map<String, Object> continued = train(dir.resolve("parts").toString(), TREE, true);
        assertThat(continued.get("status")).as(Files.readString(dir.resolve("c.log"))).isEqualTo("completed");
        assertThat(Files.readString(run.resolve("metrics.csv"))).isEqualTo(Files.readString(dir.resolve("whole/c/metrics.csv")));
        JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        assertThat(manifest.path("resumes").get(0).path("iteration").asLong()).isEqualTo(20);
    }

    @Test
    void aConfigThatDoesNotBuildIsAFailedCellNotAnException() throws Exception {
        Map<String, Object> r = train(dir.resolve("bad").toString(), TREE.replace("non-saturating", "no-such-loss"), false);
        assertThat(r.get("status")).isEqualTo("failed");
        assertThat((String) r.get("message")).contains("The cell c does not build on this executor", "no-such-loss");
        assertThat(Files.readString(dir.resolve("c.log"))).contains("no-such-loss");
    }

    @Test
    void theCheckNamesEachCellThatDoesNotBuildAndListsTheComponents() {
        Map<String, Object> request = new HashMap<>();
        request.put("action", "check");
        request.put("plugins", List.of());
        request.put("cells", List.of(
                Map.of("cell", "good", "tree", TREE, "experimentFile", "e.yaml"),
                Map.of("cell", "bad", "tree", TREE.replace("non-saturating", "acme-loss"), "experimentFile", "e.yaml")));
        Map<String, Object> found = new CellWork().apply(request);
        @SuppressWarnings("unchecked")
        List<String> errors = (List<String>) found.get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("The cell bad does not build", "acme-loss");
        @SuppressWarnings("unchecked")
        List<String> components = (List<String>) found.get("components");
        assertThat(components).contains("Loss:non-saturating", "Loss:minimax");
    }
}

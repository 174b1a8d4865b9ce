package org.gan4j.core.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.config.TestComponents;
import org.gan4j.core.config.TestComponents.TestGenerator;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.schedule.AlternatingSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridTest {

    private final ComponentRegistry registry = TestComponents.registry();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final String BASE = """
            data: {type: test-data, path: x}
            generator: {type: test-gen, latentSize: 4, hidden: [8, 16]}
            discriminator: {type: test-disc}
            loss: {type: wasserstein, clip: 0.02}
            schedule: {type: alternating, epochs: 2, batchSize: 4}
            """;

    @Test
    void expandsTheProductWithNamesVariantsAndNestedFields() throws IOException {
        write("base.yaml", BASE);
        Path file = write("exp.yaml", """
                name: losses
                base: base.yaml
                axes:
                  loss.type: [minimax, non-saturating]
                  schedule.discriminatorSteps: [1, 5]
                  generator.hidden.1: [32]
                  seed: [1, 2, 3]
                """);
        Experiment e = Experiment.read(file, registry);
        assertThat(e.average()).containsExactly("seed");
        List<Cell> cells = Grid.expand(e, registry);
        assertThat(cells).hasSize(2 * 2 * 3);
        Cell first = cells.get(0);
        assertThat(first.name()).isEqualTo("loss.type=minimax,schedule.discriminatorSteps=1,generator.hidden.1=32,seed=1");
        assertThat(first.variant()).isEqualTo("loss.type=minimax,schedule.discriminatorSteps=1,generator.hidden.1=32");
        assertThat(cells.get(1).name()).endsWith("seed=2");
        assertThat(cells.get(11).name()).isEqualTo("loss.type=non-saturating,schedule.discriminatorSteps=5,generator.hidden.1=32,seed=3");
        // the config really carries the values; setting loss.type dropped the base loss's clip
        assertThat(first.config().name()).isEqualTo(first.name());
        assertThat(first.config().seed()).isEqualTo(1);
        assertThat(first.config().loss()).isInstanceOf(TestComponents.TestLoss.class);
        assertThat(((AlternatingSchedule) cells.get(3).config().schedule()).discriminatorSteps()).isEqualTo(5);
        assertThat(((TestGenerator) first.config().generator()).hidden()).containsExactly(8, 32);
        assertThat(cells.stream().map(Cell::variant).distinct()).hasSize(4);
    }

    @Test
    void sectionValuesAndSameTypeKeepSettings() throws IOException {
        Path file = write("exp.yaml", "base:\n" + BASE.indent(2) + """
                axes:
                  loss: [{type: minimax}, {type: wasserstein, clip: 0.5}]
                  loss.type: [wasserstein]
                """);
        List<Cell> cells = Grid.expand(Experiment.read(file, registry), registry);
        assertThat(cells).extracting(Cell::name).containsExactly("loss=minimax,loss.type=wasserstein", "loss=type-wasserstein,clip-0.5,loss.type=wasserstein");
        // the second cell's loss already has type wasserstein: its clip stays
        assertThat(cells.get(1).config().loss()).isEqualTo(new TestComponents.TestCritic(0.5));
        assertThat(cells.get(0).config().loss()).isEqualTo(new TestComponents.TestCritic(0.01));
        assertThat(cells.get(0).variant()).isEqualTo(cells.get(0).name()); // no seed axis: nothing averaged
    }

    @Test
    void aPathThroughAValueNamesTheFileAndTheAxis() throws IOException {
        Path file = write("bad.yaml", "base:\n" + BASE.indent(2) + "axes:\n  schedule.epochs.x: [1]\n");
        Experiment e = Experiment.read(file, registry);
        assertThatThrownBy(() -> Grid.expand(e, registry)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("axes.schedule.epochs.x")
                .hasMessageContaining("schedule.epochs is number 2");
    }

    @Test
    void anUnknownFieldNamesTheFileCellAndField() throws IOException {
        Path file = write("bad.yaml", "base:\n" + BASE.indent(2) + "axes:\n  generator.hiddn: [[4]]\n");
        Experiment e = Experiment.read(file, registry);
        assertThatThrownBy(() -> Grid.expand(e, registry)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("generator.hiddn=4")
                .hasMessageContaining("unknown field 'hiddn'")
                .hasMessageContaining("Did you mean 'hidden'?");
    }

    @Test
    void listIndexOutOfRangeAndBadExperimentFields() throws IOException {
        Path file = write("bad.yaml", "base:\n" + BASE.indent(2) + "axes:\n  generator.hidden.5: [4]\n");
        Experiment e = Experiment.read(file, registry);
        assertThatThrownBy(() -> Grid.expand(e, registry)).hasMessageContaining("generator.hidden has 2 elements");
        Path noAxes = write("none.yaml", "base:\n" + BASE.indent(2) + "axis:\n  seed: [1]\n");
        assertThatThrownBy(() -> Experiment.read(noAxes, registry)).hasMessageContaining("unknown field 'axis'");
        Path average = write("avg.yaml", "base:\n" + BASE.indent(2) + "axes:\n  seed: [1]\naverage: [sed]\n");
        assertThatThrownBy(() -> Experiment.read(average, registry)).hasMessageContaining("'sed' is not one of the axes (seed)");
    }

    @Test
    void namesAreSafeDirectoryNames() {
        assertThat(Grid.safe("data.path=/tmp/x y")).isEqualTo("data.path=_tmp_x_y");
        assertThat(Grid.safe("../up")).isEqualTo("_._up");
    }

    @Test
    void aRankByNoCellCanReportIsRefusedBeforeAnyCellTrains() throws IOException {
        String axes = "axes:\n  loss.type: [minimax, wasserstein]\n";
        Path typo = write("typo.yaml", "rankBy: mode-coverage.mods\nbase:\n" + BASE.indent(2)
                + "  metrics: [{type: mode-coverage}]\n" + axes);
        assertThatThrownBy(() -> Grid.expand(Experiment.read(typo, registry), registry)).isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith(typo + ": rankBy: 'mode-coverage.mods' is not a value the cells report")
                .hasMessageContaining("mode-coverage.modes, mode-coverage.total-modes, mode-coverage.high-quality, mode-coverage.kl");
        Path other = write("other.yaml", "rankBy: classifier-fid.fid\nbase:\n" + BASE.indent(2)
                + "  metrics: [{type: mode-coverage}]\n" + axes);
        assertThatThrownBy(() -> Grid.expand(Experiment.read(other, registry), registry)).hasMessageContaining("one of mode-coverage.modes");
        Path none = write("none.yaml", "rankBy: mode-coverage.modes\nbase:\n" + BASE.indent(2) + axes);
        assertThatThrownBy(() -> Grid.expand(Experiment.read(none, registry), registry))
                .hasMessageContaining("no metric is evaluated in every cell").hasMessageContaining("or remove rankBy");
        Path fine = write("fine.yaml", "rankBy: mode-coverage.kl\nbase:\n" + BASE.indent(2)
                + "  metrics: [{type: mode-coverage}]\n" + axes);
        assertThat(Grid.expand(Experiment.read(fine, registry), registry)).hasSize(2);
    }
}

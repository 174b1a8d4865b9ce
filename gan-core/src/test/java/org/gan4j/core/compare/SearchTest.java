package org.gan4j.core.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.config.TestComponents;
import org.gan4j.core.optim.AdamSpec;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.schedule.AlternatingSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchTest {

    private final ComponentRegistry registry = TestComponents.registry();

    @TempDir
    Path dir;

    private static final String BASE = """
            base:
              data: {type: test-data, path: x}
              generator: {type: test-gen, latentSize: 4, hidden: [8, 16]}
              discriminator: {type: test-disc}
              loss: {type: minimax}
              schedule: {type: alternating, epochs: 2, batchSize: 4}
              optimizer:
                generator: {type: adam, lr: 0.0002, beta1: 0.5}
                discriminator: {type: adam, lr: 0.0002, beta1: 0.5}
            """;

    private static final String AXES = """
            axes:
              loss.type: [minimax, wasserstein]
              seed: [1, 2]
            """;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, text);
        return file;
    }

    private List<Cell> expand(String text) throws IOException {
        return Grid.expand(Experiment.read(write(text), registry), registry);
    }

    /** The message of the bad-input error that reading and expanding {@code text} throws, after checking it is one (exit 2). */
    private String refusal(String text) throws IOException {
        Path file = write(text);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Grid.expand(Experiment.read(file, registry), registry));
        assertThat(t).isInstanceOf(Gan4jException.class);
        assertThat(((Gan4jException) t).exitCode()).isEqualTo(Gan4jException.BAD_INPUT);
        assertThat(t.getMessage()).contains(file.toString());
        return t.getMessage();
    }

    private static final String SEARCH = """
            search:
              trials: 3
              seed: 7
              space:
                optimizer.generator.lr: loguniform(1e-5, 1e-2)
                optimizer.generator.beta1: choice(0, 0.5, 0.9)
              variants:
                loss.type=wasserstein:
                  loss.clip: uniform(0.01, 0.1)
            budget: {iterations: 50}
            """;

    @Test
    void trialsAreCellsNamedByVariantTrialAndSeedWithTheDrawnSettings() throws IOException {
        List<Cell> cells = expand(BASE + AXES + SEARCH);
        assertThat(cells).hasSize(2 * 3 * 2); // variants x trials x seeds
        // trial by trial: every variant's first trial (all its seeds) before any second trial
        assertThat(cells).extracting(Cell::trial).containsExactly(1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3);
        Cell first = cells.get(0);
        assertThat(first.variant()).isEqualTo("loss.type=minimax");
        assertThat(first.name()).matches("loss\\.type=minimax,trial=001-[0-9a-f]{4},seed=1");
        assertThat(cells.get(1).name()).isEqualTo(first.name().replace("seed=1", "seed=2"));
        assertThat(first.settings().keySet()).containsExactly("optimizer.generator.lr", "optimizer.generator.beta1");
        double lr = first.settings().get("optimizer.generator.lr").asDouble();
        assertThat(lr).isBetween(1e-5, 1e-2);
        assertThat(((AdamSpec) first.config().optimizer().generator()).lr()).isEqualTo(lr);
        assertThat(((AlternatingSchedule) first.config().schedule()).iterations()).isEqualTo(50);
        // the wasserstein variant also searches its clip; the shared keys take the same values (common random numbers)
        Cell critic = cells.get(2);
        assertThat(critic.variant()).isEqualTo("loss.type=wasserstein");
        assertThat(critic.settings().keySet()).containsExactly("optimizer.generator.lr", "optimizer.generator.beta1", "loss.clip");
        assertThat(critic.settings().get("optimizer.generator.lr")).isEqualTo(first.settings().get("optimizer.generator.lr"));
        assertThat(critic.config().loss()).isEqualTo(new TestComponents.TestCritic(critic.settings().get("loss.clip").asDouble()));
        // trials differ, and the draws are reproducible
        assertThat(cells.stream().map(c -> c.settings().get("optimizer.generator.lr")).distinct()).hasSize(3);
        assertThat(expand(BASE + AXES + SEARCH)).extracting(Cell::name).isEqualTo(cells.stream().map(Cell::name).toList());
        assertThat(expand(BASE + AXES + SEARCH.replace("seed: 7", "seed: 8")).get(0).name()).isNotEqualTo(first.name());
    }

    @Test
    void moreTrialsKeepTheEarlierOnes() throws IOException {
        List<String> three = expand(BASE + AXES + SEARCH).stream().map(Cell::name).toList();
        List<String> five = expand(BASE + AXES + SEARCH.replace("trials: 3", "trials: 5")).stream().map(Cell::name).toList();
        assertThat(five).hasSize(20).startsWith(three.toArray(String[]::new));
    }

    @Test
    void aSearchWithoutAxesIsOneVariant() throws IOException {
        List<Cell> cells = expand(BASE + "search: {trials: 2, space: {optimizer.discriminator.lr: 'uniform(1e-4, 1e-3)'}}\n");
        assertThat(cells).extracting(Cell::variant).containsOnly("all");
        assertThat(cells).hasSize(2);
        assertThat(cells.get(0).name()).startsWith("trial=001-");
    }

    @Test
    void aDistributionCutAtACommaByYamlFlowStyleIsExplained() throws IOException {
        assertThat(refusal(BASE + AXES + "search: {trials: 2, space: {optimizer.generator.lr: loguniform(1e-5, 1e-2)}}\n"))
                .contains("search key optimizer.generator.lr").contains("is cut at a comma").contains("quote");
    }

    @Test
    void distributionsDrawWithinTheirRange() {
        for (double u : new double[] {0, 0.25, 0.5, 0.999999}) {
            assertThat(Distribution.parse(TextNode.valueOf("uniform(2, 4)")).value(u).asDouble()).isBetween(2.0, 4.0);
            assertThat(Distribution.parse(TextNode.valueOf("loguniform(1e-5, 1e-2)")).value(u).asDouble()).isBetween(1e-5, 1e-2);
            assertThat(Distribution.parse(TextNode.valueOf("intuniform(1, 3)")).value(u).asLong()).isBetween(1L, 3L);
            assertThat(Distribution.parse(TextNode.valueOf("randint(1, 3)")).value(u).asLong()).isBetween(1L, 3L);
        }
        // log-uniform: the midpoint of the logarithms
        assertThat(Distribution.parse(TextNode.valueOf("loguniform(1e-4, 1e-2)")).value(0.5).asDouble()).isEqualTo(1e-3);
        Distribution choice = Distribution.parse(TextNode.valueOf("choice(0, 0.5, hinge, 'a b')"));
        assertThat(List.of(choice.value(0), choice.value(0.3), choice.value(0.6), choice.value(0.9)))
                .extracting(JsonNode::toString).containsExactly("0", "0.5", "\"hinge\"", "\"a b\"");
        assertThat(Distribution.parse(TextNode.valueOf("intuniform(1, 3)")).value(0.999).asLong()).isEqualTo(3);
    }

    @Test
    void badDistributionsAreRefusedNamingFileVariantAndKey() throws IOException {
        String key = "search:\n  trials: 2\n  space:\n    optimizer.generator.lr: ";
        assertThat(refusal(BASE + AXES + key + "logunifrom(1e-5, 1e-2)\n"))
                .contains("every variant, search key optimizer.generator.lr").contains("unknown distribution 'logunifrom'")
                .contains("Did you mean 'loguniform'?");
        assertThat(refusal(BASE + AXES + key + "uniform(0.1, 0.1)\n")).contains("optimizer.generator.lr").contains("range is empty");
        assertThat(refusal(BASE + AXES + key + "uniform(0.5, 0.1)\n")).contains("lower bound 0.5 is above the upper bound 0.1");
        assertThat(refusal(BASE + AXES + key + "loguniform(0, 0.1)\n")).contains("the lower bound must be above 0");
        assertThat(refusal(BASE + AXES + key + "loguniform(-1, 0.1)\n")).contains("the lower bound must be above 0");
        assertThat(refusal(BASE + AXES + key + "choice()\n")).contains("choice() has no values");
        assertThat(refusal(BASE + AXES + key + "[]\n")).contains("the list of choices is empty");
        assertThat(refusal(BASE + AXES + key + "uniform(1)\n")).contains("needs two numbers");
        assertThat(refusal(BASE + AXES + key + "uniform(a, 1)\n")).contains("'a' is not a number");
        assertThat(refusal(BASE + AXES + key + "intuniform(1, 2.5)\n")).contains("not a whole number");
        assertThat(refusal(BASE + AXES + key + "0.001\n")).contains("is not a distribution");
        // in a variant's keys, the error names the variant
        assertThat(refusal(BASE + AXES + "search:\n  trials: 2\n  variants:\n    loss.type=wasserstein:\n      loss.clip: uniform(1, 0)\n"))
                .contains("variant loss.type=wasserstein, search key loss.clip");
    }

    @Test
    void aKeyThatIsNotAFieldOfTheVariantsConfigIsRefused() throws IOException {
        // a typo in the last part: the config reader refuses the field
        assertThat(refusal(BASE + AXES + "search: {trials: 2, space: {optimizer.generator.lrr: 'loguniform(1e-5, 1e-2)'}}\n"))
                .contains("variant loss.type=minimax, search key optimizer.generator.lrr").contains("not a field of the variant's config")
                .contains("unknown field 'lrr'");
        // a typo in a section
        assertThat(refusal(BASE + AXES + "search: {trials: 2, space: {optimiser.generator.lr: 'loguniform(1e-5, 1e-2)'}}\n"))
                .contains("search key optimiser.generator.lr").contains("no section optimiser");
        // a list element that does not exist: named as the search key, not as an axis
        assertThat(refusal(BASE + AXES + "search:\n  trials: 2\n  space:\n    generator.hidden.5: choice(4, 8)\n"))
                .contains("variant loss.type=minimax, search key generator.hidden.5: generator.hidden has 2 elements")
                .doesNotContain("axes.");
        // a field one variant has and another lacks: minimax has no clip
        assertThat(refusal(BASE + AXES + "search: {trials: 2, space: {loss.clip: 'uniform(0.01, 0.1)'}}\n"))
                .contains("variant loss.type=minimax, search key loss.clip").contains("not a field of the variant's config");
        // a value of the wrong kind
        assertThat(refusal(BASE + AXES + "search: {trials: 2, space: {schedule.batchSize: 'choice(a, b)'}}\n"))
                .contains("search key schedule.batchSize");
        // a selector no variant matches, a key that is an axis, a variant with nothing to search
        assertThat(refusal(BASE + AXES + "search: {trials: 2, variants: {loss.type=hinge: {loss.clip: 'uniform(0.01, 0.1)'}}}\n"))
                .contains("search.variants.loss.type=hinge").contains("no variant of the experiment matches it");
        assertThat(refusal(BASE + AXES + "search: {trials: 2, space: {loss.type: 'choice(minimax, wasserstein)'}}\n"))
                .contains("it would replace the axis loss.type");
        assertThat(refusal(BASE + AXES + "search: {trials: 2, variants: {loss.type=wasserstein: {loss.clip: 'uniform(0.01, 0.1)'}}}\n"))
                .contains("variant loss.type=minimax: no search key applies to it");
    }

    @Test
    void badTrialsAndBudgetsAreRefused() throws IOException {
        String space = "  space: {optimizer.generator.lr: 'loguniform(1e-5, 1e-2)'}\n";
        assertThat(refusal(BASE + AXES + "search:\n  trials: 0\n" + space)).contains("search.trials: '0'");
        assertThat(refusal(BASE + AXES + "search:\n  trials: 2\n  spaces: {}\n")).contains("search.spaces: unknown field");
        assertThat(refusal(BASE + AXES + "budget: {iterations: 0}\n")).contains("budget.iterations").contains("'0' is not a positive");
        assertThat(refusal(BASE + AXES + "budget: {seconds: 0}\n")).contains("budget.seconds").contains("'0' is not a positive");
        assertThat(refusal(BASE + AXES + "budget: {seconds: -3}\n")).contains("budget.seconds");
        assertThat(refusal(BASE + AXES + "budget: {iterations: 10, seconds: 5}\n")).contains("is not a budget");
        assertThat(refusal(BASE + AXES + "budget: {minutes: 5}\n")).contains("budget.minutes").contains("unknown field");
        assertThat(refusal(BASE + "axes: {schedule.iterations: [5, 10]}\nbudget: {iterations: 10}\n"))
                .contains("axes.schedule.iterations: the budget sets schedule.iterations");
    }

    @Test
    void aBudgetAloneSetsEveryRunsIterations() throws IOException {
        List<Cell> cells = expand(BASE + AXES + "budget: {iterations: 1500}\n");
        assertThat(cells).hasSize(4).allSatisfy(c -> {
            assertThat(((AlternatingSchedule) c.config().schedule()).iterations()).isEqualTo(1500);
            assertThat(c.trial()).isZero();
            assertThat(c.settings()).isEqualTo(Map.of());
        });
        // a budget in seconds sets schedule.seconds; the base config's epochs stay as the upper bound
        Cell timed = expand(BASE + AXES + "budget: {seconds: 90}\n").get(0);
        assertThat(timed.config().schedule().seconds()).isEqualTo(90);
        assertThat(timed.config().schedule().epochs()).isEqualTo(2);
    }

    @Test
    void selectorsMatchWholeParts() {
        assertThat(Search.matches("loss.type=hinge", "loss.type=hinge,model=a")).isTrue();
        assertThat(Search.matches("model=a, loss.type=hinge", "loss.type=hinge,model=a")).isTrue();
        assertThat(Search.matches("loss.type=hin", "loss.type=hinge")).isFalse();
    }
}

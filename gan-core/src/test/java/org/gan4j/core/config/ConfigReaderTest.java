package org.gan4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.api.spi.Loss;
import org.gan4j.core.optim.AdamSpec;
import org.gan4j.core.optim.RmsPropSpec;
import org.gan4j.core.optim.SgdSpec;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.plugin.CorePlugin;
import org.gan4j.core.schedule.AlternatingSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {

    // Line numbers below refer to this text (1-based).
    static final String GOOD = """
            data: {type: test-data, path: "${DATA:-data}/d"}
            generator:
              type: test-gen
              hidden: [4, 5]
            discriminator: {type: test-disc}
            loss: {type: minimax}
            """;

    @TempDir
    Path dir;

    private final ComponentRegistry registry = TestComponents.registry();

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private RunConfig read(String name, String text) throws Exception {
        return ConfigReader.read(write(name, text), registry, Map.of("DATA", "/mnt/data")::get);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertBadInput(String name, String text) throws Exception {
        Path file = write(name, text);
        return assertThatThrownBy(() -> ConfigReader.read(file, registry, Map.<String, String>of()::get))
                .isInstanceOf(Gan4jException.class)
                .satisfies(e -> assertThat(((Gan4jException) e).exitCode()).isEqualTo(Gan4jException.BAD_INPUT))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .hasMessageStartingWith(file.toString());
    }

    @Test
    void readsAndResolvesDefaults() throws Exception {
        RunConfig config = read("mnist-test.yaml", GOOD);

        assertThat(config.name()).isEqualTo("mnist-test");
        assertThat(config.seed()).isEqualTo(RunConfig.DEFAULT_SEED);
        assertThat(config.data()).isEqualTo(new TestComponents.TestData("/mnt/data/d"));
        assertThat(config.generator()).isEqualTo(new TestComponents.TestGenerator(8, java.util.List.of(4, 5)));
        assertThat(config.schedule()).isEqualTo(new AlternatingSchedule(1, 1, 1, 0L, 64));
        assertThat(config.optimizer().generator()).isEqualTo(AdamSpec.dcganDefault());
        assertThat(config.optimizer().discriminator()).isEqualTo(AdamSpec.dcganDefault());
    }

    @Test
    void takesTheLossRecommendationsWhereTheConfigIsSilent() throws Exception {
        RunConfig config = read("w.yaml", GOOD.replace("{type: minimax}", "{type: wasserstein}")
                + "optimizer: {generator: {type: adam, lr: 1e-3}}\n");

        assertThat(config.schedule().discriminatorSteps(0)).isEqualTo(5);
        assertThat(config.optimizer().generator()).isEqualTo(new AdamSpec(1e-3, null, null, null));
        assertThat(config.optimizer().discriminator()).isEqualTo(RmsPropSpec.withLearningRate(5e-5));
    }

    @Test
    void aLossRecommendingAnInvalidOptimizerIsReportedAsAConfigOptimizerWouldBe() throws Exception {
        GanPlugin badAdvice = () -> List.of(ComponentType.of(Loss.class, "bad-advice", TestComponents.BadAdvice.class));
        ComponentRegistry withBadAdvice = ComponentRegistry.of(new CorePlugin(), new TestComponents(), badAdvice);
        String text = GOOD.replace("{type: minimax}", "{type: bad-advice}");
        Path bad = write("bad.yaml", text);

        assertThatThrownBy(() -> ConfigReader.read(bad, withBadAdvice, Map.<String, String>of()::get))
                .isInstanceOf(Gan4jException.class)
                .hasMessage(bad + ": the loss 'bad-advice' recommends the optimizer {\"type\":\"rmsprop\",\"lr\":-1.0},"
                        + " which is not valid: lr: must be a positive number, got -1.0. Set optimizer.generator and"
                        + " optimizer.discriminator in the config to use another optimizer, or fix the loss plugin.");
        // Setting both optimizers leaves the recommendation unused.
        Path ok = write("ok.yaml", text + "optimizer: {generator: {type: adam}, discriminator: {type: sgd, lr: 0.1}}\n");
        RunConfig config = ConfigReader.read(ok, withBadAdvice, Map.<String, String>of()::get);
        assertThat(config.optimizer().discriminator()).isEqualTo(new SgdSpec(0.1));
    }

    @Test
    void explicitScheduleSettingsWinOverTheLoss() throws Exception {
        RunConfig config = read("w.yaml", GOOD.replace("{type: minimax}", "{type: wasserstein}")
                + "schedule: {type: alternating, discriminatorSteps: 2, epochs: 3}\nname: explicit\n");

        assertThat(config.name()).isEqualTo("explicit");
        assertThat(config.schedule()).isEqualTo(new AlternatingSchedule(2, 1, 3, 0L, 64));
    }

    @Test
    void readsJsonToo() throws Exception {
        RunConfig config = read("run.json", """
                {"data": {"type": "test-data", "path": "p"}, "generator": {"type": "test-gen", "latentSize": 3},
                 "discriminator": {"type": "test-disc"}, "loss": {"type": "non-saturating"}, "seed": 7}
                """);

        assertThat(config.name()).isEqualTo("run");
        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.generator()).isEqualTo(new TestComponents.TestGenerator(3, java.util.List.of(16)));
    }

    @Test
    void resolvedYamlReadsBackToTheSameConfig() throws Exception {
        RunConfig config = read("round.yaml", GOOD.replace("{type: minimax}", "{type: wasserstein}"));

        String yaml = ConfigReader.toYaml(config, registry);

        assertThat(yaml).contains("type: wasserstein", "type: alternating", "discriminatorSteps: 5", "batchSize: 64",
                "type: rmsprop", "name: round").doesNotContain("!<", "---");
        assertThat(read("again.yaml", yaml)).isEqualTo(config);
    }

    @Test
    void malformedYamlNamesTheLine() throws Exception {
        assertBadInput("syntax.yaml", GOOD.replace("type: test-gen", "type: test-gen: x"))
                .hasMessageContaining("syntax.yaml:3:")
                .hasMessageContaining("YAML syntax error: mapping values are not allowed here")
                .hasMessageContaining("Check the indentation");
    }

    @Test
    void malformedJsonNamesTheLine() throws Exception {
        assertBadInput("syntax.json", "{\"data\": {\"type\": \"test-data\"},\n \"generator\": {\"type\": \"test-gen\",, }}")
                .hasMessageContaining("syntax.json:2:")
                .hasMessageContaining("syntax error")
                .hasMessageContaining("Check the brackets");
    }

    @Test
    void unknownFieldListsTheValidOnes() throws Exception {
        assertBadInput("field.yaml", GOOD.replace("hidden: [4, 5]", "hiden: [4, 5]"))
                .hasMessageContaining("field.yaml:4:3: generator.hiden: unknown field 'hiden' in generator 'test-gen'")
                .hasMessageContaining("Valid fields: hidden, latentSize")
                .hasMessageContaining("Did you mean 'hidden'?");
    }

    @Test
    void unknownTopLevelField() throws Exception {
        assertBadInput("top.yaml", GOOD + "epochs: 3\n")
                .hasMessageContaining("top.yaml:7:1: epochs: unknown field 'epochs' in the config")
                .hasMessageContaining("schedule");
    }

    @Test
    void unknownFieldInAPlainSectionNamesTheSection() throws Exception {
        assertBadInput("opt.yaml", GOOD + "optimizer:\n  gen: {type: adam}\n")
                .hasMessageContaining("opt.yaml:8:3: optimizer.gen: unknown field 'gen' in the optimizer section")
                .hasMessageContaining("Valid fields: discriminator, ema, generator")
                .hasMessageContaining("Did you mean 'generator'?");
    }

    @Test
    void nestedComponentValueOutOfRange() throws Exception {
        assertBadInput("lr.yaml", GOOD + "optimizer:\n  discriminator: {type: rmsprop, lr: -1}\n")
                .hasMessageContaining("lr.yaml:8:34: optimizer.discriminator.lr: must be a positive number, got -1.0");
    }

    @Test
    void wrongTypeSaysWhatWasExpected() throws Exception {
        assertBadInput("type.yaml", GOOD + "schedule: {type: alternating, batchSize: \"64\"}\n")
                .hasMessageContaining("type.yaml:7:31: schedule.batchSize: expected a whole number, got the text '64'");
        assertBadInput("float.yaml", GOOD + "schedule: {type: alternating, epochs: 2.5}\n")
                .hasMessageContaining("float.yaml:7:31: schedule.epochs: expected a whole number, got the number 2.5");
        assertBadInput("name.yaml", GOOD + "name: 12\n")
                .hasMessageContaining("name.yaml:7:1: name: expected text, got the number 12");
    }

    @Test
    void valueOutOfRangeUsesTheComponentsMessageAndPointsAtTheField() throws Exception {
        assertBadInput("batch.yaml", GOOD + "schedule:\n  type: alternating\n  batchSize: -1\n")
                .hasMessageContaining("batch.yaml:9:3: schedule.batchSize: must be positive, got -1")
                .hasMessageContaining("Change schedule.batchSize");
        assertBadInput("hidden.yaml", GOOD.replace("hidden: [4, 5]", "hidden: [4, -5]"))
                .hasMessageContaining("hidden.yaml:4:15: generator.hidden[1]: must be positive, got -5");
    }

    @Test
    void missingSectionSaysWhatToAdd() throws Exception {
        assertBadInput("missing.yaml", GOOD.replace("loss: {type: minimax}\n", ""))
                .hasMessageContaining("missing.yaml: loss: missing required section 'loss'")
                .hasMessageContaining("known loss types: minimax, non-saturating, wasserstein");
    }

    @Test
    void unknownTypeSuggestsTheNearestName() throws Exception {
        assertBadInput("typo.yaml", GOOD.replace("minimax", "wasserstien"))
                .hasMessageContaining("typo.yaml:6:8:")
                .hasMessageContaining("unknown loss 'wasserstien' at loss.type; known: minimax, non-saturating, wasserstein. Did you mean 'wasserstein'?");
    }

    @Test
    void unknownTypeFarFromEveryNameSuggestsNothing() throws Exception {
        assertBadInput("far.yaml", GOOD.replace("minimax", "hinge"))
                .hasMessageContaining("unknown loss 'hinge'")
                .hasMessageNotContaining("Did you mean")
                .hasMessageContaining("gan4j plugins")
                .hasMessageContaining("If 'hinge' comes from a plugin jar, pass its directory with --plugins DIR"
                        + " (or the config's 'plugins' field)");
    }

    @Test
    void missingTypeListsTheKnownNames() throws Exception {
        assertBadInput("notype.yaml", GOOD.replace("{type: minimax}", "minimax"))
                .hasMessageContaining("notype.yaml:6:1: loss: missing 'type'")
                .hasMessageContaining("known: minimax, non-saturating, wasserstein")
                .hasMessageContaining("loss: {type: minimax}");
        assertBadInput("notype2.yaml", GOOD.replace("{type: test-disc}", "{hidden: [3]}"))
                .hasMessageContaining("notype2.yaml:5:1: discriminator: missing 'type'")
                .hasMessageContaining("known: test-disc");
    }

    @Test
    void duplicateKeyIsRefused() throws Exception {
        assertBadInput("dup.yaml", GOOD + "seed: 1\nseed: 2\n")
                .hasMessageContaining("dup.yaml:8:")
                .hasMessageContaining("'seed' appears twice");
    }

    @Test
    void unsetVariableWithoutDefaultIsAnError() throws Exception {
        assertBadInput("env.yaml", "name: x\ndata: {type: test-data, path: ${NOPE}}\n")
                .hasMessageContaining("env.yaml:2:31: the environment variable NOPE is not set")
                .hasMessageContaining("${NOPE:-value}");
    }

    @Test
    void variableDefaultsApply() throws Exception {
        Path file = write("env.yaml", GOOD);
        RunConfig config = ConfigReader.read(file, registry, Map.<String, String>of()::get);
        assertThat(config.data()).isEqualTo(new TestComponents.TestData("data/d"));
    }

    @Test
    void missingFileAndWrongExtension() throws Exception {
        Path absent = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> ConfigReader.read(absent, registry))
                .isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith(absent + ": no such config file");
        assertBadInput("config.txt", GOOD).hasMessageContaining("Name the file *.yaml, *.yml or *.json");
        assertBadInput("empty.yml", "# nothing yet\n").hasMessageContaining("the config file is empty");
    }

    @Test
    void suggestionsAreTyposOrUniqueAbbreviations() {
        var losses = java.util.List.of("minimax", "non-saturating", "wasserstein");
        assertThat(ConfigErrors.suggest("wasserstien", losses)).contains("wasserstein");
        assertThat(ConfigErrors.suggest("Minimax", losses)).contains("minimax");
        assertThat(ConfigErrors.suggest("hinge", losses)).isEmpty();
        assertThat(ConfigErrors.suggest("non", losses)).contains("non-saturating");
        assertThat(ConfigErrors.suggest("ge", java.util.List.of("generator"))).isEmpty();
    }

    @Test
    void pluginsDirectoryIsReadWithoutTheRegistry() throws Exception {
        Path file = write("p.yaml", "plugins: my-plugins\nloss: {type: not-loaded-yet}\n");
        assertThat(ConfigReader.pluginsDirectory(file)).contains(Path.of("my-plugins"));
        assertThat(ConfigReader.pluginsDirectory(write("q.yaml", GOOD))).isEmpty();
    }

    // ---- issue 12: the edges of the format ----

    @Test
    void anEnvironmentVariableWhoseValueRefersToItselfIsNamed() throws Exception {
        Path file = write("loop.yaml", GOOD.replace("${DATA:-data}", "${LOOP}"));
        assertThatThrownBy(() -> ConfigReader.read(file, registry, Map.of("LOOP", "x${LOOP}")::get))
                .isInstanceOfSatisfying(Gan4jException.class, e -> assertThat(e.getMessage())
                        .startsWith(file + ":1:").contains("LOOP", "refers to itself").doesNotContain("\n", "generator:"));
    }

    @Test
    void yamlAliasesAreRefusedWhereTheyAreUsed() throws Exception {
        assertBadInput("alias.yaml", """
                data: {type: test-data, path: d}
                generator: {type: test-gen, hidden: &w [4, 5]}
                discriminator: {type: test-disc, hidden: *w}
                loss: {type: minimax}
                """).hasMessageContaining("alias.yaml:3:").hasMessageContaining("alias *w").hasMessageContaining("write the value out");
    }

    @Test
    void aConfigNestedTooDeeplySaysSoWithALine() throws Exception {
        String deep = "[".repeat(3000) + "]".repeat(3000);
        assertBadInput("deep.yaml", "data: {type: test-data, path: d}\nloss: " + deep + "\n")
                .hasMessageContaining("deep.yaml:2").hasMessageContaining("nested").satisfies(e -> assertThat(e.getMessage()).doesNotContain("StreamReadConstraints", "getMax"));
        assertBadInput("deep.json", "{\"loss\": " + deep + "}")
                .hasMessageContaining("deep.json:1").hasMessageContaining("nested").satisfies(e -> assertThat(e.getMessage()).doesNotContain("StreamReadConstraints", "getMax"));
    }

    @Test
    void aConfigFileTooLargeToBeAConfigIsRefusedBeforeParsing() throws Exception {
        String big = GOOD + "# " + "x".repeat(ConfigReader.MAX_BYTES) + "\n";
        assertBadInput("big.yaml", big).hasMessageContaining("too large (limit 1 MB)").hasMessageContaining("holds " + big.length() + " bytes");
    }

    @Test
    void aRunNameThatIsNotOneFolderNameIsRefusedAtTheField() throws Exception {
        assertBadInput("escape.yaml", "name: ../../elsewhere\n" + GOOD).hasMessageContaining("escape.yaml:1:")
                .hasMessageContaining("name").hasMessageContaining("path separator '/'");
        assertBadInput("absolute.yaml", "name: /tmp/somewhere\n" + GOOD).hasMessageContaining("path separator");
        assertBadInput("dots.yaml", "name: ..\n" + GOOD).hasMessageContaining("'..'");
        assertBadInput("control.yaml", "name: \"a\\tb\"\n" + GOOD).hasMessageContaining("control character U+0009");
        assertBadInput("long.yaml", "name: " + "é".repeat(101) + "\n" + GOOD).hasMessageContaining("202 bytes");
        Path longFile = write("x".repeat(201) + ".yaml", GOOD);
        assertThatThrownBy(() -> ConfigReader.read(longFile, registry, Map.<String, String>of()::get))
                .hasMessageContaining("named after the file").hasMessageContaining("Add a name");
    }
}

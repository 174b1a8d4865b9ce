package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gan4j.cli.CliRun.run;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.api.Gan4jException;
import org.gan4j.cli.common.CommonOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    // Line numbers in the assertions refer to this text.
    static final String GOOD = """
            data: {type: test-data, path: data/d}
            generator:
              type: test-gen
              latentSize: 16
            discriminator: {type: test-disc}
            loss: {type: test-loss}
            schedule:
              type: alternating
              epochs: 2
            """;

    @TempDir
    Path dir;



    private String config(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void versionNamesGan4jJavaAndNd4j() {
        CliRun.Result r = run("--version");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("gan4j 0.1.0-SNAPSHOT", "Java " + System.getProperty("java.version"), "ND4J 1.0.0-M2.1");
    }

    @Test
    void helpListsTheCommands() {
        CliRun.Result r = run("--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("train", "sample", "plugins", "validate");
    }

    @Test
    void withoutACommandItPrintsUsageAndFails() {
        CliRun.Result r = run();

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Missing command", "Usage: gan4j");
        // The first line names every subcommand there is.
        String firstLine = r.err().lines().findFirst().orElseThrow();
        assertThat(new picocli.CommandLine(new Gan4jCommand()).getSubcommands().keySet())
                .hasSize(8).allSatisfy(command -> assertThat(firstLine).contains(command));
    }

    @Test
    void pluginsListsComponentsByKindWithSourcesAndDefaults() {
        CliRun.Result r = run("plugins");

        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).containsSubsequence("dataset\n", "generator\n", "discriminator\n", "loss\n", "schedule\n", "optimizer\n");
        assertThat(out).containsPattern("test-loss +\\[target/test-classes\\] +test loss \\(cannot compute\\)");
        assertThat(out).containsPattern("test-data +\\[target/test-classes\\] +test data");
        assertThat(out).containsPattern("path = \\(required\\) +where the data is");
        assertThat(out).containsPattern("latentSize = 8 +latent vector length");
        assertThat(out).containsPattern("adam +\\[.*gan-core.*\\] +Adam: adaptive moments");
        assertThat(out).containsPattern("lr = 2\\.0E-4 +learning rate");
        assertThat(out).containsPattern("alternating +\\[.*\\] +alternating: k discriminator steps");
        assertThat(out).containsPattern("batchSize = 64 +samples per batch");
    }

    @Test
    void pluginsQuietListsNamesOnly() {
        CliRun.Result r = run("plugins", "--quiet");

        assertThat(r.out()).contains("test-loss").doesNotContain("lr = ");
    }

    @Test
    void validatePrintsTheResolvedConfig() throws Exception {
        CliRun.Result r = run("validate", config("good.yaml", GOOD));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("name: good", "seed: 42", "type: test-gen", "latentSize: 16", "type: alternating",
                "discriminatorSteps: 1", "epochs: 2", "batchSize: 64", "type: adam", "lr: 2.0E-4", "beta1: 0.5",
                "dir: runs");
    }

    @Test
    void validateExplainsAMisspelledField() throws Exception {
        String file = config("typo.yaml", GOOD.replace("latentSize: 16", "latentSise: 16"));

        CliRun.Result r = run("validate", file);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(file + ":4:3: generator.latentSise: unknown field 'latentSise' in generator 'test-gen'")
                .contains("Valid fields: latentSize", "Did you mean 'latentSize'?")
                .doesNotContain("\tat ", "Exception");
        assertThat(r.err().strip()).doesNotContain("\n");
    }

    @Test
    void validateExplainsANegativeBatchSize() throws Exception {
        String file = config("neg.yaml", GOOD + "  batchSize: -8\n");

        CliRun.Result r = run("validate", file);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith(file + ":10:3: schedule.batchSize: must be positive, got -8")
                .doesNotContain("\tat ");
    }

    @Test
    void validateExplainsAnUnknownLoss() throws Exception {
        String file = config("loss.yaml", GOOD.replace("test-loss", "test-los"));

        CliRun.Result r = run("validate", file);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith(file + ":6:8: loss.type: unknown loss 'test-los' at loss.type; known: ")
                .contains("test-loss", "Did you mean 'test-loss'?")
                .doesNotContain("\tat ");
    }

    @Test
    void verbosePrintsTheStackTrace() throws Exception {
        String file = config("loss.yaml", GOOD.replace("test-loss", "test-los"));

        CliRun.Result r = run("validate", "--verbose", file);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown loss 'test-los'", Gan4jException.class.getName(), "\tat org.gan4j.core.config.ConfigReader",
                "Caused by: com.fasterxml.jackson.databind.exc.InvalidTypeIdException");
    }

    @Test
    void quietValidatePrintsNothingOnSuccess() throws Exception {
        CliRun.Result r = run("validate", "-q", config("good.yaml", GOOD));

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingConfigFileAndMissingPluginsDirectoryAreBadInput() throws Exception {
        CliRun.Result missing = run("validate", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: no such config file");

        CliRun.Result plugins = run("plugins", "--plugins", dir.resolve("no-plugins").toString());
        assertThat(plugins.code()).isEqualTo(2);
        assertThat(plugins.err()).contains("The plugins directory " + dir.resolve("no-plugins") + " does not exist");

        CliRun.Result fromConfig = run("validate", config("p.yaml", GOOD + "plugins: " + dir.resolve("gone") + "\n"));
        assertThat(fromConfig.code()).isEqualTo(2);
        assertThat(fromConfig.err()).contains("The plugins directory " + dir.resolve("gone") + " does not exist");
    }

    @Test
    void anEmptyPluginsDirectoryIsFine() throws Exception {
        CliRun.Result r = run("plugins", "--plugins", Files.createDirectories(dir.resolve("empty")).toString(), "-q");

        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void commandLineMistakesExit2WithAPointerToHelp() {
        CliRun.Result unknown = run("validate", "--frobnicate", "x.yaml");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'", "See gan4j validate --help.");

        CliRun.Result badNumber = run("train", "x.yaml", "--threads", "many");
        assertThat(badNumber.code()).isEqualTo(2);
        assertThat(badNumber.err()).contains("--threads", "many", "See gan4j train --help.");

        CliRun.Result missingArg = run("sample");
        assertThat(missingArg.code()).isEqualTo(2);
        assertThat(missingArg.err()).contains("RUN_DIR");
    }

    @Test
    void trainAndSampleParseTheirOptionsAndExplainMissingInputs() throws Exception {
        CliRun.Result train = run("train", dir.resolve("absent.yaml").toString(), "--overwrite", "--max-iterations", "3");
        assertThat(train.code()).isEqualTo(2);
        assertThat(train.err()).contains("absent.yaml").doesNotContain("\tat ");

        CliRun.Result sample = run("sample", dir.toString(), "-n", "16", "-o", dir.resolve("grid.png").toString());
        assertThat(sample.code()).isEqualTo(2);
        assertThat(sample.err()).contains(dir.toString()).contains("generator.zip");

        CliRun.Result badCount = run("sample", dir.toString(), "-n", "0");
        assertThat(badCount.code()).isEqualTo(2);
        assertThat(badCount.err()).contains("--count must be positive");
    }

    @Test
    void unexpectedErrorsAreInternalErrors() {
        StringWriter quiet = new StringWriter();
        assertThat(Main.report(new IllegalStateException("boom"), false, new PrintWriter(quiet))).isEqualTo(1);
        assertThat(quiet.toString()).isEqualTo("internal error: java.lang.IllegalStateException: boom"
                + " (run with --verbose for the stack trace)" + System.lineSeparator());

        StringWriter verbose = new StringWriter();
        assertThat(Main.report(new IllegalStateException("boom"), true, new PrintWriter(verbose))).isEqualTo(1);
        assertThat(verbose.toString()).contains("internal error: java.lang.IllegalStateException: boom", "\tat org.gan4j.cli.MainTest");
    }

    @Test
    void defaultPluginsDirectoryIsBesideTheModules() {
        // Tests run in gan-cli/ with classes in gan-cli/target/classes: the default is <repository>/plugins.
        assertThat(CommonOptions.defaultPluginsDirectory())
                .contains(Path.of("").toAbsolutePath().getParent().resolve("plugins"));
    }
}

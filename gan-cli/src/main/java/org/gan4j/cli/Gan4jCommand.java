package org.gan4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code gan4j} command; without a subcommand it prints its usage and exits 2. */
@Command(name = "gan4j", mixinStandardHelpOptions = true, versionProvider = Gan4jCommand.Versions.class,
        description = "Train generative adversarial networks on the JVM and compare their variants.",
        subcommands = {TrainCommand.class, CompareCommand.class, SampleCommand.class, ExportCommand.class, ServeCommand.class,
                PluginsCommand.class, ValidateCommand.class,
                org.gan4j.cli.bench.BenchCommand.class})
public final class Gan4jCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing command: say what to do (train, compare, sample, export, serve, plugins, validate or bench).");
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }

    /** gan4j's, Java's and ND4J's versions, without starting ND4J. */
    static final class Versions implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                    "gan4j " + gan4jVersion(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")",
                    "ND4J " + property("META-INF/maven/org.nd4j/nd4j-api/pom.properties", "version")};
        }
    }

    /** The version of gan4j, from the build. */
    public static String gan4jVersion() {
        return property("org/gan4j/cli/version.properties", "version");
    }

    private static String property(String resource, String key) {
        try (InputStream in = Gan4jCommand.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gan4j.cli.CliRun.run;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gan4j serve}'s options and refusals (serving itself: gan-dashboard's tests). */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void byDefaultItServesRunsOnLoopbackOnly() {
        CommandLine cmd = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        CommandLine.ParseResult parsed = cmd.parseArgs("serve");
        ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(serve.host).isEqualTo("127.0.0.1");
        assertThat(serve.port).isEqualTo(8080);
        assertThat(serve.directory).isEqualTo(Path.of("runs"));
    }

    @Test
    void aMissingDirectoryOrABadPortIsExitCode2WithAMessage() {
        CliRun.Result missing = run("serve", dir.resolve("nope").toString(), "--port", "0");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope", "no such directory");
        CliRun.Result port = run("serve", dir.toString(), "--port", "70000");
        assertThat(port.code()).isEqualTo(2);
        assertThat(port.err()).contains("--port");
    }
}

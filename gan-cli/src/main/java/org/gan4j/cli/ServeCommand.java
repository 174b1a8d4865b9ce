package org.gan4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gan4j.cli.common.CommonOptions;
import org.gan4j.dashboard.Dashboard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gan4j serve [DIR]}: the read-only web dashboard of the runs and comparisons under DIR, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a read-only web dashboard of the runs and comparisons under DIR: live loss and D(x)/D(G(z)) curves "
                + "and the newest sample grid while a run trains, its manifest and metrics over time, and each comparison's report.",
                "Listens on 127.0.0.1 only unless --host says otherwise; stop it with Ctrl-C."})
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "runs",
            description = "The directory to serve (default: ${DEFAULT-VALUE}).")
    Path directory;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 shows the runs to your network).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be 0-65535, got " + port + ".");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (Dashboard dashboard = Dashboard.start(directory, host, port)) {
            Thread hook = new Thread(() -> {
                dashboard.close();
                stopped.countDown();
            }, "gan4j-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            String shownHost = host.contains(":") ? "[" + host + "]" : host;
            spec.commandLine().getOut().println("Serving " + directory + " at http://" + shownHost + ":" + dashboard.port()
                    + "/ (read-only; Ctrl-C to stop)");
            spec.commandLine().getOut().flush();
            stopped.await();
        }
        return 0;
    }
}

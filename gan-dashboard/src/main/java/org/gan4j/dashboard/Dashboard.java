package org.gan4j.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gan4j.api.Gan4jException;
import org.gan4j.core.train.output.ManifestWriter;
import org.gan4j.core.train.output.MetricsCsvWriter;

/**
 * The {@code gan4j serve} web server: read-only pages over the runs and comparisons under one
 * directory. Every route is a GET (or HEAD); every path a request names goes through
 * {@link SafePaths}, so nothing outside the directory, hidden, or reached by a symbolic link out of
 * it is ever read (400 for malformed paths, 404 for the rest), and nothing is ever written.
 *
 * <ul>
 * <li>{@code /}: the runs (status, progress) and comparisons;</li>
 * <li>{@code /run/<path>}: a run: live loss and D(x)/D(G(z)) curves, the newest sample grid, the
 *     metrics over time, the manifest;</li>
 * <li>{@code /api/run/<path>?from=<offset>}: what the run page polls: status, iteration, the
 *     metrics rows written since byte {@code offset}, the newest grid, the evaluations;</li>
 * <li>{@code /files/<path>}: a file under the directory (PNG, GIF, HTML, JSON, CSV, YAML, text),
 *     e.g. a comparison's {@code report.html} and the pictures it links to;</li>
 * <li>{@code /static/<name>}: the page's script, style sheet and uPlot.</li>
 * </ul>
 */
public final class Dashboard implements AutoCloseable {

    /** The page polls this often while a run trains. */
    public static final int POLL_MILLIS = 2000;

    private static final Map<String, String> FILE_TYPES = Map.of("png", "image/png", "gif", "image/gif",
            "html", "text/html; charset=utf-8", "json", "application/json", "csv", "text/csv; charset=utf-8",
            "yaml", "text/plain; charset=utf-8", "yml", "text/plain; charset=utf-8", "txt", "text/plain; charset=utf-8");
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, String[]> STATIC = Map.of(
            "dashboard.js", new String[] {"/org/gan4j/dashboard/static/dashboard.js", "text/javascript; charset=utf-8"},
            "dashboard.css", new String[] {"/org/gan4j/dashboard/static/dashboard.css", "text/css; charset=utf-8"},
            "uPlot.iife.min.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
            "uPlot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"});
    /** Pages may load their own scripts, styles and images only; the report's inline styles are allowed. */
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Dashboard.class.getClassLoader(), Dashboard.class.getPackageName());

    private final SafePaths paths;
    private final String shownRoot;
    private final int pollMillis;
    private final Javalin app;

    private Dashboard(Path root, String host, int port, int pollMillis) {
        if (!Files.isDirectory(root)) {
            throw Gan4jException.badInput("Cannot serve " + root + ": no such directory. Give the directory that holds your runs, e.g. runs.");
        }
        this.paths = new SafePaths(root);
        this.shownRoot = root.toString();
        this.pollMillis = pollMillis;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.generateEtags = true;
            config.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Content-Security-Policy", CSP);
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("Cache-Control", "no-store");
            });
            config.routes.get("/", this::index);
            config.routes.get("/run/<path>", this::run);
            config.routes.get("/api/run/<path>", this::api);
            config.routes.get("/files/<path>", this::file);
            config.routes.get("/static/{name}", this::staticFile);
            config.routes.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).contentType("text/plain")
                    .result(HttpStatus.forStatus(e.getStatus()).getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType("text/plain")
                    .result("internal error"));
        });
    }

    /**
     * Starts serving {@code root} on {@code host:port} (port 0: any free port).
     *
     * @throws Gan4jException (bad input) when {@code root} is not a directory or the port cannot be bound
     */
    public static Dashboard start(Path root, String host, int port) {
        return start(root, host, port, POLL_MILLIS);
    }

    /** As {@link #start(Path, String, int)}, the run pages polling every {@code pollMillis}. */
    public static Dashboard start(Path root, String host, int port, int pollMillis) {
        Dashboard d = new Dashboard(root, host, port, pollMillis);
        try {
            d.app.start();
        } catch (RuntimeException e) {
            throw Gan4jException.badInput("Cannot serve on " + host + ":" + port + ": " + e.getMessage()
                    + ". Choose another --port (or --host).", e);
        }
        return d;
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void index(Context ctx) throws IOException {
        Catalog.Listing listing = Catalog.scan(paths);
        html(ctx, "index.jte", new Pages.Index(shownRoot, listing.runs(), listing.comparisons()));
    }

    private void run(Context ctx) {
        Path dir = runDirectory(ctx.pathParam("path"));
        String relative = paths.relative(dir);
        String manifest = LiveRun.manifest(dir).map(m -> {
            try {
                return JSON.writeValueAsString(m);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse("");
        long planned = LiveRun.manifest(dir).map(m -> m.path("plannedIterations").asLong(0)).orElse(0L);
        String grid = LiveRun.latestGrid(dir).map(g -> "/files/" + Pages.encode(paths.relative(g))).orElse(null);
        html(ctx, "run.jte", new Pages.Run(relative, LiveRun.status(dir), LiveRun.lastIteration(dir), planned, grid, manifest,
                LiveRun.evaluations(dir), pollMillis));
    }

    private void api(Context ctx) throws IOException {
        Path dir = runDirectory(ctx.pathParam("path"));
        long from;
        try {
            from = Long.parseLong(Optional.ofNullable(ctx.queryParam("from")).orElse("0"));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("from must be a byte offset");
        }
        List<double[]> rows = new ArrayList<>();
        long offset = LiveRun.metricsSince(dir, from, rows);
        ObjectNode out = COMPACT.createObjectNode();
        out.put("status", LiveRun.status(dir));
        out.put("iteration", rows.isEmpty() ? LiveRun.lastIteration(dir) : (long) rows.get(rows.size() - 1)[0]);
        out.put("offset", offset);
        Path metrics = dir.resolve(MetricsCsvWriter.FILE);
        out.put("more", Files.isRegularFile(metrics) && Files.size(metrics) - offset > LiveRun.MAX_CHUNK / 2);
        ArrayNode list = out.putArray("rows");
        for (double[] r : rows) {
            ArrayNode row = list.addArray();
            row.add((long) r[0]);
            for (int i : new int[] {2, 3, 4, 5}) {
                if (Double.isFinite(r[i])) {
                    row.add(r[i]);
                } else {
                    row.addNull();
                }
            }
        }
        Optional<Path> grid = LiveRun.latestGrid(dir);
        if (grid.isPresent()) {
            out.put("grid", "/files/" + Pages.encode(paths.relative(grid.get())));
            out.put("gridName", grid.get().getFileName().toString());
            out.put("gridVersion", Files.getLastModifiedTime(grid.get()).toMillis());
        }
        ArrayNode evaluations = out.putArray("evaluations");
        for (String[] row : LiveRun.evaluations(dir)) {
            ArrayNode r = evaluations.addArray();
            for (String cell : row) {
                r.add(cell);
            }
        }
        ctx.contentType("application/json").result(COMPACT.writeValueAsString(out));
    }

    private void file(Context ctx) throws IOException {
        String requested = ctx.pathParam("path");
        Path file = paths.resolve(requested);
        if (Files.isDirectory(file)) {
            if (isRun(file)) {
                ctx.redirect("/run/" + Pages.encode(paths.relative(file)));
                return;
            }
            throw new NotFoundResponse();
        }
        String name = file.getFileName().toString();
        String type = FILE_TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT));
        if (type == null || !Files.isRegularFile(file)) {
            throw new NotFoundResponse();
        }
        ctx.contentType(type).result(Files.readAllBytes(file));
    }

    private void staticFile(Context ctx) {
        String[] resource = STATIC.get(ctx.pathParam("name"));
        if (resource == null) {
            throw new NotFoundResponse();
        }
        try (InputStream in = Dashboard.class.getResourceAsStream(resource[0])) {
            if (in == null) {
                throw new NotFoundResponse();
            }
            ctx.contentType(resource[1]).header("Cache-Control", "max-age=3600").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run directory a request names, or 404. */
    private Path runDirectory(String requested) {
        Path dir = paths.resolve(requested);
        if (!Files.isDirectory(dir) || !isRun(dir)) {
            throw new NotFoundResponse();
        }
        return dir;
    }

    private static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(ManifestWriter.FILE)) || Files.isRegularFile(dir.resolve(MetricsCsvWriter.FILE));
    }

    private static void html(Context ctx, String template, Object page) {
        StringOutput out = new StringOutput();
        TEMPLATES.render(template, page, out);
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }
}

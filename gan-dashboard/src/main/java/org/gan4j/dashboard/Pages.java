package org.gan4j.dashboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** What the templates in {@code src/main/jte} show: every value ready to print (the templates escape it). */
public final class Pages {

    private Pages() {
    }

    /**
     * The index: runs and comparisons under the served directory.
     *
     * @param root        the served directory, as shown
     * @param runs        newest first
     * @param comparisons newest first
     */
    public record Index(String root, List<Catalog.Run> runs, List<Catalog.Comparison> comparisons) {
        public String runHref(Catalog.Run run) {
            return "/run/" + encode(run.path());
        }

        public String reportHref(Catalog.Comparison comparison) {
            return "/files/" + encode(comparison.reportPath());
        }
    }

    /**
     * One run's page; the numbers here are as of loading, the page's script keeps them current.
     *
     * @param path        the run directory relative to the served one
     * @param status      the manifest's status
     * @param iterations  iterations done
     * @param planned     planned iterations (0 when unknown)
     * @param gridHref    the newest sample grid, null when there is none yet
     * @param manifest    the manifest as indented JSON, "" when there is none
     * @param evaluations rows of metrics-eval.csv: epoch, iteration, metric, value name, value
     * @param pollMillis  how often the page asks for news
     */
    public record Run(String path, String status, long iterations, long planned, String gridHref, String manifest,
                      List<String[]> evaluations, int pollMillis) {
        public String apiHref() {
            return "/api/run/" + encode(path);
        }
    }

    /** A {@code /}-separated relative path with each segment percent-encoded for a URL path. */
    static String encode(String relativePath) {
        StringBuilder s = new StringBuilder();
        for (String segment : relativePath.split("/", -1)) {
            if (s.length() > 0) {
                s.append('/');
            }
            try {
                s.append(new URI(null, null, segment, null).getRawPath().replace(",", "%2C").replace("=", "%3D")
                        .replace(";", "%3B").replace("?", "%3F"));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return s.toString();
    }
}

package org.gan4j.core.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryReportTest {

    @TempDir
    Path dir;

    /** Three losses x {@code values.length} seeds with the given final mode counts and KLs. */
    private Summary summary(double[][] modes, double[][] kl) throws IOException {
        String[] losses = {"minimax", "non-saturating", "wasserstein"};
        Experiment e = new Experiment(dir.resolve("exp.yaml"), "exp", new ObjectMapper().createObjectNode(),
                Map.of(), List.of("seed"), null, "runs");
        List<CellResult> results = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            for (int s = 0; s < modes[l].length; s++) {
                Map<String, JsonNode> a = new LinkedHashMap<>();
                a.put("loss.type", TextNode.valueOf(losses[l]));
                a.put("seed", IntNode.valueOf(s + 1));
                Cell cell = new Cell(Grid.name(a, List.of()), Grid.name(a, List.of("seed")), a, null, null);
                Path cellDir = dir.resolve("cells").resolve(cell.name());
                Files.createDirectories(cellDir.resolve("samples"));
                ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", cellDir.resolve("samples/final.png").toFile());
                Map<String, Double> finals = new LinkedHashMap<>();
                finals.put("mode-coverage.modes", modes[l][s]);
                finals.put("mode-coverage.kl", kl[l][s]);
                Map<String, List<double[]>> overTime = Map.of("mode-coverage.modes",
                        List.of(new double[] {0, 0}, new double[] {1, modes[l][s]}));
                List<double[]> losses2 = List.of(new double[] {1, 1.0, 0.7, 0.5, 0.1}, new double[] {2, 0.9, 0.8, 0.5, 0.1});
                results.add(new CellResult(cell, cellDir, "completed", 1.5, finals, overTime, losses2,
                        l == 2 && s == 0 ? List.of("mode collapse") : List.of()));
            }
        }
        return Summary.of(e, results, (metric, value) -> !value.equals("kl"));
    }

    @Test
    void meanAndSampleStdOverSeedsAndRanking() throws IOException {
        Summary s = summary(new double[][] {{1, 2, 3, 4}, {8, 8, 8, 8}, {5, 6, 7, 2}}, new double[][] {{1, 1, 1, 1}, {0, 0, 0, 0}, {1, 1, 1, 1}});
        assertThat(s.rankBy()).isEqualTo("mode-coverage.modes");
        assertThat(s.variants()).extracting(Summary.Variant::name)
                .containsExactly("loss.type=non-saturating", "loss.type=wasserstein", "loss.type=minimax");
        Stat minimax = s.variants().get(2).stats().get("mode-coverage.modes");
        assertThat(minimax.mean()).isEqualTo(2.5);
        assertThat(minimax.std()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12)); // n - 1 in the denominator
        assertThat(minimax.n()).isEqualTo(4);
        assertThat(s.variants().get(0).stats().get("mode-coverage.modes").std()).isZero();
        assertThat(s.variants().get(1).flags()).containsEntry("mode collapse", 1);
        assertThat(Stat.of(List.of(3.0)).std()).isZero();
        assertThat(Stat.of(List.of(Double.NaN, 1.0, 3.0)).mean()).isEqualTo(2.0);
    }

    @Test
    void aTieOnTheRankedValueIsBrokenByTheNextValueInItsDirection() throws IOException {
        // Equal modes for all three; kl (lower is better) decides, whatever the grid's order.
        Summary s = summary(new double[][] {{8}, {8}, {8}}, new double[][] {{0.5}, {0.1}, {0.3}});
        assertThat(s.variants()).extracting(Summary.Variant::name)
                .containsExactly("loss.type=non-saturating", "loss.type=wasserstein", "loss.type=minimax");
        assertThat(s.variants()).extracting(Summary.Variant::rank).containsExactly(1, 2, 3);
    }

    @Test
    void variantsEqualInEveryValueShareTheirRank() throws IOException {
        Summary s = summary(new double[][] {{8}, {6}, {8}}, new double[][] {{0.2}, {0.1}, {0.2}});
        assertThat(s.variants()).extracting(Summary.Variant::name)
                .containsExactly("loss.type=minimax", "loss.type=wasserstein", "loss.type=non-saturating");
        assertThat(s.variants()).extracting(Summary.Variant::rank).containsExactly(1, 1, 3);
    }

    @Test
    void valuesKeepThreeSignificantDigitsButWholeThousandsStayReadable() {
        assertThat(new Stat(5.5, 0.7071, 2).text()).isEqualTo("5.500 ± 0.707");
        assertThat(new Stat(1083.4, 92.89, 3).text()).isEqualTo("1,083 ± 92.89");
        assertThat(new Stat(2.5e7, 0.004, 3).text()).isEqualTo("2.50e+07 ± 0.00400");
        assertThat(new Stat(0, 0, 0).text()).isEqualTo("–");
    }

    @Test
    void lowerIsBetterRanksAscending() throws IOException {
        Summary s = summary(new double[][] {{1}, {2}, {3}}, new double[][] {{0.5}, {0.9}, {0.1}});
        Experiment byKl = new Experiment(s.experiment().file(), "exp", s.experiment().base(), Map.of(), List.of("seed"),
                "mode-coverage.kl", "runs");
        List<CellResult> cells = s.variants().stream().flatMap(v -> v.cells().stream()).toList();
        Summary ranked = Summary.of(byKl, cells, (metric, value) -> !value.equals("kl"));
        assertThat(ranked.variants()).extracting(Summary.Variant::name)
                .containsExactly("loss.type=wasserstein", "loss.type=minimax", "loss.type=non-saturating");
    }

    @Test
    void reportHasTheRankedTableImagesAndSummaryFiles() throws IOException {
        Summary s = summary(new double[][] {{1, 2}, {8, 7}, {5, 6}}, new double[][] {{1, 1}, {0, 0.1}, {1, 1}});
        s.write(dir);
        String html = Files.readString(Report.write(s, dir));
        List<String> rows = rowsOf(html, "ranking");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).contains("<td>1</td>", "loss.type=non-saturating", "7.500 ± 0.707");
        assertThat(rows.get(1)).contains("loss.type=wasserstein", "5.500 ± 0.707", "mode collapse 1/2");
        assertThat(rows.get(2)).contains("loss.type=minimax", "1.500 ± 0.707");
        // every sample image link points at an existing file
        Matcher img = Pattern.compile("<img class=\"sample\"[^>]*src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            String path = java.net.URLDecoder.decode(img.group(1).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(dir.resolve(path)).isRegularFile();
            images++;
        }
        assertThat(images).isEqualTo(6);
        assertThat(html).contains("data:image/png;base64,iVBORw0KGgo"); // XChart plots embedded
        assertThat(html).doesNotContain("http://", "https://", "<script");
        List<String> csv = Files.readAllLines(dir.resolve(Summary.CSV));
        assertThat(csv.get(0)).isEqualTo("rank,variant,cells,completed,mode-coverage.modes_mean,mode-coverage.modes_std,"
                + "mode-coverage.kl_mean,mode-coverage.kl_std,flags");
        assertThat(csv.get(1)).startsWith("1,loss.type=non-saturating,2,2,7.50000,0.707107,0.0500000,0.0707107,");
        JsonNode json = new ObjectMapper().readTree(dir.resolve(Summary.JSON).toFile());
        assertThat(json.path("variants").get(2).path("metrics").path("mode-coverage.modes").path("mean").asDouble()).isEqualTo(1.5);
    }

    /** Every value the page shows is escaped by the templates: a name cannot inject markup. */
    @Test
    void namesAndLinksAreEscapedAsHtml() throws IOException {
        Summary s = summary(new double[][] {{1}, {2}, {3}}, new double[][] {{1}, {1}, {1}});
        Experiment evil = new Experiment(dir.resolve("e&v<i>l.yaml"), "<script>alert(1)</script>", s.experiment().base(),
                Map.of(), List.of("seed"), null, "runs");
        List<CellResult> cells = s.variants().stream().flatMap(v -> v.cells().stream()).toList();
        String html = Files.readString(Report.write(Summary.of(evil, cells, (m, v) -> true), dir));
        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("e&amp;v&lt;i&gt;l.yaml");
        assertThat(html).contains("<table id=\"ranking\">", "<table id=\"runs\">", "<h2>Final samples</h2>", "<h2>Loss curves</h2>");
    }

    /** Loads the page in headless Chromium (skipped when it is not installed): the table and images render. */
    @Test
    void chromiumLoadsTheReportWithTableAndImages() throws Exception {
        String chromium = findChromium();
        Assumptions.assumeTrue(chromium != null, "chromium is not installed");
        Summary s = summary(new double[][] {{1, 2}, {8, 7}, {5, 6}}, new double[][] {{1, 1}, {0, 0.1}, {1, 1}});
        s.write(dir);
        Path page = Report.write(s, dir);
        // the DOM after loading: rendered from disk, with the image elements in place
        String dom = run(chromium, "--dump-dom", page.toUri().toString());
        assertThat(rowsOf(dom, "ranking")).hasSize(3);
        assertThat(dom).contains("loss.type=non-saturating").contains("class=\"sample\"").contains("data:image/png;base64");
        // a screenshot: the page is drawn (not blank) — an image that failed to load would not change that, so
        // also check that every image decoded, with a page that lists the broken ones in its title
        Path shot = dir.resolve("shot.png");
        run(chromium, "--screenshot=" + shot, "--window-size=1200,1600", page.toUri().toString());
        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        Path probe = dir.resolve("probe.html");
        Files.writeString(probe, "<html><body><iframe id=f src=\"" + Report.FILE + "\" width=1000 height=1000></iframe><script>"
                + "document.getElementById('f').onload=function(){var d=this.contentDocument;var bad=[];"
                + "for(const i of d.images){if(!(i.complete&&i.naturalWidth>0))bad.push(i.alt);}"
                + "document.body.setAttribute('data-images',d.images.length);document.body.setAttribute('data-broken',bad.join('|'));};"
                + "</script></body></html>");
        String probed = run(chromium, "--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom", probe.toUri().toString());
        assertThat(probed).contains("data-broken=\"\"").containsPattern("data-images=\"(\\d{2,})\"");
    }

    private static List<String> rowsOf(String html, String tableId) {
        int start = html.indexOf("<table id=\"" + tableId + "\"");
        String table = html.substring(start, html.indexOf("</table>", start));
        String body = table.substring(table.indexOf("<tbody>"));
        List<String> rows = new ArrayList<>();
        Matcher m = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(body);
        while (m.find()) {
            rows.add(m.group(1));
        }
        return rows;
    }

    static String findChromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    private String run(String chromium, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--user-data-dir=" + dir.resolve("chromium-profile")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("chromium.err").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("chromium.err"))).isZero();
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }
}

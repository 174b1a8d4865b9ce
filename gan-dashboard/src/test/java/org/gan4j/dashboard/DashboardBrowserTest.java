package org.gan4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.gan4j.embed.Gan4j;
import org.gan4j.embed.TrainedRun;
import org.gan4j.embed.TrainingSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser while a run trains: headless Chromium, driven by Selenium through
 * Debian's chromedriver (skipped when {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is
 * missing: {@code apt-get install chromium chromium-driver}), opens the run's page during a short
 * training (the ring dataset, so no data files are needed) and sees the iteration count and the
 * sample grid change, and the curves drawn. Screenshots go to {@code target/dashboard-screenshots/}
 * (docs/images/dashboard-*.png are taken from them).
 */
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void aRunsPageUpdatesItsIterationAndGridWhileItTrains() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "no chromium and chromedriver");
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Gan4j gan = Gan4j.create();
        var config = gan.newRun("ring-live")
                .seed(5)
                .data("ring", Map.of("size", 3200))
                .generator("mlp", Map.of("latentSize", 8, "hidden", List.of(128, 128), "output", "linear", "dropout", 0))
                .discriminator("mlp", Map.of("hidden", List.of(128, 128)))
                .loss("non-saturating")
                .schedule("alternating", Map.of("iterations", 1000, "batchSize", 64))
                .output(Map.of("sampleEvery", 1, "sampleCount", 256, "logEvery", 100))
                .build();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread training = new Thread(() -> {
            try {
                outcome.set(gan.train(config, TrainingSettings.defaults().withOutputRoot(runs)));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        }, "training");
        Path shots = Files.createDirectories(Path.of("target", "dashboard-screenshots"));
        try (Dashboard dashboard = Dashboard.start(runs, "127.0.0.1", 0, 300)) {
            training.start();
            Path metrics = runs.resolve("ring-live/metrics.csv");
            for (int i = 0; i < 600 && !(Files.isRegularFile(metrics) && Files.size(metrics) > 200); i++) {
                Thread.sleep(50);
            }
            WebDriver browser = browser();
            try {
                browser.get("http://127.0.0.1:" + dashboard.port() + "/run/ring-live");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                wait.until(b -> iteration(b) > 0 && !grid(b).isEmpty());
                long firstIteration = iteration(browser);
                String firstGrid = grid(browser);
                Files.write(shots.resolve("dashboard-run-early.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

                wait.until(b -> iteration(b) > firstIteration && !grid(b).equals(firstGrid));
                assertThat(browser.findElements(By.cssSelector("#losses canvas"))).isNotEmpty();
                assertThat(browser.findElement(By.id("status")).getText()).isIn("running", "completed");

                training.join(600_000); // minutes on a machine shared by several builds
                wait.until(b -> b.findElement(By.id("status")).getText().equals("completed")
                        && iteration(b) == 1000 && grid(b).contains("final.png"));
                Files.write(shots.resolve("dashboard-run-final.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

                browser.get("http://127.0.0.1:" + dashboard.port() + "/");
                assertThat(browser.findElement(By.id("runs")).getText()).contains("ring-live", "completed", "1,000 / 1,000");
                Files.write(shots.resolve("dashboard-index.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        } finally {
            training.join(600_000);
        }
        assertThat(outcome.get()).isInstanceOf(TrainedRun.class);
    }

    private WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags that work on these machines (see the comparison report's test): no sandbox as root, no
        // background networking (the machine's closed network would refuse it, many times a second).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--window-size=1280,1100",
                "--user-data-dir=" + dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(dir.resolve("chromedriver.log").toFile()).build();
        return new ChromeDriver(service, options);
    }

    private static long iteration(WebDriver b) {
        String text = b.findElement(By.id("iteration")).getText().replace(",", "").trim();
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    private static String grid(WebDriver b) {
        String src = b.findElement(By.id("grid")).getAttribute("src");
        return src == null ? "" : src;
    }
}

package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;
import com.livechain.api.push.PushBroadcaster;

/**
 * The page in a real browser: Debian's Chromium, headless, driven through chromedriver, against the
 * whole app fed by the embedded Dhan simulator (REST, scrip master and binary feed on loopback). It
 * loads {@code /}, must render the NIFTY chain and then show a price change pushed over the socket.
 * Chromium and chromedriver are found on {@code PATH} (then {@code /usr/bin}, {@code /usr/lib/chromium}); without
 * them the test fails, it never skips.
 *
 * <p>{@code -Dlivechain.screenshot=docs/chain-page.png} also saves a screenshot of the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Seeded, so the screenshot shows the same market every time.
        properties = {"livechain.mode=simulated", "livechain.simulator.seed=42", "livechain.underlyings=NIFTY,BANKNIFTY"})
class ChainPageBrowserTest {

    /** Where Debian and most distributions put them, after {@code PATH}. */
    private static final List<String> USUAL_DIRECTORIES = List.of("/usr/bin", "/usr/lib/chromium");

    private static ChromeDriverService service;
    private static WebDriver browser;
    private static Path profile;

    @LocalServerPort
    int port;

    @Autowired
    PushBroadcaster broadcaster;

    @BeforeAll
    static void startChromium() throws IOException {
        // Never skipped: a browser test that quietly does not run proves nothing, in CI or on a laptop.
        Path chromium = find("livechain.chromium", "chromium", "chromium-browser");
        Path chromedriver = find("webdriver.chrome.driver", "chromedriver");
        if (chromium == null || chromedriver == null) {
            fail("The browser test needs Chromium and chromedriver, looked for on PATH and in " + USUAL_DIRECTORIES
                    + " (or set -Dlivechain.chromium and -Dwebdriver.chrome.driver): "
                    + (chromium == null ? "no chromium" : "chromium at " + chromium) + ", "
                    + (chromedriver == null ? "no chromedriver" : "chromedriver at " + chromedriver) + ". "
                    + (System.getenv("CI") != null ? "CI is set: .ci/run installs them; check that it did. "
                            : "Install them (Debian: apt-get install chromium chromium-driver) or run .ci/run."));
        }
        // Point Selenium at these binaries so Selenium Manager never tries to download a driver.
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        profile = Files.createTempDirectory("livechain-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // No internet here: without the background-networking switches Chromium stalls on refused connections.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1440,900", "--force-device-scale-factor=1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void pageRendersTheNiftyChainAndFlashesPushedPrices() throws IOException {
        browser.get("http://127.0.0.1:" + port + "/?underlying=NIFTY");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(b -> "live".equals(js("return document.body.dataset.status")));
        wait.until(b -> b.findElements(By.cssSelector("#rows tr")).size() >= 20);
        // The nearest expiry is seeded from the option-chain snapshot, then the feed moves it.
        wait.until(b -> !b.findElements(By.cssSelector("#rows tr.atm td.ce.ltp")).isEmpty()
                && b.findElement(By.cssSelector("#rows tr.atm td.ce.ltp")).getText().matches("[0-9,]+\\.[0-9]{2}"));

        assertThat(browser.findElement(By.id("spot-symbol")).getText()).isEqualTo("NIFTY");
        assertThat(browser.findElement(By.id("source-badge")).getText()).isEqualTo("SIMULATED");
        assertThat(browser.findElement(By.id("underlying")).getDomProperty("value")).isEqualTo("NIFTY");
        assertThat(browser.findElements(By.cssSelector("#rows tr.atm"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#rows tr.ce-itm"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#rows tr.pe-itm"))).isNotEmpty();

        String before = ltpTexts();
        wait.until(b -> !ltpTexts().equals(before));

        // The server drops every socket: the page says so, backs off, reconnects and is live again. The page is
        // "reconnecting" for only 0.25-0.5 s, shorter than a poll, so its states are recorded as they change.
        js("window.statusLog = []; new MutationObserver(() => window.statusLog.push(document.body.dataset.status"
                + " + '|' + document.getElementById('conn-badge').textContent))"
                + ".observe(document.body, {attributes: true, attributeFilter: ['data-status']});");
        broadcaster.closeAll(CloseStatus.SERVICE_RESTARTED);
        wait.until(b -> statusLog().stream().anyMatch(s -> s.startsWith("live|")));
        List<String> statuses = statusLog();
        assertThat(statuses.get(0)).as("states after the drop: %s", statuses).startsWith("reconnecting|DISCONNECTED");
        assertThat(statuses.get(statuses.size() - 1)).as("states after the drop: %s", statuses).isEqualTo("live|LIVE");
        String afterReconnect = ltpTexts();
        wait.until(b -> !ltpTexts().equals(afterReconnect));
        assertThat(severeConsoleMessages()).as("no script errors in the page").isEmpty();

        String screenshot = System.getProperty("livechain.screenshot");
        if (screenshot != null && !screenshot.isBlank()) {
            // Let a flash or two fade in so the picture shows the page as a trader sees it.
            sleep(700);
            Path file = Path.of(screenshot).toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.write(file, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        }
    }

    /**
     * The executable named by the system property if it is set (and then only that one), else the first of
     * {@code names} on {@code PATH}, then in {@link #USUAL_DIRECTORIES}; {@code null} when there is none.
     */
    static Path find(String property, String... names) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? path : null;
        }
        List<String> directories = new ArrayList<>();
        String pathVariable = System.getenv("PATH");
        if (pathVariable != null) {
            directories.addAll(List.of(pathVariable.split(java.io.File.pathSeparator)));
        }
        directories.addAll(USUAL_DIRECTORIES);
        for (String directory : directories) {
            for (String name : names) {
                if (directory.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private List<String> severeConsoleMessages() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                // The deliberate disconnect above is reported by Chromium as a failed socket; that is not the page's fault.
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("/ws/options"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> statusLog() {
        return (List<String>) js("return window.statusLog");
    }

    private String ltpTexts() {
        return String.valueOf(js("return Array.from(document.querySelectorAll('#rows td.ltp'))"
                + ".map(td => td.textContent).join('|')"));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

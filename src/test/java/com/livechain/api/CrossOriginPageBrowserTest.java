package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real frontend on an origin of its own, in Debian's Chromium (headless, through chromedriver): a page served
 * by a second loopback server calls {@code GET /options/live} and opens {@code /ws/options} on the app, and the
 * browser, not a test client, decides what the script may read. From the listed origin both work; from another
 * origin the server is reachable but the browser blocks the response and the handshake is refused. Chromium is
 * required, as for {@link ChainPageBrowserTest}: without it this test fails, it never skips.
 */
class CrossOriginPageBrowserTest extends CrossOriginApp {

    private static final Path CHROMIUM = Path.of(System.getProperty("livechain.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ChromeDriverService service;
    private static WebDriver browser;
    private static Path profile;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startChromium() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Chromium (%s) and chromedriver (%s) are needed: apt-get install chromium chromium-driver",
                        CHROMIUM, CHROMEDRIVER)
                .isTrue();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("livechain-chromium-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // No internet here: without the background-networking switches Chromium stalls on refused connections.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile);
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
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
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Loads the frontend from {@code page}'s origin and waits for its four outcomes. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> open(PageServer page) {
        browser.get(page.origin() + "/page.html?api=http://127.0.0.1:" + port);
        new WebDriverWait(browser, WAIT).until(b -> {
            Map<String, Object> results = results();
            return results.containsKey("reachable") && results.containsKey("fetch") && results.containsKey("problem")
                    && results.containsKey("ws");
        });
        return results();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> results() {
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("return window.results || {}");
    }

    @Test
    void aPageOnTheListedOriginReadsTheChainItsProblemsAndThePush() {
        Map<String, Object> results = open(ALLOWED);

        assertThat(results.get("origin")).isEqualTo(ALLOWED.origin()).isNotEqualTo("http://127.0.0.1:" + port);
        assertThat(results.get("fetch")).isEqualTo("ok: NIFTY 5 strikes");
        assertThat(results.get("problem")).isEqualTo("400 Bad request parameter");
        assertThat(results.get("ws")).isEqualTo("ok: snapshot");
    }

    @Test
    void aPageOnAnotherOriginIsBlockedByTheBrowser() {
        Map<String, Object> results = open(REFUSED);

        assertThat(results.get("origin")).isEqualTo(REFUSED.origin());
        // The server answered (an opaque no-cors response), and the browser kept the answers from the script.
        assertThat(results.get("reachable")).isEqualTo("opaque");
        assertThat((String) results.get("fetch")).startsWith("error: TypeError");
        assertThat((String) results.get("problem")).startsWith("error: TypeError");
        assertThat(results.get("ws")).isEqualTo("error");
    }
}

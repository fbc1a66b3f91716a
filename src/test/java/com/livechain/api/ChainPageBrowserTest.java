package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import com.livechain.chain.ChainCache;
import com.livechain.chain.ChainLoader;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Leg;
import com.livechain.chain.MarketSource;
import com.livechain.chain.StrikeRow;
import com.livechain.chain.TickApplier;
import com.livechain.dhan.DhanAccess;

/**
 * The page in a real browser: Debian's Chromium, headless, driven through chromedriver. It loads
 * {@code /}, must render the NIFTY chain and then show a price change pushed over the socket.
 *
 * <p>{@code -Dlivechain.screenshot=docs/chain-page.png} also saves a screenshot of the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "livechain.underlyings=NIFTY,BANKNIFTY")
class ChainPageBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("livechain.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

    private static ChromeDriverService service;
    private static WebDriver browser;
    private static Path profile;

    @MockitoBean
    ChainLoader loader;

    @MockitoBean
    DhanAccess dhan;

    @LocalServerPort
    int port;

    @Autowired
    ChainCache cache;

    @Autowired
    TickApplier ticks;

    private final AtomicBoolean ticking = new AtomicBoolean(true);
    private Thread market;

    @BeforeAll
    static void startChromium() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            String missing = "Chromium (" + CHROMIUM + ") and chromedriver (" + CHROMEDRIVER + ") are needed for the "
                    + "browser test: apt-get install chromium chromium-driver";
            if (System.getenv("CI") != null) {
                fail(missing);
            }
            assumeTrue(false, "Skipping the browser test outside CI: " + missing);
        }
        // Point Selenium at Debian's binaries so Selenium Manager never tries to download a driver.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("livechain-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // No internet here: without the background-networking switches Chromium stalls on refused connections.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1440,900", "--force-device-scale-factor=1");
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

    @BeforeEach
    void startMarket() {
        PushFixtures.install(cache, MarketSource.SIMULATED);
        market = new Thread(this::tickLikeAMarket, "test-market");
        market.setDaemon(true);
        market.start();
    }

    @AfterEach
    void stopMarket() throws InterruptedException {
        ticking.set(false);
        market.join();
    }

    @Test
    void pageRendersTheNiftyChainAndFlashesPushedPrices() throws IOException {
        browser.get("http://127.0.0.1:" + port + "/?underlying=NIFTY");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(b -> "live".equals(js("return document.body.dataset.status")));
        wait.until(b -> b.findElements(By.cssSelector("#rows tr")).size() >= 21);

        assertThat(browser.findElement(By.id("spot-symbol")).getText()).isEqualTo("NIFTY");
        assertThat(browser.findElement(By.id("source-badge")).getText()).isEqualTo("SIMULATED");
        assertThat(browser.findElement(By.id("underlying")).getDomProperty("value")).isEqualTo("NIFTY");
        assertThat(browser.findElement(By.cssSelector("#rows tr.atm td.strike")).getText()).isEqualTo("24500");
        assertThat(browser.findElements(By.cssSelector("#rows tr.ce-itm"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#rows tr.pe-itm"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#rows tr.atm td.ce.ltp")).getText()).matches("[0-9,]+\\.[0-9]{2}");

        String before = ltpTexts();
        wait.withTimeout(Duration.ofSeconds(10)).until(b -> !ltpTexts().equals(before));

        String screenshot = System.getProperty("livechain.screenshot");
        if (screenshot != null && !screenshot.isBlank()) {
            // Let a flash or two fade in so the picture shows the page as a trader sees it.
            sleep(700);
            Path file = Path.of(screenshot).toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.write(file, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        }
    }

    private String ltpTexts() {
        return String.valueOf(js("return Array.from(document.querySelectorAll('#rows td.ltp'))"
                + ".map(td => td.textContent).join('|')"));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Spot near 24512 and plausible option prices around it, moving a few times a second. */
    private void tickLikeAMarket() {
        int fno = ExchangeSegment.NSE_FNO.code();
        List<StrikeRow> rows = cache.chain("NIFTY", PushFixtures.NEAR).orElseThrow().strikes();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ticks.previousClose(ExchangeSegment.IDX_I.code(), 13, 24400.1f, -1);
        double spot = 24512.35;
        for (StrikeRow row : rows) {
            double k = row.strike().doubleValue();
            ticks.previousClose(fno, row.ce().securityId(), (float) premium(spot - 60, k, true), 2_000_000 + random.nextInt(3_000_000));
            ticks.previousClose(fno, row.pe().securityId(), (float) premium(spot - 60, k, false), 2_000_000 + random.nextInt(3_000_000));
        }
        while (ticking.get()) {
            spot += random.nextGaussian() * 2;
            ticks.ticker(ExchangeSegment.IDX_I.code(), 13, (float) spot, System.currentTimeMillis() / 1000);
            for (StrikeRow row : rows) {
                double k = row.strike().doubleValue();
                for (Leg leg : new Leg[] {row.ce(), row.pe()}) {
                    if (random.nextInt(3) == 0) {
                        double p = premium(spot, k, leg == row.ce());
                        long oi = 1_500_000 + (long) (4_000_000 * Math.exp(-Math.pow((k - 24500) / 400, 2))) + random.nextInt(50_000);
                        ticks.full(fno, leg.securityId(), (float) p, System.currentTimeMillis() / 1000, 1_000_000 + random.nextInt(9_000_000),
                                oi, (float) (p - 0.05), 75 * (1 + random.nextInt(20)), (float) (p + 0.05), 75 * (1 + random.nextInt(20)));
                    }
                }
            }
            sleep(150);
        }
    }

    /** Intrinsic value plus a bell of time value, rounded to the 5-paise tick. */
    private static double premium(double spot, double strike, boolean call) {
        double intrinsic = Math.max(0, call ? spot - strike : strike - spot);
        double time = 130 * Math.exp(-Math.pow((strike - spot) / 350, 2)) + 2;
        return Math.round((intrinsic + time) * 20) / 20.0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

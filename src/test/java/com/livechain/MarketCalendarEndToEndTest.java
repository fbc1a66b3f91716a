package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.market.MarketHours;

/**
 * The whole app against the simulator on a test clock that starts on Christmas 2026, with a configured holiday
 * (Tuesday 29 Dec) and a configured Saturday session (26 Dec 10:00-11:00). The simulated market does not move
 * ({@code real-time=false}): a connected, quiet feed, as on an exchange holiday. What the calendar says shows in
 * {@code livechain_market_open}, the {@code market} health component, the push {@code feed.market} object and the
 * page's banner (in Debian's headless Chromium, as {@code ChainPageBrowserTest}), staleness and the stall watchdog.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livechain.mode=simulated", "livechain.underlyings=NIFTY", "livechain.simulator.seed=5",
        "livechain.simulator.listing=near", "livechain.simulator.real-time=false",
        "livechain.dhan.rest.option-chain-interval=50ms", "livechain.simulator.option-chain-interval=50ms",
        "livechain.feed.stall-after=1s",
        "livechain.calendar.holidays=2026-12-29",
        "livechain.calendar.sessions=2026-12-26 10:00-11:00"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MarketCalendarEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final MutableClock CLOCK = new MutableClock(ist("2026-12-25T10:30"));

    @TempDir
    static Path store;

    @DynamicPropertySource
    static void noCredentials(DynamicPropertyRegistry registry) {
        registry.add("livechain.credentials.db", () -> store.resolve("credentials.db").toString());
        registry.add("livechain.dhan.client-id", () -> "");
        registry.add("livechain.dhan.access-token", () -> "");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        Clock christmasClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    static Instant ist(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(MarketHours.IST).toInstant();
    }

    static void setClock(String localDateTime) {
        CLOCK.advance(Duration.between(CLOCK.instant(), ist(localDateTime)));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    double metric(String series) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(get("/actuator/prometheus").body());
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    JsonNode market() throws Exception {
        return JSON.readTree(get("/actuator/health").body()).path("components").path("market").path("details");
    }

    JsonNode legs() throws Exception {
        HttpResponse<String> response = get("/options/live?underlying=NIFTY&strikes=5");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    void awaitFeedUp() {
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("livechain_feed_up") == 1.0);
    }

    @Test
    @Order(1)
    void onChristmasTheMarketIsClosedQuietPricesAreNotStaleAndTheStallWatchdogWaits() throws Exception {
        setClock("2026-12-25T10:30");
        awaitFeedUp();

        assertThat(metric("livechain_market_open")).isEqualTo(0.0);
        JsonNode market = market();
        assertThat(market.path("open").asBoolean()).isFalse();
        assertThat(market.path("reason").asString()).isEqualTo("Christmas (NSE/BSE holiday)");
        assertThat(OffsetDateTime.parse(market.path("nextOpen").asString()).toInstant())
                .as("the configured Saturday session").isEqualTo(ist("2026-12-26T10:00"));
        assertThat(market.path("warnings").valueStream().map(JsonNode::asString))
                .anySatisfy(w -> assertThat(w).startsWith("2027 is PROVISIONAL"));
        // The simulator lists the December monthly on Tuesday 29 Dec, a holiday only this app's settings know of.
        assertThat(metric("livechain_listed_expiries_on_closed_days")).isEqualTo(1.0);

        // Ten quiet minutes on a holiday: nothing is stale, and a 1 s stall window passes three times untouched.
        CLOCK.advance(Duration.ofMinutes(10));
        Thread.sleep(3_000);
        assertThat(metric("livechain_feed_stalls_total")).isZero();
        assertThat(metric("livechain_feed_up")).isEqualTo(1.0);
        JsonNode chain = legs();
        assertThat(ChaosFixtures.prices(chain)).isNotEmpty().noneMatch(ChaosFixtures.Shown::stale);
    }

    @Test
    @Order(2)
    void aConfiguredSaturdaySessionOpensTheMarket() throws Exception {
        setClock("2026-12-26T10:30");
        assertThat(metric("livechain_market_open")).isEqualTo(1.0);
        assertThat(market().path("reason").asString()).isEqualTo("open until 11:00 IST");

        setClock("2026-12-26T11:00");
        assertThat(metric("livechain_market_open")).isEqualTo(0.0);
        assertThat(market().path("reason").asString()).isEqualTo("after the 11:00 IST close");
    }

    @Test
    @Order(3)
    void onTheNextTradingDayTheSameQuietFeedIsStaleAndReplaced() throws Exception {
        awaitFeedUp();
        double stallsBefore = metric("livechain_feed_stalls_total");
        setClock("2026-12-28T10:30");

        assertThat(metric("livechain_market_open")).isEqualTo(1.0);
        assertThat(market().path("reason").asString()).isEqualTo("open until 15:30 IST");
        assertThat(ChaosFixtures.prices(legs())).isNotEmpty().allMatch(ChaosFixtures.Shown::stale);
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("livechain_feed_stalls_total") > stallsBefore);
    }

    @Test
    @Order(4)
    void aConfiguredHolidayClosesTheMarket() throws Exception {
        setClock("2026-12-29T10:30");
        assertThat(metric("livechain_market_open")).isEqualTo(0.0);
        assertThat(market().path("reason").asString()).isEqualTo("exchange holiday (livechain.calendar.holidays)");
    }

    @Test
    @Order(5)
    void thePushStatusSaysWhyTheMarketIsClosedAndFollowsTheCalendar() throws Exception {
        setClock("2026-12-25T10:30");
        try (TextSocket socket = TextSocket.open(http, port)) {
            socket.send("{\"underlying\":\"NIFTY\"}");
            JsonNode snapshot = JSON.readTree(socket.next(Duration.ofSeconds(20)));
            assertThat(snapshot.path("type").asString()).as(snapshot.toString()).isEqualTo("snapshot");
            JsonNode market = snapshot.path("feed").path("market");
            assertThat(market.path("open").asBoolean()).isFalse();
            assertThat(market.path("reason").asString()).isEqualTo("Christmas (NSE/BSE holiday)");
            assertThat(OffsetDateTime.parse(market.path("nextOpen").asString()).toInstant())
                    .isEqualTo(ist("2026-12-26T10:00"));
            assertThat(market.path("notices").isEmpty()).isTrue();

            setClock("2026-12-28T10:30");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                String next = socket.next(Duration.ofSeconds(1));
                return next != null && JSON.readTree(next).path("feed").path("market").path("open").asBoolean();
            });
        }
    }

    @Test
    @Order(6)
    void thePageSaysTheMarketIsClosedAndWhy() throws Exception {
        setClock("2026-12-25T10:30");
        Path chromium = Path.of(System.getProperty("livechain.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
        assertThat(Files.isExecutable(chromium) && Files.isExecutable(chromedriver))
                .as("the page test needs Chromium and chromedriver: apt-get install chromium chromium-driver").isTrue();
        Path profile = Files.createTempDirectory("livechain-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile);
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get("http://127.0.0.1:" + port + "/?underlying=NIFTY");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(b -> b.findElement(By.id("market")).isDisplayed());
            // "Sat, 26 Dec, 10:00" as Chromium's en-IN formats it; the punctuation may vary between ICU versions.
            assertThat(browser.findElement(By.id("market")).getText())
                    .startsWith("Market closed: Christmas (NSE/BSE holiday) \u00b7 opens Sat")
                    .contains("26 Dec").endsWith("10:00 IST");

            // Monday's session: the banner goes once the push status says the market is open.
            setClock("2026-12-28T10:30");
            wait.until(b -> !b.findElement(By.id("market")).isDisplayed());
        } finally {
            browser.quit();
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}

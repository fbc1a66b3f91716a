package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ChainCache;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.Leg;
import com.livechain.chain.UnderlyingRef;
import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.SqliteCredentialStore;
import com.livechain.credentials.TokenClaims;
import com.livechain.credentials.renewal.TokenRenewalScheduler;
import com.livechain.dhan.rest.DhanRestClient;
import com.livechain.market.ExchangeCalendar;
import com.livechain.market.MarketHours;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorAuth;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.admin.SimulatorFaults;
import com.livechain.simulator.feed.FeedHub;
import com.livechain.universe.DailyReloadRunner;
import com.livechain.universe.ReloadResult;
import com.livechain.universe.UniverseReloader;

/**
 * Ten trading days unattended: the whole app in live mode against the simulator, both on one test clock that
 * moves only when this test moves it, from Monday 14 December 2026 08:00 IST to Monday 28 December. The window
 * holds two weekends, Christmas (Friday 25 December, a holiday of the shipped NSE/BSE calendar) and two NIFTY
 * weekly expiries (Tuesdays 15 and 22 December). One morning's reload fails (the simulator refuses the scrip
 * master) and another reads a CSV that breaks off part way; both are retried a minute later.
 *
 * <p>Each morning, after the 08:45 IST reload, {@code /options/underlyings} lists what the exchange lists that
 * day (the new weekly, never an expired one) and the simulator streams exactly the app's universe. The web
 * token (SELF, 24 h) is renewed through RenewToken two hours before it expires, which drifts it two hours
 * earlier each day, so it is renewed on every calendar day, weekends and the holiday included; after each
 * renewal the old token is dead, and the app's REST client and a fresh feed connection authenticate with the new
 * one. Every {@code /options/live} body read shows no price as fresh that is older than {@code stale-after}
 * while the market is open. On Christmas the feed goes quiet for longer than {@code stall-after} and is not
 * replaced. The heap after a full GC does not grow from day 2 to day 10 by more than 5%.
 *
 * <p>The clock is frozen between moves, so the simulated market ticks only when the test moves it (the
 * simulator catches up at most 5 s of ticks): a quiet feed is simply a clock left alone. The reload and renewal
 * schedules are asked to look now ({@link DailyReloadRunner#check()}, {@link TokenRenewalScheduler#checkNow()})
 * after each move instead of waiting for their own wall-clock polls; every wait is for an event.
 */
@SpringBootTest(classes = {LivechainApplication.class, TenTradingDaysEndToEndTest.SharedClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livechain.mode=live",
        "livechain.underlyings=NIFTY",
        "livechain.stale-after=2s",
        "livechain.feed.stall-after=1s",
        "livechain.feed.reconnect-min=20ms",
        "livechain.feed.reconnect-max=300ms",
        "livechain.feed.auth-retry=250ms",
        "livechain.feed.close-timeout=200ms",
        "livechain.dhan.rest.option-chain-interval=20ms",
        "livechain.history.backfill=false"})
class TenTradingDaysEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CLIENT_ID = "1100141414";
    static final Duration STALE_AFTER = Duration.ofSeconds(2);
    static final Duration STALL_AFTER = Duration.ofSeconds(1);
    static final Duration RENEW_BEFORE = Duration.ofHours(2);
    static final ExchangeCalendar EXCHANGE = ExchangeCalendar.shipped();
    static final LocalDate FIRST_DAY = LocalDate.parse("2026-12-14");
    static final LocalDate HOLIDAY = LocalDate.parse("2026-12-25");
    static final List<LocalDate> WEEKLY_EXPIRIES = List.of(LocalDate.parse("2026-12-15"), LocalDate.parse("2026-12-22"));
    /**
     * The weekly each morning after an expiry brings, four weeklies out (NSE does not list a weekly in the week of
     * the monthly: 26 Jan 2027 is the January monthly, moved to Monday 25 Jan by Republic Day).
     */
    static final Map<LocalDate, LocalDate> NEW_WEEKLY = Map.of(
            LocalDate.parse("2026-12-16"), LocalDate.parse("2027-01-19"),
            LocalDate.parse("2026-12-23"), LocalDate.parse("2027-02-02"));
    /** The third trading day: the scrip master download is refused once at 08:45. */
    static final LocalDate REFUSED_DAY = LocalDate.parse("2026-12-16");
    /** The seventh: the scrip master breaks off part way once at 08:45. */
    static final LocalDate TRUNCATED_DAY = LocalDate.parse("2026-12-23");

    static final MutableClock CLOCK = new MutableClock(ist(FIRST_DAY, LocalTime.of(8, 0)));
    /** The first token: a web token issued yesterday, expiring at 11:00 on the first day (renewed at 09:00). */
    static final String FIRST_TOKEN = SimulatorAuth.jwt(CLIENT_ID, "SELF", CLOCK.instant().minus(Duration.ofHours(21)),
            CLOCK.instant().plus(Duration.ofHours(3)));
    static final DhanSimulator dhan = DhanSimulator.start(SimulatorProperties.builder().seed(14L).ticksPerSecond(20)
            .listing(SimulatorProperties.Listing.NEAR).clientId(CLIENT_ID).accessToken(FIRST_TOKEN)
            .optionChainInterval(Duration.ofMillis(10)).dataApiRequestsPerSecond(1_000).build(), CLOCK);
    static final Path dir;
    static final SqliteCredentialStore store;

    static {
        try {
            dir = Files.createTempDirectory("livechain-ten-days-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = new SqliteCredentialStore(dir.resolve("credentials.db"), System::getenv);
        store.save(new DhanCredentials(CLIENT_ID, FIRST_TOKEN));
    }

    @DynamicPropertySource
    static void liveAgainstTheSimulator(DynamicPropertyRegistry registry) {
        registry.add("livechain.dhan.client-id", () -> "");
        registry.add("livechain.dhan.access-token", () -> "");
        registry.add("livechain.dhan.rest-url", dhan::restUrl);
        registry.add("livechain.dhan.feed-url", dhan::feedUrl);
        registry.add("livechain.dhan.instruments-url", dhan::instrumentsUrl);
        registry.add("livechain.dhan.auth-url", dhan::authUrl);
        registry.add("livechain.credentials.db", () -> store.db().toString());
        registry.add("livechain.history.url", () -> "jdbc:sqlite:" + dir.resolve("history.db"));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SharedClock {
        @Bean
        @Primary
        Clock tenDaysClock() {
            return CLOCK;
        }

        @Bean(destroyMethod = "close")
        DhanSimulator tenDaysSimulator() {
            return dhan;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TokenRenewalScheduler renewals;

    @Autowired
    DailyReloadRunner reloads;

    @Autowired
    UniverseReloader reloader;

    @Autowired
    ChainCache cache;

    @Autowired
    DhanRestClient rest;

    final HttpClient http = HttpClient.newHttpClient();
    final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    /** The IST dates on which the token was renewed. */
    final TreeSet<LocalDate> renewedOn = new TreeSet<>();
    /** What {@code /options/underlyings} listed each morning. */
    final Map<LocalDate, List<LocalDate>> listedOn = new LinkedHashMap<>();
    int pricesChecked;

    @Test
    void tenTradingDaysRunUnattended() {
        await().atMost(Duration.ofSeconds(90)).until(this::feedUp);
        assertThat(dhan.counters().restUnauthorized()).isZero();
        assertThat(dhan.counters().authFailures()).isZero();

        List<LocalDate> tradingDays = new ArrayList<>();
        long heapOnDay2 = 0;
        long heapOnDay10 = 0;
        for (LocalDate day = FIRST_DAY; tradingDays.size() < 10; day = day.plusDays(1)) {
            if (!EXCHANGE.isTradingDay(day)) {
                quietDay(day);
                continue;
            }
            tradingDays.add(day);
            morning(day);
            session(day);
            afterTheClose(day);
            if (tradingDays.size() == 2) {
                heapOnDay2 = heapAfterFullGc();
            } else if (tradingDays.size() == 10) {
                heapOnDay10 = heapAfterFullGc();
            }
        }

        assertThat(tradingDays).as("ten trading days").hasSize(10)
                .doesNotContain(HOLIDAY).containsAll(WEEKLY_EXPIRIES).contains(REFUSED_DAY, TRUNCATED_DAY);
        assertThat(tradingDays.stream().map(LocalDate::getDayOfWeek)).doesNotContain(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        LocalDate last = tradingDays.get(9);
        assertThat(renewedOn).as("the token was renewed on every calendar day")
                .containsAll(FIRST_DAY.datesUntil(last.plusDays(1)).toList());
        assertThat(dhan.counters().restUnauthorized()).as("REST never sent a dead token").isZero();
        assertThat(dhan.counters().authFailures()).as("the feed never sent a dead token").isZero();
        assertThat(reloader.count(ReloadResult.Outcome.FAILED)).as("the refused and the truncated list").isEqualTo(2);
        assertThat(pricesChecked).as("prices checked against the clock").isGreaterThan(1_000);
        assertThat(heapOnDay10).as("heap after a full GC on day 10 against day 2 (" + heapOnDay2 + " bytes)")
                .isLessThanOrEqualTo(heapOnDay2 + heapOnDay2 / 20);
    }

    // ---- One day --------------------------------------------------------------------------------

    /** A weekend or the holiday: the token is still renewed; on the holiday a quiet feed is left alone. */
    void quietDay(LocalDate day) {
        if (!day.equals(HOLIDAY)) {
            advanceTo(ist(day, LocalTime.of(23, 59)));
            return;
        }
        advanceTo(ist(day, LocalTime.of(0, 1)));
        long accepted = dhan.counters().connectionsAccepted();
        double reconnects = metric("livechain_feed_reconnects_total");
        double stalls = metric("livechain_feed_stalls_total");

        advanceTo(ist(day, LocalTime.of(10, 30)));
        assertThat(metric("livechain_market_open")).isZero();
        assertThat(marketHealth().path("reason").asString()).isEqualTo("Christmas (NSE/BSE holiday)");
        // No tick arrives while the clock stands still: the feed is quiet for several stall windows.
        // (Or until a stall ends the wait early, which the assertion below reports.)
        await().atMost(Duration.ofSeconds(30)).until(
                () -> metric("livechain_feed_last_frame_age_seconds") > 4 * STALL_AFTER.toSeconds()
                        || metric("livechain_feed_stalls_total") > stalls);
        assertThat(metric("livechain_feed_stalls_total")).as("stalls in a quiet holiday morning").isEqualTo(stalls);
        checkPrices();
        assertThat(chainPrices()).as("a quiet holiday makes nothing stale").noneMatch(ChaosFixtures.Shown::stale);

        advanceTo(ist(day, LocalTime.of(23, 59)));
        assertThat(metric("livechain_feed_stalls_total")).as("stalls on the holiday").isEqualTo(stalls);
        assertThat(metric("livechain_feed_reconnects_total")).as("reconnects on the holiday").isEqualTo(reconnects);
        assertThat(dhan.counters().connectionsAccepted()).as("feed connections opened on the holiday").isEqualTo(accepted);
        assertThat(feedUp()).isTrue();
    }

    /** 08:45: the day's reload (a failed one retried a minute later); then what the app lists and streams. */
    void morning(LocalDate day) {
        Instant reloadAt = ist(day, LocalTime.of(8, 45));
        if (day.equals(REFUSED_DAY) || day.equals(TRUNCATED_DAY)) {
            // The fault is set before the clock reaches 08:45: the schedule's own poll may reload at once.
            advanceTo(reloadAt.minus(Duration.ofMinutes(1)));
            List<LocalDate> before = nifty();
            long failed = reloader.count(ReloadResult.Outcome.FAILED);
            if (day.equals(REFUSED_DAY)) {
                refuseTheScripMasterOnce();
            } else {
                truncateTheScripMasterOnce();
            }
            advanceTo(reloadAt);
            reloadNow(reloadAt);
            assertThat(reloader.count(ReloadResult.Outcome.FAILED)).isEqualTo(failed + 1);
            JsonNode health = health("reload");
            assertThat(health.path("status").asString()).isEqualTo("DEGRADED");
            assertThat(health.path("details").path("reason").asString()).contains(day.equals(REFUSED_DAY)
                    ? "an empty CSV" : "live NIFTY options against");
            assertThat(health.path("details").path("nextAttempt").asString()).isEqualTo(reloadAt.plus(Duration.ofMinutes(1)).toString());
            assertThat(nifty()).as("a failed reload keeps the current chains").isEqualTo(before);
            assertThat(readiness()).isEqualTo("UP");
            reloadAt = reloadAt.plus(Duration.ofMinutes(1));
        }
        advanceTo(reloadAt);
        reloadNow(reloadAt);
        assertThat(reloader.last().orElseThrow().outcome()).isNotEqualTo(ReloadResult.Outcome.FAILED);
        assertThat(health("reload").path("status").asString()).isEqualTo("UP");
        assertThat(readiness()).isEqualTo("UP");

        List<LocalDate> listed = nifty();
        assertThat(listed).as(day + ": what the simulator lists").isEqualTo(dhan.market().expiries("NIFTY"));
        assertThat(listed).as(day + ": nothing expired").allMatch(expiry -> !expiry.isBefore(day));
        LocalDate previous = listedOn.isEmpty() ? null : List.copyOf(listedOn.keySet()).get(listedOn.size() - 1);
        if (previous != null && WEEKLY_EXPIRIES.contains(previous)) {
            List<LocalDate> yesterday = listedOn.get(previous);
            assertThat(listed).as(day + ": the weekly that expired yesterday").doesNotContain(previous);
            List<LocalDate> gone = yesterday.stream().filter(e -> !listed.contains(e)).toList();
            List<LocalDate> added = listed.stream().filter(e -> !yesterday.contains(e)).toList();
            assertThat(gone).as(day + ": delisted since yesterday").containsExactly(previous);
            assertThat(added).as(day + ": listed since yesterday").containsExactly(NEW_WEEKLY.get(day));
        }
        listedOn.put(day, listed);

        awaitSubscriptionsEqualTheUniverse(day);
    }

    /** 10:00 to 10:00:05 in steps of a second: prices arrive and are fresh, old ones are not. */
    void session(LocalDate day) {
        advanceTo(ist(day, LocalTime.of(10, 0)));
        assertThat(metric("livechain_market_open")).isEqualTo(1.0);
        checkPrices();
        for (int second = 0; second < 3; second++) {
            setClock(CLOCK.instant().plusSeconds(1));
            long now = CLOCK.millis();
            await().atMost(Duration.ofSeconds(30)).until(() -> chainPrices().stream()
                    .anyMatch(p -> !p.stale() && p.updatedAtMillis() == now));
            checkPrices();
        }
    }

    /** 15:45: closed; an expiry of the day is still served until tomorrow's reload. */
    void afterTheClose(LocalDate day) {
        advanceTo(ist(day, LocalTime.of(15, 45)));
        assertThat(metric("livechain_market_open")).isZero();
        if (WEEKLY_EXPIRIES.contains(day)) {
            assertThat(nifty()).as(day + ": the expiry closed at 15:30").doesNotContain(day);
        }
        checkPrices();
    }

    // ---- The clock and the token ------------------------------------------------------------------

    /** Moves the clock to {@code target}, renewing the token on the way whenever it falls due. */
    void advanceTo(Instant target) {
        while (true) {
            Instant due = TokenClaims.parse(dhan.credentials().accessToken()).orElseThrow().expiresAt().minus(RENEW_BEFORE);
            if (due.isAfter(target)) {
                break;
            }
            Instant at = due.plus(Duration.ofMinutes(1));
            // Read before the clock moves: the schedule's own poll may renew as soon as it has.
            String old = dhan.credentials().accessToken();
            double renewed = metric(RENEWED);
            setClock(at.isAfter(CLOCK.instant()) ? at : CLOCK.instant());
            renew(old, renewed);
        }
        setClock(target);
    }

    static final String RENEWED = "livechain_credentials_renewals_total{outcome=\"success\"}";

    /** The renewal that is due now: {@code old} replaced, the success counter one past {@code renewed}. */
    void renew(String old, double renewed) {
        renewals.checkNow();
        await().atMost(Duration.ofSeconds(30)).until(() -> metric(RENEWED) == renewed + 1);
        String fresh = dhan.credentials().accessToken();
        LocalDate today = MarketHours.today(CLOCK.instant());
        assertThat(fresh).as(today + ": renewed").isNotEqualTo(old);
        assertThat(dhan.auth().check(CLIENT_ID, old)).as("the old token is dead").isEqualTo(SimulatorAuth.Check.EXPIRED);
        assertThat(store.load()).as("written back to the store").contains(new DhanCredentials(CLIENT_ID, fresh));
        renewedOn.add(today);

        // REST: the app's client sends the new token.
        long unauthorized = dhan.counters().restUnauthorized();
        assertThat(rest.expiryList(new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I))).isNotEmpty();
        assertThat(dhan.counters().restUnauthorized()).isEqualTo(unauthorized);

        // The feed: open connections stay up on a renewal; a new one must authenticate with the new token.
        // Not on the holiday, whose point is that nothing reconnects.
        if (!today.equals(HOLIDAY)) {
            long authenticated = dhan.counters().connectionsAuthenticated();
            long authFailures = dhan.counters().authFailures();
            // A disconnect packet (800, a Dhan server error) and a close, rather than a cut: the simulator's
            // Tomcat keeps the session of a cut socket, which would be counted in the heap below.
            assertThat(dhan.faults().disconnect(800)).isPositive();
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> dhan.counters().connectionsAuthenticated() > authenticated && feedUp());
            assertThat(dhan.counters().authFailures()).as("a reconnect with the old token").isEqualTo(authFailures);
        }
    }

    static Instant ist(LocalDate day, LocalTime time) {
        return LocalDateTime.of(day, time).atZone(MarketHours.IST).toInstant();
    }

    /** Moves the clock and waits until the simulated market has caught up with it (its new day's listing). */
    static void setClock(Instant target) {
        Duration by = Duration.between(CLOCK.instant(), target);
        assertThat(by.isNegative()).as("the clock only moves forward to " + target).isFalse();
        CLOCK.advance(by);
        await().atMost(Duration.ofSeconds(30)).until(
                () -> Duration.between(dhan.market().now(), target).compareTo(Duration.ofSeconds(1)) < 0);
    }

    // ---- The simulator's side ---------------------------------------------------------------------

    /** The next download is an empty file (HTTP 200, zero bytes), as Dhan has published. */
    void refuseTheScripMasterOnce() {
        dhan.faults().scripMaster(SimulatorFaults.ScripMasterFault.EMPTY, 1);
    }

    /**
     * The next download breaks off at 5% of the file, at a row's end: it parses, and lists a few of NIFTY's
     * contracts (its rows come first).
     */
    void truncateTheScripMasterOnce() {
        dhan.faults().scripMaster(SimulatorFaults.ScripMasterFault.TRUNCATED, 1, 0.05);
    }

    /**
     * Instruments subscribed on the simulator's open connections, and how many of the app's universe they hold:
     * equal to the universe's size both, the connections stream exactly the universe.
     */
    int[] simulatorSubscriptions() {
        InstrumentIndex index = cache.index();
        long[] options = index.options().stream().mapToLong(Leg::securityId).toArray();
        long[] underlyings = index.underlyings().stream().mapToLong(Leg::securityId).toArray();
        int subscribed = 0;
        int ofUniverse = 0;
        for (FeedHub.ConnectionSubscriptions connection : dhan.feedSubscriptions(ExchangeSegment.NSE_FNO, options)) {
            subscribed += connection.subscribed();
            ofUniverse += connection.ofAsked();
        }
        for (FeedHub.ConnectionSubscriptions connection : dhan.feedSubscriptions(ExchangeSegment.IDX_I, underlyings)) {
            ofUniverse += connection.ofAsked();
        }
        return new int[] {subscribed, ofUniverse};
    }

    // ---- Checks -----------------------------------------------------------------------------------

    /** Runs the day's reload now (or sees that the schedule's own poll ran it) and waits for its result. */
    void reloadNow(Instant at) {
        reloads.check();
        await().atMost(Duration.ofSeconds(30)).until(
                () -> reloader.last().map(r -> !r.at().isBefore(at)).orElse(false));
    }

    /** The simulator streams to the app exactly what the app's universe holds, on the open connections. */
    void awaitSubscriptionsEqualTheUniverse(LocalDate day) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            int universe = cache.index().size();
            assertThat(simulatorSubscriptions()).as(day + ": instruments the simulator streams, and of the universe")
                    .containsExactly(universe, universe);
            assertThat(metric("livechain_feed_subscriptions")).as(day + ": the app's count").isEqualTo(universe);
        });
    }

    /**
     * One {@code /options/live} read, judged against the clock (which stands still while it is read): a price
     * shown fresh while the market is open was updated within {@code stale-after}.
     */
    void checkPrices() {
        long now = CLOCK.millis();
        boolean open = EXCHANGE.isOpenAt(now);
        List<ChaosFixtures.Shown> prices = chainPrices();
        assertThat(prices).isNotEmpty();
        if (open) {
            assertThat(prices).as("fresh prices at " + CLOCK.instant()).allSatisfy(p -> {
                if (!p.stale()) {
                    assertThat(p.updatedAtMillis()).as(p.where()).isPositive()
                            .isBetween(now - STALE_AFTER.toMillis(), now);
                }
            });
        }
        pricesChecked += prices.size();
    }

    List<ChaosFixtures.Shown> chainPrices() {
        HttpResponse<String> response = get("/options/live?underlying=NIFTY");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ChaosFixtures.prices(JSON.readTree(response.body()));
    }

    List<LocalDate> nifty() {
        JsonNode body = JSON.readTree(get("/options/underlyings").body());
        for (JsonNode underlying : body.path("underlyings")) {
            if ("NIFTY".equals(underlying.path("symbol").asString())) {
                return underlying.path("expiries").valueStream().map(e -> LocalDate.parse(e.asString())).toList();
            }
        }
        throw new AssertionError("no NIFTY in " + body);
    }

    long heapAfterFullGc() {
        // Measured once the last catch-up ticks have been delivered and applied: the frames in flight between
        // the simulator and the app are not what the app keeps.
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("livechain_feed_last_frame_age_seconds") > 1);
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    boolean feedUp() {
        return "up".equals(health("feed").path("details").path("state").asString());
    }

    String readiness() {
        return JSON.readTree(get("/actuator/health/readiness").body()).path("status").asString();
    }

    JsonNode health(String component) {
        return JSON.readTree(get("/actuator/health").body()).path("components").path(component);
    }

    JsonNode marketHealth() {
        return health("market").path("details");
    }

    double metric(String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(get("/actuator/prometheus").body());
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    HttpResponse<String> get(String path) {
        try {
            return ChaosFixtures.get(http, port, path);
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }
}

package com.livechain.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.livechain.MutableClock;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionType;
import com.livechain.dhan.rest.RollingField;
import com.livechain.dhan.rest.RollingOptionRequest;
import com.livechain.dhan.rest.RollingOptionSeries;
import com.livechain.market.MarketHours;
import com.livechain.universe.ChainReadyEvent;
import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;

class IvBackfillTest {

    /** Tuesday 1 Dec 2026, 10:00 IST: the year to fill is 1 Dec 2025 to 30 Nov 2026. */
    private static final Instant NOW = LocalDate.of(2026, 12, 1).atTime(10, 0).atZone(MarketHours.IST).toInstant();
    private static final BackfillTarget NIFTY = new BackfillTarget("NIFTY", 13, ExchangeSegment.NSE_FNO);
    private static final BackfillTarget SENSEX = new BackfillTarget("SENSEX", 51, ExchangeSegment.BSE_FNO);
    /** Days Dhan has no bars for: holidays the weekday calendar does not know. */
    private static final Set<LocalDate> NO_DATA = Set.of(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 10));

    private final InMemoryIvHistory store = new InMemoryIvHistory();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeDhan dhan = new FakeDhan();
    private IvBackfill backfill;

    @AfterEach
    void stop() throws InterruptedException {
        if (backfill != null) {
            backfill.destroy();
        }
    }

    /** ATM IV as the fake Dhan has it: a function of the day, the side and the expiry code, so a test can recompute it. */
    static double iv(LocalDate day, OptionType type, int code) {
        return 10 + day.getDayOfYear() % 10 + (type == OptionType.PE ? 1 : 0) + (code == 2 ? 5 : 0);
    }

    /** Answers rolling-option requests with one bar at 15:29 IST per weekday, and records what was asked. */
    static final class FakeDhan implements Function<RollingOptionRequest, RollingOptionSeries> {
        final List<RollingOptionRequest> requests = Collections.synchronizedList(new ArrayList<>());
        volatile Function<RollingOptionRequest, MarketDataException> failure = r -> null;
        volatile Runnable onRequest = () -> { };

        @Override
        public RollingOptionSeries apply(RollingOptionRequest request) {
            requests.add(request);
            onRequest.run();
            MarketDataException e = failure.apply(request);
            if (e != null) {
                throw e;
            }
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate d = request.from(); !d.isAfter(request.to()); d = d.plusDays(1)) {
                if (TradingDays.WEEKDAYS.isTradingDay(d) && !NO_DATA.contains(d)) {
                    days.add(d);
                }
            }
            long[] ts = new long[days.size()];
            double[] iv = new double[days.size()];
            double[] strike = new double[days.size()];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = days.get(i).atTime(15, 29).atZone(MarketHours.IST).toEpochSecond();
                iv[i] = iv(days.get(i), request.type(), request.expiryCode());
                strike[i] = 26000;
            }
            return new RollingOptionSeries(request.type(), ts, Map.of(RollingField.IV, iv, RollingField.STRIKE, strike,
                    RollingField.SPOT, new double[ts.length]));
        }
    }

    private IvBackfill backfill(boolean enabled, BackfillTarget... targets) {
        backfill = new IvBackfill(enabled, dhan, () -> store, () -> List.of(targets), TradingDays.WEEKDAYS,
                new MutableClock(NOW), registry);
        return backfill;
    }

    private static Set<LocalDate> weekdays(LocalDate from, LocalDate to) {
        Set<LocalDate> days = new TreeSet<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (TradingDays.WEEKDAYS.isTradingDay(d)) {
                days.add(d);
            }
        }
        return days;
    }

    private double days(String underlying, String outcome) {
        var counter = registry.find("livechain.history.backfill.days").tag("underlying", underlying)
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void everyMissingTradingDayOfTheYearIsFilledFromTheRightMonthlyAsBackfilled() {
        List<IvBackfill.Outcome> outcomes = backfill(true, NIFTY).runOnce();

        Set<LocalDate> year = weekdays(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30));
        Map<LocalDate, IvDay> stored = store.days("NIFTY");
        Set<LocalDate> expected = new TreeSet<>(year);
        expected.removeAll(NO_DATA);
        assertThat(stored.keySet()).containsExactlyElementsOf(expected);
        IvHistoryExpiry rule = new IvHistoryExpiry(ExchangeSegment.NSE_FNO, TradingDays.WEEKDAYS);
        for (IvDay day : stored.values()) {
            int code = rule.forDay(day.date()).expiryCode();
            double mean = (iv(day.date(), OptionType.CE, code) + iv(day.date(), OptionType.PE, code)) / 2;
            assertThat(day.atmIv()).as(day.date().toString()).isEqualTo(mean);
            assertThat(day.origin()).isEqualTo(IvDay.Origin.BACKFILLED);
        }
        // 17 Nov 2026: the November monthly (24 Nov) is 7 days away, so code 1; 18 Nov: code 2.
        assertThat(stored.get(LocalDate.of(2026, 11, 17)).atmIv()).isEqualTo(iv(LocalDate.of(2026, 11, 17), OptionType.CE, 1) + 0.5);
        assertThat(stored.get(LocalDate.of(2026, 11, 18)).atmIv()).isEqualTo(iv(LocalDate.of(2026, 11, 18), OptionType.CE, 2) + 0.5);

        assertThat(outcomes).containsExactly(new IvBackfill.Outcome("NIFTY", year.size(), expected.size(), 2, 0));
        assertThat(days("NIFTY", "filled")).isEqualTo(expected.size());
        assertThat(days("NIFTY", "empty")).isEqualTo(2);
        assertThat(days("NIFTY", "failed")).isZero();
        assertThat(registry.get("livechain.history.backfill.days.remaining").gauge().value()).isZero();
    }

    @Test
    void theRequestsAreAtmMonthlyOneMinuteCallAndPutPairsOfAtMostThirtyDays() {
        backfill(true, SENSEX).runOnce();

        assertThat(dhan.requests).hasSizeGreaterThanOrEqualTo(24).hasSizeLessThanOrEqualTo(2 * 30);
        for (int i = 0; i < dhan.requests.size(); i += 2) {
            RollingOptionRequest call = dhan.requests.get(i);
            RollingOptionRequest put = dhan.requests.get(i + 1);
            assertThat(call.type()).isEqualTo(OptionType.CE);
            assertThat(put).isEqualTo(call.forDays(call.from(), call.to()).withType(OptionType.PE));
            assertThat(call.underlyingSecurityId()).isEqualTo(51);
            assertThat(call.segment()).isEqualTo(ExchangeSegment.BSE_FNO);
            assertThat(call.expiryFlag()).isEqualTo(RollingOptionRequest.ExpiryFlag.MONTH);
            assertThat(call.strike()).isEqualTo("ATM");
            assertThat(call.intervalMinutes()).isEqualTo(1);
            assertThat(call.expiryCode()).isIn(1, 2);
            assertThat(call.from().plusDays(29)).isAfterOrEqualTo(call.to());
        }
        assertThat(dhan.requests.get(0).from()).isEqualTo(LocalDate.of(2025, 12, 1));
        assertThat(dhan.requests.get(dhan.requests.size() - 1).to()).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void recordedDaysAreNeitherAskedForNorOverwritten() {
        // Only 2 and 30 November missing.
        InMemoryIvHistory fresh = new InMemoryIvHistory();
        for (LocalDate day : weekdays(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30))) {
            if (!day.equals(LocalDate.of(2026, 11, 2)) && !day.equals(LocalDate.of(2026, 11, 30))) {
                fresh.record("NIFTY", day, 99.0);
            }
        }
        backfill = new IvBackfill(true, dhan, () -> fresh, () -> List.of(NIFTY), TradingDays.WEEKDAYS,
                new MutableClock(NOW), registry);

        List<IvBackfill.Outcome> outcomes = backfill.runOnce();

        assertThat(outcomes).containsExactly(new IvBackfill.Outcome("NIFTY", 2, 2, 0, 0));
        assertThat(dhan.requests).hasSize(2);
        assertThat(fresh.writes()).containsExactly("NIFTY 2");
        Map<LocalDate, IvDay> stored = fresh.days("NIFTY");
        assertThat(stored.get(LocalDate.of(2026, 11, 2)).origin()).isEqualTo(IvDay.Origin.BACKFILLED);
        assertThat(stored.get(LocalDate.of(2026, 11, 30)).origin()).isEqualTo(IvDay.Origin.BACKFILLED);
        assertThat(stored.values()).filteredOn(d -> d.origin() == IvDay.Origin.RECORDED)
                .hasSize(weekdays(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30)).size() - 2)
                .allMatch(d -> d.atmIv() == 99.0);
    }

    @Test
    void aSecondRunAsksForNothingOnceEveryDayIsFilledOrKnownEmpty() {
        backfill(true, NIFTY).runOnce();
        int asked = dhan.requests.size();

        List<IvBackfill.Outcome> again = backfill.runOnce();

        assertThat(dhan.requests).hasSize(asked);
        assertThat(again).containsExactly(new IvBackfill.Outcome("NIFTY", 0, 0, 0, 0));
    }

    @Test
    void aMalformedAnswerLosesOnlyItsChunkAndItsDaysAreAskedAgainNextRun() {
        LocalDate bad = LocalDate.of(2026, 6, 1);
        dhan.failure = r -> r.underlyingSecurityId() == 13 && !r.from().isAfter(bad) && !r.to().isBefore(bad)
                && r.type() == OptionType.PE ? new MarketDataException("POST /v2/charts/rollingoption",
                        "200 with a malformed answer: data.pe.iv has 374 values for 375 timestamps", Kind.BAD_RESPONSE)
                : null;
        backfill(true, NIFTY, SENSEX);

        List<IvBackfill.Outcome> first = backfill.runOnce();

        IvBackfill.Outcome nifty = first.get(0);
        assertThat(nifty.failed()).isPositive();
        assertThat(nifty.filled() + nifty.empty() + nifty.failed()).isEqualTo(nifty.missing());
        assertThat(store.days("NIFTY")).doesNotContainKey(bad);
        assertThat(first.get(1).failed()).as("the next underlying is still filled").isZero();
        assertThat(first.get(1).filled()).isPositive();
        assertThat(days("NIFTY", "failed")).isEqualTo(nifty.failed());

        dhan.failure = r -> null;
        List<IvBackfill.Outcome> second = backfill.runOnce();

        assertThat(second.get(0).missing()).isEqualTo(nifty.failed());
        assertThat(second.get(0).filled()).isEqualTo(nifty.failed());
        assertThat(store.days("NIFTY")).containsKey(bad);
    }

    @Test
    void dhanSayingNoDataMarksTheChunkEmpty() {
        List<RollingOptionRequest> refused = Collections.synchronizedList(new ArrayList<>());
        dhan.failure = r -> {
            if (r.from().getYear() == 2026 && r.from().getMonthValue() == 1) {
                refused.add(r);
                return new MarketDataException("POST /v2/charts/rollingoption",
                        "400 DH-907 (bad parameters or no data): No data", Kind.BAD_RESPONSE);
            }
            return null;
        };

        IvBackfill.Outcome outcome = backfill(true, NIFTY).runOnce().get(0);

        Set<LocalDate> refusedDays = new TreeSet<>();
        refused.forEach(r -> refusedDays.addAll(weekdays(r.from(), r.to())));
        assertThat(refusedDays).isNotEmpty();
        assertThat(outcome.failed()).isZero();
        assertThat(outcome.empty()).isEqualTo(refusedDays.size() + NO_DATA.size());
        assertThat(store.days("NIFTY").keySet()).doesNotContainAnyElementsOf(refusedDays);
        assertThat(days("NIFTY", "empty")).isEqualTo(outcome.empty());
    }

    @Test
    void refusedCredentialsEndTheRunAndTheNextRunStartsOver() {
        dhan.failure = r -> new MarketDataException("POST /v2/charts/rollingoption",
                "401 DH-901 (access token or client id invalid or expired)", Kind.AUTHENTICATION);

        List<IvBackfill.Outcome> outcomes = backfill(true, NIFTY, SENSEX).runOnce();

        assertThat(dhan.requests).hasSize(1);
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0).filled()).isZero();
        assertThat(store.days("NIFTY")).isEmpty();

        dhan.failure = r -> null;
        assertThat(backfill.runOnce()).extracting(IvBackfill.Outcome::failed).containsExactly(0, 0);
        assertThat(store.days("SENSEX")).isNotEmpty();
    }

    @Test
    void aStoreThatCannotWriteEndsTheRunWithNothingLost() {
        store.failNextWrite = new IllegalStateException("database is locked");

        List<IvBackfill.Outcome> first = backfill(true, NIFTY).runOnce();

        assertThat(first.get(0).failed()).isPositive();
        assertThat(store.days("NIFTY")).isEmpty();
        backfill.runOnce();
        assertThat(store.days("NIFTY")).hasSize(weekdays(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30)).size() - 2);
    }

    @Test
    void theRemainingGaugeCountsDownFromTheDaysMissing() {
        List<Double> seen = Collections.synchronizedList(new ArrayList<>());
        dhan.onRequest = () -> seen.add(registry.get("livechain.history.backfill.days.remaining").gauge().value());

        backfill(true, NIFTY).runOnce();

        int year = weekdays(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30)).size();
        assertThat(seen.get(0)).isEqualTo(year);
        assertThat(seen).isSortedAccordingTo(Collections.reverseOrder());
        assertThat(seen.get(seen.size() - 1)).isLessThan(31);
        assertThat(registry.get("livechain.history.backfill.days.remaining").gauge().value()).isZero();
    }

    @Test
    void theChainBeingReadyStartsABackfillInTheBackground() {
        backfill(true, NIFTY).onChainReady(new ChainReadyEvent(InstrumentIndex.EMPTY, MarketSource.SIMULATED));

        await().atMost(Duration.ofSeconds(30)).until(() -> backfill.runsCompleted() >= 1);
        assertThat(store.days("NIFTY")).isNotEmpty();
    }

    @Test
    void offMeansNoCallAtAll() throws InterruptedException {
        backfill(false, NIFTY).onChainReady(new ChainReadyEvent(InstrumentIndex.EMPTY, MarketSource.SIMULATED));
        backfill.universeReloaded();
        backfill.destroy();

        assertThat(backfill.runsCompleted()).isZero();
        assertThat(dhan.requests).isEmpty();
    }

    @Test
    void withoutAStoreNothingIsAsked() {
        backfill = new IvBackfill(true, dhan, () -> null, () -> List.of(NIFTY), TradingDays.WEEKDAYS,
                new MutableClock(NOW), registry);

        assertThat(backfill.runOnce()).isEmpty();
        assertThat(dhan.requests).isEmpty();
    }
}

package com.livechain.history.api;

import java.math.BigDecimal;
import java.time.Clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.livechain.analytics.IvRank;
import com.livechain.api.ApiProblem;
import com.livechain.chain.ChainCache;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionChain;
import com.livechain.chain.StrikeRow;
import com.livechain.chain.Underlying;
import com.livechain.history.HistoryProperties;
import com.livechain.history.store.ExpiryPoint;
import com.livechain.history.store.HistoryDatabase;
import com.livechain.history.store.HistoryStore;
import com.livechain.history.store.IvDay;
import com.livechain.history.store.IvHistoryStore;
import com.livechain.history.store.LegPoint;
import com.livechain.history.store.StrikePoint;
import com.livechain.market.MarketHours;

/**
 * The market memory over HTTP: {@code GET /options/series} and {@code GET /options/iv-history} as the contract
 * shows them. Reads go to the history database (bounded by its timeouts); a database that does not answer gets
 * a 503 problem, never an error from the live chain, which does not touch it.
 */
@RestController
@RequestMapping(path = "/options", produces = MediaType.APPLICATION_JSON_VALUE)
public class HistoryController {

    private static final Logger log = LoggerFactory.getLogger(HistoryController.class);
    static final DateTimeFormatter IST_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(MarketHours.IST);
    static final long RETRY_AFTER_SECONDS = 30;

    private final ChainCache cache;
    private final HistoryStore store;
    private final IvHistoryStore ivHistory;
    private final HistoryDatabase db;
    private final Clock clock;
    private final String interval;

    public HistoryController(ChainCache cache, HistoryStore store, IvHistoryStore ivHistory, HistoryDatabase db,
                             Clock clock, HistoryProperties properties) {
        this.cache = cache;
        this.store = store;
        this.ivHistory = ivHistory;
        this.db = db;
        this.clock = clock;
        this.interval = properties.interval().toString();
    }

    @GetMapping("/series")
    public Object series(@RequestParam(required = false) String underlying,
                         @RequestParam(required = false) String expiry,
                         @RequestParam(required = false) String strike,
                         @RequestParam(required = false) String from,
                         @RequestParam(required = false) String to) {
        String symbol = HistoryRequests.underlying(underlying, configured());
        LocalDate day = HistoryRequests.expiry(expiry);
        BigDecimal strikePrice = HistoryRequests.strike(strike);
        HistoryRequests.Bound fromBound = HistoryRequests.bound("from", from);
        HistoryRequests.Bound toBound = HistoryRequests.bound("to", to);
        MarketSource source = readySource();
        requireUnderlying(source, symbol);
        requireExpiry(source, symbol, day);
        if (strikePrice != null) {
            requireStrike(symbol, day, strikePrice);
        }
        Instant now = clock.instant();
        Instant[] range = range(fromBound, toBound, now, () -> store.latest(source, symbol, day, now));
        if (strikePrice == null) {
            List<SeriesView.Point> points = store.expirySeries(source, symbol, day, range[0], range[1]).stream()
                    .map(HistoryController::point).toList();
            return new SeriesView(source.name(), symbol, day.toString(), interval, points);
        }
        List<StrikeSeriesView.Point> points = store.strikeSeries(source, symbol, day, strikePrice.doubleValue(),
                range[0], range[1]).stream().map(HistoryController::point).toList();
        return new StrikeSeriesView(source.name(), symbol, day.toString(), number(strikePrice.doubleValue()), interval,
                points);
    }

    @GetMapping("/iv-history")
    public IvHistoryView ivHistory(@RequestParam(required = false) String underlying,
                                   @RequestParam(required = false) String days) {
        String symbol = HistoryRequests.underlying(underlying, configured());
        int n = HistoryRequests.days(days);
        MarketSource source = readySource();
        LocalDate today = MarketHours.today(clock.instant());
        List<IvDay> listed = ivHistory.daysSince(source, symbol, today.minusDays(n - 1L));
        if (listed.isEmpty() && cache.underlying(symbol).isEmpty()) {
            throw unknownUnderlying(symbol);
        }
        IvRank rank = IvHistoryStore.rank(listed);
        return new IvHistoryView(source.name(), symbol, finite(rank.current(), 2), finite(rank.ivRank(), 1),
                finite(rank.ivPercentile(), 1),
                listed.stream().map(d -> new IvHistoryView.Day(d.date().toString(), d.atmIv(), d.origin().name())).toList());
    }

    /**
     * Neither end given: the whole IST day of the newest recorded interval (the current session, or the last
     * one). A date is the whole day; {@code to} alone starts at the start of its day; {@code from} alone runs to now.
     */
    static Instant[] range(HistoryRequests.Bound from, HistoryRequests.Bound to, Instant now,
                           java.util.function.Supplier<Optional<Instant>> latest) {
        Instant start;
        Instant end;
        if (from == null && to == null) {
            LocalDate day = MarketHours.today(latest.get().orElse(now));
            start = startOf(day);
            end = startOf(day.plusDays(1)).minusSeconds(1);
        } else {
            end = to == null ? now : to.date() != null ? startOf(to.date().plusDays(1)).minusSeconds(1) : to.instant();
            start = from == null ? startOf(MarketHours.today(end))
                    : from.date() != null ? startOf(from.date()) : from.instant();
        }
        if (start.isAfter(end)) {
            throw ApiProblem.badParameter("Parameter 'from' must not be after 'to' (" + IST_SECONDS.format(start)
                    + " is after " + IST_SECONDS.format(end) + ").");
        }
        return new Instant[] {start, end};
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(MarketHours.IST).toInstant();
    }

    private MarketSource readySource() {
        Optional<MarketSource> source = cache.source();
        if (source.isEmpty()) {
            throw ApiProblem.notReady("The option chains are still loading; retry shortly.", 5);
        }
        if (!db.isMigrated()) {
            // The writer brings the schema up to date as the application starts; a read that comes first waits
            // for it (bounded by the connection timeout) rather than answering 503 on a healthy database.
            try {
                db.migrate();
            } catch (RuntimeException e) {
                throw new HistoryUnavailable();
            }
        }
        return source.get();
    }

    private List<String> configured() {
        return cache.underlyings().stream().map(Underlying::symbol).toList();
    }

    private void requireUnderlying(MarketSource source, String symbol) {
        if (cache.underlying(symbol).isEmpty() && !store.hasUnderlying(source, symbol)) {
            throw unknownUnderlying(symbol);
        }
    }

    private ApiProblem unknownUnderlying(String symbol) {
        return ApiProblem.notFound("Unknown underlying", "No history is kept for underlying '" + symbol + "'.",
                configured());
    }

    private void requireExpiry(MarketSource source, String symbol, LocalDate expiry) {
        List<LocalDate> live = cache.expiries(symbol);
        if (live.contains(expiry) || store.latest(source, symbol, expiry, Instant.MAX.minusSeconds(1)).isPresent()) {
            return;
        }
        TreeSet<LocalDate> available = new TreeSet<>(live);
        available.addAll(store.recordedExpiries(source, symbol));
        throw ApiProblem.notFound("Unknown expiry", "No " + symbol + " expiry on " + expiry
                + " is live or was recorded.", available.stream().map(LocalDate::toString).toList());
    }

    /** A live expiry's strike must be listed; an expired expiry's strikes are whatever was recorded. */
    private void requireStrike(String symbol, LocalDate expiry, BigDecimal strike) {
        Optional<OptionChain> chain = cache.chain(symbol, expiry);
        if (chain.isEmpty()) {
            return;
        }
        List<StrikeRow> rows = chain.get().strikes();
        for (StrikeRow row : rows) {
            if (row.strike().compareTo(strike) == 0) {
                return;
            }
        }
        throw ApiProblem.notFound("Unknown strike", "No " + symbol + " " + expiry + " strike "
                + strike.stripTrailingZeros().toPlainString() + " is listed.",
                rows.stream().map(r -> r.strike().stripTrailingZeros().toPlainString()).toList());
    }

    private static SeriesView.Point point(ExpiryPoint p) {
        return new SeriesView.Point(IST_SECONDS.format(p.t()), p.spot(), p.forward(), number(p.atmStrike()), p.atmIv(),
                p.straddle(), p.pcr(), number(p.maxPain()), p.totalCeOi(), p.totalPeOi());
    }

    private static StrikeSeriesView.Point point(StrikePoint p) {
        return new StrikeSeriesView.Point(IST_SECONDS.format(p.t()), leg(p.ce()), leg(p.pe()));
    }

    private static StrikeSeriesView.Leg leg(LegPoint leg) {
        return new StrikeSeriesView.Leg(leg.ltp(), leg.bid(), leg.ask(), leg.iv(), leg.oi(), leg.volume());
    }

    /** Whole strikes as integers (26000, not 26000.0), as {@code /options/live} writes them. */
    static Number number(Double value) {
        if (value == null) {
            return null;
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) (double) value : (Number) value;
    }

    private static Double finite(double value, int decimals) {
        return Double.isFinite(value)
                ? BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue() + 0.0
                : null;
    }

    /** The schema is not in place yet (the database was unreachable since start-up). */
    static final class HistoryUnavailable extends RuntimeException {
        HistoryUnavailable() {
            super(null, null, false, false);
        }
    }

    @ExceptionHandler(HistoryUnavailable.class)
    ResponseEntity<ProblemDetail> notMigrated(HistoryUnavailable e) {
        return unavailable();
    }

    /** A read that failed or timed out: the database's trouble, said without its internals. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> databaseFailed(DataAccessException e) {
        log.warn("A history read failed: {}", e.getMostSpecificCause().getMessage() == null
                ? e.getClass().getSimpleName() : e.getMostSpecificCause().getMessage().replaceAll("(?i)(password=)[^&;\\s]*", "$1****"));
        return unavailable();
    }

    private static ResponseEntity<ProblemDetail> unavailable() {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The market memory's database is not answering; the live chain is not affected. See /actuator/health"
                        + " (history) for the reason, and retry after Retry-After seconds.");
        body.setTitle("History unavailable");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).headers(headers).body(body);
    }

}

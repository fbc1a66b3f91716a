package com.livechain.market;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * When NSE and BSE trade equity derivatives: 09:15-15:30 IST Monday to Friday, except the exchange holidays, plus
 * the special sessions (protocol §11). The dates come from the calendar livechain ships ({@code calendar/*.csv},
 * from the exchanges' circulars) and from {@code livechain.calendar.*}, which take precedence: a configured
 * session replaces whatever is shipped for its date, a configured holiday closes its date.
 *
 * <p>A year the shipped data does not confirm (2027 until its circular is shipped: provisional, fixed-date holidays
 * only; 2028 on: nothing but weekends) is answered as if every other weekday traded, and start-up, health and the
 * page say so. Failing closed instead would hide a dead feed on a real trading day: nothing stale, no stall
 * reconnect, no alert. Taking a holiday for a trading day errs the safe way: quiet prices are shown stale.
 *
 * <p>A session announced without its timings (the 2026 Muhurat) keeps its date closed until
 * {@code livechain.calendar.sessions} gives the times, and start-up warns about it while it lies ahead.
 *
 * <p>Immutable but for a cache of the current open or closed stretch, so {@link #isOpenAt(long)} is two compares
 * in the steady state: staleness asks it for every price it judges.
 */
public final class ExchangeCalendar {

    /** How far the shipped data can be trusted for a year. */
    public enum Coverage {
        /** The exchanges' circular for the year is shipped. */
        CONFIRMED,
        /** No circular yet: only the certain (fixed-date) holidays are shipped. */
        PROVISIONAL,
        /** Nothing shipped: only weekends are known. */
        UNKNOWN
    }

    static final String HOLIDAYS_SETTING = "livechain.calendar.holidays";

    /** Longer than any exchange closure; a search that finds no session in it gives up. */
    private static final int SEARCH_DAYS = 400;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final ShippedCalendar shipped;
    private final Set<LocalDate> configuredHolidays;
    private final Map<LocalDate, TradingSession> configuredSessions;

    /** The open or closed stretch last asked about: [from, until) in epoch millis. */
    private record Stretch(long from, long until, boolean open) {
    }

    /** The status last asked for and the span it holds for. */
    private record Held(long from, long until, MarketStatus status) {
    }

    private volatile Stretch stretch = new Stretch(0, 0, false);
    private volatile Held held = new Held(0, 0, null);

    private ExchangeCalendar(ShippedCalendar shipped, CalendarProperties configured) {
        this.shipped = Objects.requireNonNull(shipped, "shipped");
        this.configuredHolidays = new TreeSet<>(configured.holidays());
        this.configuredSessions = new TreeMap<>();
        for (TradingSession session : configured.sessions()) {
            configuredSessions.put(session.date(), session);
        }
    }

    /** The shipped NSE/BSE calendar with {@code configured} dates added. */
    public static ExchangeCalendar of(CalendarProperties configured) {
        return new ExchangeCalendar(Shipped.DATA, Objects.requireNonNull(configured, "configured"));
    }

    /** The shipped NSE/BSE calendar alone: for the simulator, which plays the exchange, and for tests. */
    public static ExchangeCalendar shipped() {
        return Shipped.CALENDAR;
    }

    /** Read once: the data is the same for every calendar. */
    private static final class Shipped {
        static final ShippedCalendar DATA = ShippedCalendar.load();
        static final ExchangeCalendar CALENDAR = new ExchangeCalendar(DATA, CalendarProperties.none());
    }

    // ---- one date

    /** The session of {@code date}, or why it has none. */
    public CalendarDay day(LocalDate date) {
        Optional<Holiday> holiday = Optional.ofNullable(shipped.holidays.get(date));
        TradingSession configured = configuredSessions.get(date);
        if (configured != null) {
            return trading(date, configured, holiday);
        }
        if (configuredHolidays.contains(date)) {
            if (holiday.isPresent()) {
                return new CalendarDay(date, Optional.empty(), holiday, holidayReason(date, holiday.get()));
            }
            return new CalendarDay(date, Optional.empty(), Optional.of(new Holiday(date, "exchange holiday", HOLIDAYS_SETTING)),
                    isWeekend(date) ? dayName(date) : "exchange holiday (" + HOLIDAYS_SETTING + ")");
        }
        TradingSession special = shipped.sessions.get(date);
        if (special != null) {
            return trading(date, special, holiday);
        }
        ShippedCalendar.PendingSession pending = shipped.pending.get(date);
        if (pending != null) {
            return new CalendarDay(date, Optional.empty(), holiday,
                    pending.description() + ": timings not yet announced (set " + TradingSession.SETTING + ")");
        }
        if (holiday.isPresent()) {
            return new CalendarDay(date, Optional.empty(), holiday, holidayReason(date, holiday.get()));
        }
        if (isWeekend(date)) {
            return new CalendarDay(date, Optional.empty(), Optional.empty(), dayName(date));
        }
        return trading(date, TradingSession.normal(date), Optional.empty());
    }

    public Optional<TradingSession> session(LocalDate date) {
        return day(date).session();
    }

    public boolean isTradingDay(LocalDate date) {
        return day(date).isTradingDay();
    }

    /** The last trading day before {@code date}. */
    public LocalDate previousTradingDay(LocalDate date) {
        LocalDate d = date.minusDays(1);
        for (int i = 0; i < SEARCH_DAYS; i++, d = d.minusDays(1)) {
            if (isTradingDay(d)) {
                return d;
            }
        }
        throw new IllegalStateException("No trading day in the " + SEARCH_DAYS + " days before " + date);
    }

    /**
     * The day a contract scheduled to expire on {@code scheduled} expires: that day if it trades, else the
     * previous trading day (protocol §12: NIFTY's Tuesday 2026-03-03, Holi, expired on Monday 2026-03-02).
     * Only to check or to simulate what the exchange lists; expiries are always read from Dhan.
     */
    public LocalDate expiryFor(LocalDate scheduled) {
        return isTradingDay(scheduled) ? scheduled : previousTradingDay(scheduled);
    }

    /**
     * Why an expiry Dhan lists on {@code listed} cannot be right, if it cannot: the exchange moves an expiry that
     * falls on a closed day to the previous trading day, so none is ever listed on one.
     */
    public Optional<String> listedExpiryProblem(LocalDate listed) {
        CalendarDay day = day(listed);
        if (day.isTradingDay()) {
            return Optional.empty();
        }
        return Optional.of(listed + " is closed (" + day.reason() + "); by the exchange's rule that expiry moves to "
                + previousTradingDay(listed));
    }

    // ---- an instant

    public boolean isOpen(Instant instant) {
        return isOpenAt(instant.toEpochMilli());
    }

    /** {@link #isOpen(Instant)} without an {@code Instant}: allocation-free once the current stretch is known. */
    public boolean isOpenAt(long epochMillis) {
        return stretchContaining(epochMillis).open;
    }

    /** The cached stretch if it holds {@code epochMillis}, else the stretch that does (and it is cached). */
    private Stretch stretchContaining(long epochMillis) {
        Stretch s = stretch;
        if (epochMillis >= s.from && epochMillis < s.until) {
            return s;
        }
        s = stretchAt(epochMillis);
        stretch = s;
        return s;
    }

    private Stretch stretchAt(long epochMillis) {
        Instant now = Instant.ofEpochMilli(epochMillis);
        Optional<TradingSession> today = session(MarketHours.today(now));
        if (today.isPresent() && today.get().contains(now)) {
            return new Stretch(today.get().opensAt().toEpochMilli(), today.get().closesAt().toEpochMilli(), true);
        }
        long from = previousSession(now).map(p -> p.closesAt().toEpochMilli()).orElse(Long.MIN_VALUE);
        long until = nextSession(now).map(n -> n.opensAt().toEpochMilli()).orElse(Long.MAX_VALUE);
        return new Stretch(from, until, false);
    }

    /** The first session that opens after {@code instant}. Empty only if none opens in the next 400 days. */
    public Optional<TradingSession> nextSession(Instant instant) {
        LocalDate d = MarketHours.today(instant);
        for (int i = 0; i < SEARCH_DAYS; i++, d = d.plusDays(1)) {
            Optional<TradingSession> s = session(d);
            if (s.isPresent() && s.get().opensAt().isAfter(instant)) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** The open of the next session after {@code instant}. */
    public Optional<Instant> nextOpen(Instant instant) {
        return nextSession(instant).map(TradingSession::opensAt);
    }

    /** The last session closed at or before {@code instant}. */
    private Optional<TradingSession> previousSession(Instant instant) {
        LocalDate d = MarketHours.today(instant);
        for (int i = 0; i < SEARCH_DAYS; i++, d = d.minusDays(1)) {
            Optional<TradingSession> s = session(d);
            if (s.isPresent() && !s.get().closesAt().isAfter(instant)) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** Open or closed at {@code instant}, why, and until when: for the page and health. */
    public MarketStatus status(Instant instant) {
        long millis = instant.toEpochMilli();
        Held h = held;
        if (millis >= h.from && millis < h.until) {
            return h.status;
        }
        // Another thread may replace the cached stretch meanwhile: hold on to the one for this instant.
        Stretch s = stretchContaining(millis);
        LocalDate today = MarketHours.today(instant);
        // The reason is per day ("Saturday", then "Sunday"), so a status holds for its stretch within its day.
        long dayStart = today.atStartOfDay(MarketHours.IST).toInstant().toEpochMilli();
        long dayEnd = today.plusDays(1).atStartOfDay(MarketHours.IST).toInstant().toEpochMilli();
        MarketStatus status = computeStatus(instant, today);
        held = new Held(Math.max(s.from, dayStart), Math.min(s.until, dayEnd), status);
        return status;
    }

    private MarketStatus computeStatus(Instant instant, LocalDate today) {
        CalendarDay day = day(today);
        Optional<TradingSession> session = day.session();
        if (session.isPresent() && session.get().contains(instant)) {
            return new MarketStatus(true, "open until " + HH_MM.format(session.get().close()) + " IST",
                    ist(session.get().closesAt()), null, notices(Set.of(today.getYear())));
        }
        String reason;
        if (session.isPresent()) {
            reason = instant.isBefore(session.get().opensAt())
                    ? "before the " + HH_MM.format(session.get().open()) + " IST open"
                    : "after the " + HH_MM.format(session.get().close()) + " IST close";
        } else {
            reason = day.reason();
        }
        Optional<TradingSession> next = nextSession(instant);
        Set<Integer> years = new LinkedHashSet<>(List.of(today.getYear()));
        next.ifPresent(n -> years.add(n.date().getYear()));
        return new MarketStatus(false, reason, null, next.map(n -> ist(n.opensAt())).orElse(null), notices(years));
    }

    // ---- what the data is not sure of

    public Coverage coverage(int year) {
        ShippedCalendar.Year y = shipped.years.get(year);
        return y == null ? Coverage.UNKNOWN : y.coverage();
    }

    /** One line for each of {@code years} that is not confirmed: what the page and the push status show. */
    private List<String> notices(Set<Integer> years) {
        List<String> notices = new ArrayList<>();
        for (int year : years) {
            switch (coverage(year)) {
                case PROVISIONAL -> notices.add("The " + year + " holiday calendar is provisional: only "
                        + knownHolidays(year) + " are known until the NSE/BSE circular is loaded");
                case UNKNOWN -> notices.add("No " + year + " holiday calendar is loaded: only weekends are known");
                case CONFIRMED -> {
                }
            }
        }
        return notices;
    }

    /**
     * What an operator must know on {@code today}, logged at start-up and shown in health: this year or next one
     * provisional or missing, a session ahead whose timings are not announced. Empty when all is known.
     */
    public List<String> warnings(LocalDate today) {
        List<String> warnings = new ArrayList<>();
        for (int year = today.getYear(); year <= today.getYear() + 1; year++) {
            switch (coverage(year)) {
                case PROVISIONAL -> warnings.add(year + " is PROVISIONAL: NSE/BSE's " + year + " holiday circular is not "
                        + "loaded (" + shipped.years.get(year).basis() + "). Only " + knownHolidays(year) + " are known; "
                        + "on any other " + year + " holiday livechain takes the market for open (quiet prices show stale, "
                        + "the stall watchdog reconnects, the market-hours alerts fire). Add each holiday to "
                        + HOLIDAYS_SETTING + " until a release ships the circular's list.");
                case UNKNOWN -> warnings.add("No NSE/BSE holiday calendar for " + year + " is shipped: livechain takes "
                        + "every " + year + " weekday for a 09:15-15:30 IST session. Add the year's holidays to "
                        + HOLIDAYS_SETTING + " (and its special sessions to " + TradingSession.SETTING
                        + "), or run a release that ships the year.");
                case CONFIRMED -> {
                }
            }
        }
        for (ShippedCalendar.PendingSession pending : shipped.pending.values()) {
            LocalDate date = pending.date();
            if (!date.isBefore(today) && !configuredSessions.containsKey(date) && !configuredHolidays.contains(date)) {
                warnings.add(date + " " + pending.description() + ": NSE/BSE have not announced its timings ("
                        + pending.source() + "). The day counts as closed until " + TradingSession.SETTING
                        + " names them, e.g. " + date + " 18:00-19:15.");
            }
        }
        return warnings;
    }

    /** "2027-01-26 Republic Day, 2027-03-26 Good Friday" for the shipped weekday holidays of {@code year}. */
    private String knownHolidays(int year) {
        String known = shipped.holidays.values().stream()
                .filter(h -> h.date().getYear() == year && !isWeekend(h.date()))
                .map(h -> h.date() + " " + h.description())
                .collect(Collectors.joining(", "));
        return known.isEmpty() ? "weekends" : known;
    }

    // ---- wording

    private static CalendarDay trading(LocalDate date, TradingSession session, Optional<Holiday> holiday) {
        return new CalendarDay(date, Optional.of(session), holiday,
                session.description() + " " + session.hours() + " IST");
    }

    private static String holidayReason(LocalDate date, Holiday holiday) {
        return isWeekend(date)
                ? dayName(date) + " (" + holiday.description() + ")"
                : holiday.description() + " (NSE/BSE holiday)";
    }

    private static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    private static String dayName(LocalDate date) {
        return date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static OffsetDateTime ist(Instant instant) {
        return instant.atZone(MarketHours.IST).toOffsetDateTime();
    }
}

package com.livechain.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The NSE/BSE calendar against the exchanges' circulars (shared/dhan-protocol.md §11) and the expiry-day rule
 * against the 2026 shifted expiries (§12).
 */
class ExchangeCalendarTest {

    private final ExchangeCalendar calendar = ExchangeCalendar.shipped();

    private static Instant ist(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(MarketHours.IST).toInstant();
    }

    private static ExchangeCalendar configured(List<String> holidays, List<String> sessions) {
        return ExchangeCalendar.of(new CalendarProperties(holidays.stream().map(LocalDate::parse).toList(),
                sessions.stream().map(TradingSession::of).toList()));
    }

    // §11.1, every 2026 weekday trading holiday: closed the whole day, named as the circular names it.
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-01-15 | Municipal Corporation Elections (Maharashtra)
            2026-01-26 | Republic Day
            2026-03-03 | Holi
            2026-03-26 | Shri Ram Navami
            2026-03-31 | Shri Mahavir Jayanti
            2026-04-03 | Good Friday
            2026-04-14 | Dr. Baba Saheb Ambedkar Jayanti
            2026-05-01 | Maharashtra Day
            2026-05-28 | Bakri Id
            2026-06-26 | Muharram
            2026-09-14 | Ganesh Chaturthi
            2026-10-02 | Mahatma Gandhi Jayanti
            2026-10-20 | Dussehra
            2026-11-10 | Diwali-Balipratipada
            2026-11-24 | Prakash Gurpurb Sri Guru Nanak Dev
            2026-12-25 | Christmas
            """)
    void every2026WeekdayHolidayOfTheCircularIsClosedAllDay(LocalDate date, String name) {
        CalendarDay day = calendar.day(date);

        assertThat(day.isTradingDay()).isFalse();
        assertThat(day.holiday()).hasValueSatisfying(h -> assertThat(h.description()).isEqualTo(name));
        assertThat(day.reason()).isEqualTo(name + " (NSE/BSE holiday)");
        for (String time : List.of("09:15", "10:30", "15:29")) {
            assertThat(calendar.isOpen(ist(date + "T" + time))).as(date + " " + time).isFalse();
        }
    }

    @Test
    void theCircularListsSixteenWeekdayHolidaysIn2026AndNoOtherWeekdayIsClosed() {
        List<LocalDate> closedWeekdays = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() == 2026; d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5 && !calendar.isTradingDay(d)) {
                closedWeekdays.add(d);
            }
        }
        assertThat(closedWeekdays).hasSize(16);
        assertThat(calendar.coverage(2026)).isEqualTo(ExchangeCalendar.Coverage.CONFIRMED);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-02-15 | Sunday (Mahashivratri)
            2026-03-21 | Saturday (Id-Ul-Fitr (Ramzan Id))
            2026-08-15 | Saturday (Independence Day)
            """)
    void theHolidaysOnAWeekendAreListedAndClosed(LocalDate date, String reason) {
        CalendarDay day = calendar.day(date);
        assertThat(day.isTradingDay()).isFalse();
        assertThat(day.holiday()).isPresent();
        assertThat(day.reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // Currency-derivatives holidays only (BSE notice of 23 Dec 2025): equity derivatives trade.
            "2026-02-19", "2026-03-19", "2026-04-01",
            // Superseded drafts in third-party code (Holi 10 Mar, Diwali 21 Oct): trading days.
            "2026-03-10", "2026-10-21"})
    void datesThatAreNotEquityDerivativesHolidaysTrade(LocalDate date) {
        assertThat(calendar.isTradingDay(date)).isTrue();
        assertThat(calendar.isOpen(ist(date + "T10:30"))).isTrue();
    }

    @Test
    void aNormalWeekdayIsOpenFrom0915To1530Ist() {
        assertThat(calendar.day(LocalDate.of(2026, 12, 1)).reason()).isEqualTo("normal session 09:15-15:30 IST");
        assertThat(calendar.isOpen(ist("2026-12-01T09:14:59"))).isFalse();
        assertThat(calendar.isOpen(ist("2026-12-01T09:15"))).isTrue();
        assertThat(calendar.isOpen(ist("2026-12-01T15:29:59.999"))).isTrue();
        assertThat(calendar.isOpen(ist("2026-12-01T15:30"))).isFalse();
        assertThat(calendar.day(LocalDate.of(2026, 12, 5)).reason()).isEqualTo("Saturday");
        assertThat(calendar.isOpen(ist("2026-12-05T10:30"))).isFalse();
    }

    @Test
    void budgetSundayIsOpenWithNormalTimings() {
        CalendarDay day = calendar.day(LocalDate.of(2026, 2, 1));

        assertThat(day.session()).hasValueSatisfying(s -> {
            assertThat(s.open()).isEqualTo(LocalTime.of(9, 15));
            assertThat(s.close()).isEqualTo(LocalTime.of(15, 30));
            assertThat(s.description()).contains("Budget");
            assertThat(s.source()).contains("NSE/CMTR/72349");
        });
        assertThat(calendar.isOpen(ist("2026-02-01T09:14:59"))).isFalse();
        assertThat(calendar.isOpen(ist("2026-02-01T09:15"))).isTrue();
        assertThat(calendar.isOpen(ist("2026-02-01T15:29:59"))).isTrue();
        assertThat(calendar.isOpen(ist("2026-02-01T15:30"))).isFalse();
    }

    @Test
    void muhuratHasNoAnnouncedTimingsSoItsDayStaysClosedAndStartUpSaysSoWhileItIsAhead() {
        CalendarDay day = calendar.day(LocalDate.of(2026, 11, 8));

        assertThat(day.isTradingDay()).isFalse();
        assertThat(day.reason()).isEqualTo("Muhurat trading (Diwali Laxmi Pujan): timings not yet announced "
                + "(set livechain.calendar.sessions)");
        assertThat(day.holiday()).hasValueSatisfying(h -> assertThat(h.description()).isEqualTo("Diwali Laxmi Pujan"));
        assertThat(calendar.isOpen(ist("2026-11-08T18:30"))).isFalse();
        assertThat(calendar.warnings(LocalDate.of(2026, 11, 2)))
                .anySatisfy(w -> assertThat(w).startsWith("2026-11-08 Muhurat trading").contains("livechain.calendar.sessions"));
        assertThat(calendar.warnings(LocalDate.of(2026, 11, 9))).noneSatisfy(w -> assertThat(w).contains("Muhurat"));
    }

    @Test
    void aConfiguredSessionGivesMuhuratItsTimingsAndSilencesTheWarning() {
        ExchangeCalendar withMuhurat = configured(List.of(), List.of("2026-11-08 18:00-19:15"));

        assertThat(withMuhurat.isOpen(ist("2026-11-08T17:59"))).isFalse();
        assertThat(withMuhurat.isOpen(ist("2026-11-08T18:00"))).isTrue();
        assertThat(withMuhurat.isOpen(ist("2026-11-08T19:14"))).isTrue();
        assertThat(withMuhurat.isOpen(ist("2026-11-08T19:15"))).isFalse();
        assertThat(withMuhurat.warnings(LocalDate.of(2026, 11, 2))).noneSatisfy(w -> assertThat(w).contains("Muhurat"));
        assertThat(calendar.isOpen(ist("2026-11-08T18:30"))).as("the shipped calendar is unchanged").isFalse();
    }

    @Test
    void aConfiguredHolidayClosesItsDayAndAConfiguredSessionOpensAWeekendOrReplacesAShippedDay() {
        ExchangeCalendar extra = configured(List.of("2026-12-31"),
                List.of("2026-12-05 10:00-11:00", "2026-12-25 11:00-12:00", "2026-02-01 10:00-12:00"));

        assertThat(extra.day(LocalDate.of(2026, 12, 31)).reason()).isEqualTo("exchange holiday (livechain.calendar.holidays)");
        assertThat(extra.isOpen(ist("2026-12-31T10:30"))).isFalse();
        assertThat(extra.isOpen(ist("2026-12-05T10:30"))).as("a Saturday session").isTrue();
        assertThat(extra.isOpen(ist("2026-12-05T11:00"))).isFalse();
        assertThat(extra.isOpen(ist("2026-12-25T11:30"))).as("a session on a shipped holiday").isTrue();
        assertThat(extra.isOpen(ist("2026-02-01T09:30"))).as("the configured session replaces the shipped one").isFalse();
        assertThat(extra.isOpen(ist("2026-02-01T11:30"))).isTrue();
        assertThat(calendar.isOpen(ist("2026-12-31T10:30"))).as("the shipped calendar is unchanged").isTrue();
    }

    @Test
    void aConfiguredHolidayOnAShippedOneKeepsTheShippedName() {
        ExchangeCalendar extra = configured(List.of("2026-12-25"), List.of());
        assertThat(extra.day(LocalDate.of(2026, 12, 25)).reason()).isEqualTo("Christmas (NSE/BSE holiday)");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-08 18:00             | is not YYYY-MM-DD HH:mm-HH:mm (IST)
            2026-11-08T18:00-19:15       | is not YYYY-MM-DD HH:mm-HH:mm (IST)
            08-11-2026 18:00-19:15       | is not YYYY-MM-DD HH:mm-HH:mm (IST)
            2026-02-30 09:15-15:30       | no such date or time
            2026-11-08 25:00-26:00       | no such date or time
            2026-11-08 19:15-18:00       | a session must open before it closes
            """)
    void aMalformedSessionSettingIsRefusedNamingTheSettingAndTheFormat(String setting, String why) {
        assertThatThrownBy(() -> TradingSession.of(setting))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("livechain.calendar.sessions: '" + setting + "'")
                .hasMessageContaining(why)
                .hasMessageContaining("YYYY-MM-DD HH:mm-HH:mm")
                .hasMessageContaining("e.g. 2026-11-08 18:00-19:15");
    }

    @Test
    void aDateConfiguredTwiceOrAsBothHolidayAndSessionIsRefused() {
        assertThatThrownBy(() -> configured(List.of(), List.of("2026-12-05 10:00-11:00", "2026-12-05 12:00-13:00")))
                .hasMessageContaining("livechain.calendar.sessions names 2026-12-05 twice");
        assertThatThrownBy(() -> configured(List.of("2026-12-05"), List.of("2026-12-05 10:00-11:00")))
                .hasMessageContaining("2026-12-05 is both in livechain.calendar.holidays and in livechain.calendar.sessions");
    }

    // §11.3: no 2027 circular; only the fixed-date weekday holidays are shipped, and the year is flagged.
    @Test
    void year2027IsProvisionalWithOnlyItsFixedDateWeekdayHolidaysAndStartUpWarnsAboutIt() {
        assertThat(calendar.coverage(2027)).isEqualTo(ExchangeCalendar.Coverage.PROVISIONAL);
        for (String date : List.of("2027-01-26", "2027-03-26", "2027-04-14")) {
            assertThat(calendar.isTradingDay(LocalDate.parse(date))).as(date).isFalse();
        }
        List<LocalDate> closedWeekdays = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2027, 1, 1); d.getYear() == 2027; d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5 && !calendar.isTradingDay(d)) {
                closedWeekdays.add(d);
            }
        }
        assertThat(closedWeekdays).containsExactly(
                LocalDate.of(2027, 1, 26), LocalDate.of(2027, 3, 26), LocalDate.of(2027, 4, 14));

        assertThat(calendar.warnings(LocalDate.of(2026, 12, 1))).singleElement().asString()
                .startsWith("2027 is PROVISIONAL")
                .contains("2027-01-26 Republic Day, 2027-03-26 Good Friday, 2027-04-14 Dr. Baba Saheb Ambedkar Jayanti")
                .contains("livechain.calendar.holidays");
        assertThat(calendar.status(ist("2027-01-04T10:00")).notices()).singleElement().asString()
                .contains("2027 holiday calendar is provisional");
        assertThat(calendar.status(ist("2026-12-31T16:00")).notices()).as("the next open is in 2027")
                .singleElement().asString().contains("2027");
        assertThat(calendar.status(ist("2026-12-01T10:00")).notices()).isEmpty();
    }

    @Test
    void aYearWithNoShippedDataTradesEveryWeekdayAndIsWarnedAbout() {
        assertThat(calendar.coverage(2028)).isEqualTo(ExchangeCalendar.Coverage.UNKNOWN);
        assertThat(calendar.isOpen(ist("2028-01-26T10:30"))).isTrue();
        assertThat(calendar.isOpen(ist("2028-01-29T10:30"))).as("a Saturday").isFalse();
        assertThat(calendar.warnings(LocalDate.of(2027, 6, 1)))
                .anySatisfy(w -> assertThat(w).startsWith("2027 is PROVISIONAL"))
                .anySatisfy(w -> assertThat(w).startsWith("No NSE/BSE holiday calendar for 2028"));
        assertThat(calendar.status(ist("2028-03-01T10:00")).notices()).singleElement().asString()
                .isEqualTo("No 2028 holiday calendar is loaded: only weekends are known");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2026-03-03, 2026-03-02",   // Holi on the Tuesday
            "2026-03-04, 2026-03-02",   // over Holi
            "2026-01-27, 2026-01-23",   // over Republic Day (Monday) and the weekend
            "2026-04-06, 2026-04-02",   // over the weekend and Good Friday
            "2026-02-02, 2026-02-01",   // Budget Sunday traded
            "2026-11-09, 2026-11-06",   // the Muhurat Sunday has no timings: not a trading day
            "2026-12-28, 2026-12-24",   // over the weekend and Christmas
            "2027-01-27, 2027-01-25"})  // provisional 2027: Republic Day
    void previousTradingDaySkipsWeekendsAndHolidays(LocalDate date, LocalDate previous) {
        assertThat(calendar.previousTradingDay(date)).isEqualTo(previous);
    }

    // §12's 2026 shifted-expiry table: the scheduled day is a holiday, the contract expires the trading day before.
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "NIFTY,  2026-03-03, 2026-03-02",
            "NIFTY,  2026-03-31, 2026-03-30",
            "NIFTY,  2026-04-14, 2026-04-13",
            "NIFTY,  2026-10-20, 2026-10-19",
            "NIFTY,  2026-11-10, 2026-11-09",
            "NIFTY,  2026-11-24, 2026-11-23",
            "SENSEX, 2026-01-15, 2026-01-14",
            "SENSEX, 2026-03-26, 2026-03-25",
            "SENSEX, 2026-05-28, 2026-05-27",
            // Not shifted: trading days.
            "NIFTY,  2026-12-08, 2026-12-08",
            "SENSEX, 2026-12-31, 2026-12-31"})
    void aHolidayMovesAnExpiryToThePreviousTradingDay(String index, LocalDate scheduled, LocalDate actual) {
        assertThat(calendar.expiryFor(scheduled)).isEqualTo(actual);
        if (!actual.equals(scheduled)) {
            assertThat(calendar.listedExpiryProblem(scheduled)).hasValueSatisfying(p -> assertThat(p)
                    .startsWith(scheduled + " is closed (").endsWith("that expiry moves to " + actual));
        }
        assertThat(calendar.listedExpiryProblem(actual)).isEmpty();
    }

    @Test
    void theNextSessionOpenComesAfterWeekendsAndHolidays() {
        assertThat(calendar.nextOpen(ist("2026-12-25T10:30"))).hasValue(ist("2026-12-28T09:15"));
        assertThat(calendar.nextOpen(ist("2026-04-02T16:00"))).hasValue(ist("2026-04-06T09:15"));
        assertThat(calendar.nextOpen(ist("2026-01-31T12:00"))).as("Budget Sunday").hasValue(ist("2026-02-01T09:15"));
        assertThat(calendar.nextOpen(ist("2026-12-01T08:00"))).as("later the same day").hasValue(ist("2026-12-01T09:15"));
        assertThat(calendar.nextOpen(ist("2026-12-01T10:00"))).as("while open: the next day's").hasValue(ist("2026-12-02T09:15"));
    }

    @Test
    void theStatusSaysWhyTheMarketIsClosedAndWhenItOpens() {
        MarketStatus christmas = calendar.status(ist("2026-12-25T10:30"));
        assertThat(christmas.open()).isFalse();
        assertThat(christmas.reason()).isEqualTo("Christmas (NSE/BSE holiday)");
        assertThat(christmas.nextOpen()).isEqualTo(OffsetDateTime.parse("2026-12-28T09:15+05:30"));
        assertThat(christmas.closesAt()).isNull();

        assertThat(calendar.status(ist("2026-12-26T10:30")).reason()).isEqualTo("Saturday");
        assertThat(calendar.status(ist("2026-12-28T08:00")).reason()).isEqualTo("before the 09:15 IST open");
        assertThat(calendar.status(ist("2026-12-28T16:00")).reason()).isEqualTo("after the 15:30 IST close");

        MarketStatus open = calendar.status(ist("2026-12-28T10:30"));
        assertThat(open.open()).isTrue();
        assertThat(open.reason()).isEqualTo("open until 15:30 IST");
        assertThat(open.closesAt()).isEqualTo(OffsetDateTime.parse("2026-12-28T15:30+05:30"));
        assertThat(open.nextOpen()).isNull();
    }

    @Test
    void theCachedOpenOrClosedStretchAgreesWithTheDayByDayAnswerInAnyOrderOfAsking() {
        // Every 7 minutes from before Christmas to after the new year, asked in order, backwards and shuffled,
        // against the day's session computed afresh: the cache must never answer for the wrong stretch.
        List<Instant> instants = new ArrayList<>();
        for (Instant t = ist("2026-12-23T00:00"); t.isBefore(ist("2027-01-05T00:00")); t = t.plusSeconds(7 * 60)) {
            instants.add(t);
        }
        ExchangeCalendar asked = configured(List.of("2026-12-29"), List.of("2026-12-26 10:00-11:00"));
        ExchangeCalendar fresh = configured(List.of("2026-12-29"), List.of("2026-12-26 10:00-11:00"));
        List<Instant> backwards = new ArrayList<>(instants);
        Collections.reverse(backwards);
        List<Instant> shuffled = new ArrayList<>(instants);
        Collections.shuffle(shuffled, new Random(7));
        for (List<Instant> order : List.of(instants, backwards, shuffled)) {
            for (Instant t : order) {
                boolean expected = fresh.session(MarketHours.today(t)).map(s -> s.contains(t)).orElse(false);
                assertThat(asked.isOpen(t)).as(t.toString()).isEqualTo(expected);
                assertThat(asked.status(t).open()).as(t.toString()).isEqualTo(expected);
            }
        }
    }

    @Test
    void theShippedFilesListOnlyDatesOfTheirYearAndEachHolidayCitesACircular() {
        ShippedCalendar data = ShippedCalendar.load();
        assertThat(data.years.keySet()).containsExactly(2026, 2027);
        assertThat(data.holidays.values()).allSatisfy(h -> assertThat(h.source()).isNotBlank());
        assertThat(data.holidays.values()).filteredOn(h -> h.date().getYear() == 2026)
                .allSatisfy(h -> assertThat(h.source()).contains("NSE/CMTR/"));
    }

    @Test
    void aBrokenCalendarFileFailsNamingTheFileAndLine() {
        assertThatThrownBy(() -> ShippedCalendar.load("calendar-broken/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Shipped exchange calendar calendar-broken/broken-2026.csv line 3: "
                        + "2025-12-31 is not in 2026");
    }
}

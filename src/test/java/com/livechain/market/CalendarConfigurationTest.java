package com.livechain.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code livechain.calendar.*} bound into the calendar bean, and what start-up says about the calendar. */
class CalendarConfigurationTest {

    private ListAppender<ILoggingEvent> logs;

    private static Instant ist(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(MarketHours.IST).toInstant();
    }

    private static ApplicationContextRunner runner(String today) {
        return new ApplicationContextRunner()
                .withUserConfiguration(CalendarConfiguration.class)
                .withBean(Clock.class, () -> Clock.fixed(ist(today), ZoneOffset.UTC));
    }

    @BeforeEach
    void captureLogs() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(CalendarConfiguration.class)).addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(CalendarConfiguration.class)).detachAppender(logs);
    }

    @Test
    void commaSeparatedHolidaysAndSessionsAreAddedToTheShippedCalendar() {
        runner("2026-12-01T10:00")
                .withPropertyValues("livechain.calendar.holidays=2026-12-31,2027-03-22",
                        "livechain.calendar.sessions=2026-12-05 10:00-11:00, 2026-12-06 18:00-19:15")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ExchangeCalendar calendar = context.getBean(ExchangeCalendar.class);
                    assertThat(calendar.isOpen(ist("2026-12-31T10:30"))).isFalse();
                    assertThat(calendar.isOpen(ist("2027-03-22T10:30"))).isFalse();
                    assertThat(calendar.isOpen(ist("2026-12-05T10:30"))).isTrue();
                    assertThat(calendar.isOpen(ist("2026-12-06T18:30"))).isTrue();
                    assertThat(calendar.isOpen(ist("2026-12-25T10:30"))).as("shipped holidays stay").isFalse();
                });
    }

    @Test
    void withNothingConfiguredTheShippedCalendarIsServed() {
        runner("2026-12-01T10:00").run(context -> {
            assertThat(context).hasNotFailed();
            ExchangeCalendar calendar = context.getBean(ExchangeCalendar.class);
            assertThat(calendar.isOpen(ist("2026-12-25T10:30"))).isFalse();
            assertThat(calendar.isOpen(ist("2026-12-24T10:30"))).isTrue();
        });
    }

    @Test
    void aMalformedSessionStopsStartUpNamingTheSettingAndTheExpectedFormat() {
        runner("2026-12-01T10:00").withPropertyValues("livechain.calendar.sessions=2026-11-08 18:00").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure()))
                    .contains("livechain.calendar.sessions: '2026-11-08 18:00' is not YYYY-MM-DD HH:mm-HH:mm (IST)");
        });
    }

    @Test
    void aMalformedHolidayStopsStartUpNamingTheSetting() {
        runner("2026-12-01T10:00").withPropertyValues("livechain.calendar.holidays=25-12-2026").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("livechain.calendar.holidays").contains("25-12-2026");
        });
    }

    @Test
    void startUpWarnsLoudlyThatNextYearIsProvisional() {
        runner("2026-12-01T10:00").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                    .extracting(ILoggingEvent::getFormattedMessage).asString()
                    .contains("EXCHANGE CALENDAR NOT CERTAIN")
                    .contains("2027 is PROVISIONAL")
                    .doesNotContain("Muhurat");
        });
    }

    @Test
    void beforeDiwaliStartUpAlsoWarnsThatTheMuhuratTimingsAreNotAnnounced() {
        runner("2026-10-01T10:00").run(context ->
                assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                        .extracting(ILoggingEvent::getFormattedMessage).asString()
                        .contains("2027 is PROVISIONAL")
                        .contains("2026-11-08 Muhurat trading (Diwali Laxmi Pujan): NSE/BSE have not announced its timings"));
    }

    @Test
    void configuredMuhuratTimingsSilenceTheirWarning() {
        runner("2026-10-01T10:00").withPropertyValues("livechain.calendar.sessions=2026-11-08 18:00-19:15").run(context ->
                assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                        .extracting(ILoggingEvent::getFormattedMessage).asString()
                        .contains("2027 is PROVISIONAL").doesNotContain("Muhurat"));
    }

    /** Every message in the cause chain, one a line. */
    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}

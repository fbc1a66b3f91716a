package com.livechain.market;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The exchange calendar bean: the shipped NSE/BSE data plus {@code livechain.calendar.*}. What it is not sure of
 * (a provisional or missing year, a session without timings) is logged at start-up as one loud warning, and stays
 * visible in health ({@code market} component) and on the page.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CalendarProperties.class)
public class CalendarConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CalendarConfiguration.class);

    @Bean
    public ExchangeCalendar exchangeCalendar(CalendarProperties properties, Clock clock) {
        ExchangeCalendar calendar = ExchangeCalendar.of(properties);
        var today = MarketHours.today(clock.instant());
        log.info("Exchange calendar: NSE/BSE {} {}, {} {}; {} configured holidays, {} configured sessions; today {}",
                today.getYear(), calendar.coverage(today.getYear()), today.getYear() + 1,
                calendar.coverage(today.getYear() + 1), properties.holidays().size(), properties.sessions().size(),
                calendar.day(today).reason());
        List<String> warnings = calendar.warnings(today);
        if (!warnings.isEmpty()) {
            String rule = "*".repeat(96);
            log.warn("\n{}\n  EXCHANGE CALENDAR NOT CERTAIN:\n  - {}\n{}", rule, String.join("\n  - ", warnings), rule);
        }
        return calendar;
    }
}

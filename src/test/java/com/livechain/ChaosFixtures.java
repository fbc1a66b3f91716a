package com.livechain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import com.livechain.market.ExchangeCalendar;
import com.livechain.market.MarketHours;

/** Shared by the chaos and load tests: a clock inside market hours, and reading prices off a chain response. */
final class ChaosFixtures {

    private ChaosFixtures() {
    }

    /**
     * The system clock, shifted into market hours when the test runs outside them (the next trading day 10:00 IST):
     * freshness rules and the stall watchdog differ when the market is closed, and the tests must check the
     * open-market rules whatever the hour CI runs at. App and simulator share it, so expiries agree.
     */
    static Clock marketHoursClock() {
        Instant now = Instant.now();
        ExchangeCalendar calendar = ExchangeCalendar.shipped();
        if (calendar.isOpen(now) && calendar.isOpen(now.plus(Duration.ofMinutes(30)))) {
            return Clock.systemUTC();
        }
        ZonedDateTime target = now.atZone(MarketHours.IST).toLocalDate().atTime(10, 0).atZone(MarketHours.IST);
        while (!target.toInstant().isAfter(now) || !calendar.isOpen(target.toInstant())) {
            target = target.plusDays(1);
        }
        return Clock.offset(Clock.systemUTC(), Duration.between(now, target.toInstant()));
    }

    /** One price as a response showed it: where, when it was last updated, and whether it was called stale. */
    record Shown(String where, long updatedAtMillis, boolean stale) {
    }

    /** The underlying and both legs of every strike in a {@code GET /options/live} body. */
    static List<Shown> prices(JsonNode chain) {
        List<Shown> out = new ArrayList<>();
        out.add(shown("underlying", chain.get("underlying")));
        for (JsonNode row : chain.get("strikes")) {
            for (String side : List.of("ce", "pe")) {
                JsonNode leg = row.get(side);
                if (leg != null && !leg.isNull()) {
                    out.add(shown(row.get("strike").asString() + " " + side, leg));
                }
            }
        }
        return out;
    }

    static long millis(JsonNode time) {
        return time == null || time.isNull() ? 0 : OffsetDateTime.parse(time.asString()).toInstant().toEpochMilli();
    }

    private static Shown shown(String where, JsonNode node) {
        return new Shown(where, millis(node.get("updatedAt")), node.get("stale").asBoolean());
    }

    static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

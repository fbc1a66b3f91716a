package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.ManualFeed;
import com.livechain.MutableClock;
import com.livechain.universe.ChainAssembler;
import com.livechain.chain.ExchangeSegment;
import com.livechain.market.Freshness;
import com.livechain.chain.Instrument;
import com.livechain.chain.OptionChain;
import com.livechain.chain.OptionType;
import com.livechain.chain.TickApplier;
import com.livechain.chain.UnderlyingRef;
import com.livechain.universe.UnderlyingUniverse;

/** A cached body is served only while a fresh render would give the same bytes, {@code asOf} aside. */
class RenderedChainsTest {

    // Thursday 2026-11-26 10:00:00.100 IST: market open, so staleness runs on age.
    static final Instant OPEN = Instant.parse("2026-11-26T04:30:00.100Z");
    static final LocalDate WEEKLY = LocalDate.of(2026, 12, 1);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final MutableClock clock = new MutableClock(OPEN);
    private final Freshness freshness = new Freshness(clock, Duration.ofSeconds(30));
    private final ManualFeed feed = new ManualFeed();
    private RenderedChains rendered;
    private OptionChain chain;
    private TickApplier ticks;

    @BeforeEach
    void setUp() {
        feed.up(0);
        freshness.attach(feed);
        UnderlyingRef nifty = new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I);
        List<Instrument> options = new ArrayList<>();
        long id = 40000;
        for (int k = 24300; k <= 24700; k += 50) {
            options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", WEEKLY, BigDecimal.valueOf(k), OptionType.CE, 75));
            options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", WEEKLY, BigDecimal.valueOf(k), OptionType.PE, 75));
        }
        ChainAssembler.Assembly assembly = ChainAssembler.assemble(List.of(new UnderlyingUniverse(nifty, options)));
        chain = assembly.chains().get(0);
        ticks = new TickApplier(assembly::index, clock);
        rendered = new RenderedChains(new ChainViews(freshness, 0.10), freshness, JSON);
        ticks.ticker(0, 13, 24512.35f, 1L, clock.millis());
        ticks.full(2, 40008, 112.5f, 1L, 1000, 5000, 112.3f, 75, 112.6f, 150, clock.millis());
    }

    private RenderedChains.Response read() {
        return rendered.render("DHAN", chain, List.of(WEEKLY.toString()), null);
    }

    private static JsonNode json(RenderedChains.Response response) {
        return JSON.readTree(bytes(response));
    }

    private static byte[] bytes(RenderedChains.Response response) {
        byte[] all = new byte[response.length()];
        System.arraycopy(response.head(), 0, all, 0, response.head().length);
        System.arraycopy(response.asOf(), 0, all, response.head().length, response.asOf().length);
        System.arraycopy(response.tail(), 0, all, response.head().length + response.asOf().length, response.tail().length);
        return all;
    }

    private static JsonNode atmCall(JsonNode body) {
        return body.get("strikes").get(4).get("ce");
    }

    @Test
    void servesTheBodyAFreshRenderGivesWithTheRequestTimeAsAsOf() {
        RenderedChains.Response response = read();

        String direct = JSON.writeValueAsString(new ChainViews(freshness, 0.10)
                .render("DHAN", chain, List.of(WEEKLY.toString()), null));
        assertThat(new String(bytes(response), StandardCharsets.UTF_8)).isEqualTo(direct);
        assertThat(json(response).get("asOf").asString()).isEqualTo("2026-11-26T10:00:00.100+05:30");
        assertThat(new String(response.asOf(), StandardCharsets.US_ASCII)).isEqualTo("2026-11-26T10:00:00.100+05:30");
    }

    @Test
    void reusesTheBodyWhileNothingChangedWithinTheSecond() {
        RenderedChains.Response first = read();
        clock.advance(Duration.ofMillis(500));
        RenderedChains.Response second = read();

        assertThat(second.head()).isSameAs(first.head());
        assertThat(json(second).get("asOf").asString()).isEqualTo("2026-11-26T10:00:00.600+05:30");
    }

    @Test
    void aTickIsSeenByTheNextRead() {
        read();
        ticks.ticker(2, 40008, 113.05f, 2L, clock.millis());

        assertThat(atmCall(json(read())).get("ltp").asDouble()).isEqualTo(113.05);
    }

    @Test
    void aNewSecondRendersAgainForTimeDecay() {
        RenderedChains.Response first = read();
        clock.advance(Duration.ofMillis(900));

        assertThat(read().head()).isNotSameAs(first.head());
    }

    @Test
    void aLegTurnsStaleAtTheMillisecondItsAgePassesStaleAfter() {
        ticks.full(2, 40008, 112.5f, 1L, 1000, 5000, 112.3f, 75, 112.6f, 150, clock.millis());
        clock.advance(Duration.ofMillis(29_950)); // 10:00:30.050, same second as 30.101
        ticks.ticker(0, 13, 24512.35f, 1L, clock.millis());
        assertThat(atmCall(json(read())).get("stale").asBoolean()).isFalse();

        clock.advance(Duration.ofMillis(51)); // 30 001 ms after the leg's tick
        assertThat(atmCall(json(read())).get("stale").asBoolean()).isTrue();
    }

    @Test
    void theFeedGoingDownRendersAgain() {
        assertThat(atmCall(json(read())).get("stale").asBoolean()).isFalse();
        feed.down("connection lost");

        assertThat(atmCall(json(read())).get("stale").asBoolean()).isFalse(); // down, but the tick is recent
        feed.up(clock.millis() + 1); // reconnected after the tick: nothing is fresh until a new one
        assertThat(atmCall(json(read())).get("stale").asBoolean()).isTrue();
    }
}

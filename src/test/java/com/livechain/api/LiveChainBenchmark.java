package com.livechain.api;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.analytics.Black76;
import com.livechain.universe.ChainAssembler;
import com.livechain.chain.ExchangeSegment;
import com.livechain.market.Freshness;
import com.livechain.chain.Instrument;
import com.livechain.chain.OptionChain;
import com.livechain.chain.OptionType;
import com.livechain.chain.TickApplier;
import com.livechain.chain.UnderlyingRef;
import com.livechain.universe.UnderlyingUniverse;

/**
 * The cost of one {@code GET /options/live} body for a NIFTY weekly as the simulator lists it (±15% of
 * 26 000 on a 50-point step: 157 strikes, 314 legs, every leg priced, so every leg gets IV and greeks):
 * <ul>
 *   <li>{@code renderAndSerialise}: what every request cost before the body cache, and what the first
 *       request after a tick costs now (views with IV + greeks, then Jackson);</li>
 *   <li>{@code render}: the views alone, {@code serialise}: Jackson alone;</li>
 *   <li>{@code cachedBody}: a request that finds its body still right (version stamp, feed state, market
 *       hours, {@code asOf});</li>
 *   <li>{@code version}: {@link OptionChain#version()}, the stamp that decides it.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LiveChainBenchmark {

    static final Instant NOW = Instant.parse("2026-11-26T04:30:00Z");
    static final LocalDate WEEKLY = LocalDate.of(2026, 12, 1);
    static final List<String> EXPIRIES = List.of(WEEKLY.toString());

    private OptionChain chain;
    private ChainViews views;
    private RenderedChains rendered;
    private JsonMapper json;
    private ChainView view;

    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Freshness freshness = new Freshness(clock, Duration.ofSeconds(30));
        UnderlyingRef nifty = new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I);
        List<Instrument> options = new ArrayList<>();
        long id = 35_000;
        for (int k = 22_100; k <= 29_900; k += 50) {
            options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", WEEKLY, BigDecimal.valueOf(k), OptionType.CE, 75));
            options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", WEEKLY, BigDecimal.valueOf(k), OptionType.PE, 75));
        }
        ChainAssembler.Assembly assembly = ChainAssembler.assemble(List.of(new UnderlyingUniverse(nifty, options)));
        chain = assembly.chains().get(0);
        TickApplier ticks = new TickApplier(assembly::index, clock);
        double spot = 26_012.35;
        long now = clock.millis();
        ticks.ticker(0, 13, (float) spot, 1L, now);
        ticks.previousClose(0, 13, 25_900f, -1);
        double years = 5.0 / 365;
        id = 35_000;
        for (int k = 22_100; k <= 29_900; k += 50) {
            for (boolean call : new boolean[] {true, false}) {
                double vol = 0.13 + 0.5 * Math.pow(Math.log(k / spot), 2) / years * 0.01;
                double price = Math.max(0.05, Math.round(Black76.price(call, spot, k, years, 0.10, vol) * 20) / 20.0);
                ticks.previousClose(2, id, (float) (price * 1.05), 750_000);
                ticks.full(2, id, (float) price, 1L, 1_200_000, 800_000, (float) (price - 0.05), 750,
                        (float) (price + 0.05), 300, now);
                id++;
            }
        }
        views = new ChainViews(freshness, 0.10);
        // As the application configures it (JsonWritingConfiguration).
        json = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
        rendered = new RenderedChains(views, freshness, json);
        view = views.render("SIMULATED", chain, EXPIRIES, null);
    }

    @Benchmark
    public byte[] renderAndSerialise() {
        return json.writeValueAsBytes(views.render("SIMULATED", chain, EXPIRIES, null));
    }

    @Benchmark
    public ChainView render() {
        return views.render("SIMULATED", chain, EXPIRIES, null);
    }

    @Benchmark
    public byte[] serialise() {
        return json.writeValueAsBytes(view);
    }

    @Benchmark
    public RenderedChains.Response cachedBody() {
        return rendered.render("SIMULATED", chain, EXPIRIES, null);
    }

    @Benchmark
    public long version() {
        return chain.version();
    }
}

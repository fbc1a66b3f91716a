package com.livechain.surface;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
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

import com.livechain.MutableClock;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Instrument;
import com.livechain.chain.OptionChain;
import com.livechain.chain.OptionType;
import com.livechain.chain.TickApplier;
import com.livechain.chain.UnderlyingRef;
import com.livechain.market.Freshness;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.market.IndexSpec;
import com.livechain.simulator.market.SimulatedChain;
import com.livechain.simulator.market.SimulatedMarket;
import com.livechain.universe.ChainAssembler;
import com.livechain.universe.UnderlyingUniverse;

/**
 * The cost of one {@code GET /options/surface} body for NIFTY as the default simulated universe lists it (4
 * weeklies, 3 monthlies, 3 quarterlies, 8 half-yearlies: every expiry, every leg quoted as the simulator quotes it):
 * <ul>
 *   <li>{@code cachedBody}: a request that finds its body current (one version read per leg of every expiry);</li>
 *   <li>{@code afterNearTick}: a request after a tick on the nearest weekly's at-the-money call, in the same second:
 *       that expiry's row is recomputed (its forward moved, so all its IVs), the other rows' bytes reused;</li>
 *   <li>{@code afterSecondTurns}: a request in a new second: every row recomputed (time to expiry moved every IV),
 *       the worst case, once a second per underlying;</li>
 *   <li>{@code version}: the version stamps alone.</li>
 * </ul>
 * <pre>
 * ./mvnw -B -q -o test-compile
 * java -cp "target/test-classes:target/classes:$(./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)" \
 *   org.openjdk.jmh.Main SurfaceBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SurfaceBenchmark {

    // Wednesday 2026-11-25 10:00 IST, market open.
    static final Instant NOW = Instant.parse("2026-11-25T04:30:00Z");

    private MutableClock clock;
    private RenderedSurfaces rendered;
    private TickApplier ticks;
    private List<OptionChain> chains;
    private long atmCall;
    private float atmPrice;
    private int flip;

    @Setup(Level.Trial)
    public void setUp() {
        SimulatedMarket market = new SimulatedMarket(IndexSpec.DEFAULTS, 16, NOW, SimulatorProperties.defaults());
        UnderlyingRef nifty = new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I);
        List<Instrument> options = new ArrayList<>();
        List<SimulatedChain> simulated = new ArrayList<>();
        for (LocalDate expiry : market.expiries("NIFTY")) {
            SimulatedChain chain = market.chain("NIFTY", expiry);
            simulated.add(chain);
            for (SimulatedChain.Strike s : chain.strikes()) {
                options.add(new Instrument(s.ce().securityId(), ExchangeSegment.NSE_FNO, "NIFTY", expiry,
                        BigDecimal.valueOf(s.strike()), OptionType.CE, 75));
                options.add(new Instrument(s.pe().securityId(), ExchangeSegment.NSE_FNO, "NIFTY", expiry,
                        BigDecimal.valueOf(s.strike()), OptionType.PE, 75));
            }
        }
        ChainAssembler.Assembly assembly = ChainAssembler.assemble(List.of(new UnderlyingUniverse(nifty, options)));
        chains = assembly.chains().stream().sorted(Comparator.comparing(OptionChain::expiry)).toList();
        clock = new MutableClock(NOW);
        ticks = new TickApplier(assembly::index, clock);
        long now = clock.millis();
        ticks.ticker(0, 13, (float) market.lastPrice("NIFTY"), 1L, now);
        double spot = market.lastPrice("NIFTY");
        double nearest = Double.MAX_VALUE;
        for (int e = 0; e < simulated.size(); e++) {
            for (SimulatedChain.Strike s : simulated.get(e).strikes()) {
                for (SimulatedChain.Leg leg : List.of(s.ce(), s.pe())) {
                    ticks.full(2, leg.securityId(), (float) leg.lastPrice(), 1L, leg.volume(), leg.oi(),
                            (float) leg.bid(), leg.bidQty(), (float) leg.ask(), leg.askQty(), now);
                }
                if (e == 0 && Math.abs(s.strike() - spot) < nearest) {
                    nearest = Math.abs(s.strike() - spot);
                    atmCall = s.ce().securityId();
                    atmPrice = (float) s.ce().lastPrice();
                }
            }
        }
        JsonMapper json = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
        rendered = new RenderedSurfaces(new ChainSurfaces(0.10), new Freshness(clock, Duration.ofSeconds(30)), json);
        rendered.render("SIMULATED", "NIFTY", chains);
        int legs = chains.stream().mapToInt(OptionChain::legCount).sum();
        System.out.println("NIFTY: " + chains.size() + " expiries, " + legs + " legs");
    }

    @Benchmark
    public int cachedBody() {
        return rendered.render("SIMULATED", "NIFTY", chains).length();
    }

    @Benchmark
    public int afterNearTick() {
        float p = atmPrice + ((flip ^= 1) == 0 ? 0 : 0.05f);
        ticks.full(2, atmCall, p, 1L, 1_000, 75_000, p - 0.05f, 750, p + 0.05f, 750, clock.millis());
        return rendered.render("SIMULATED", "NIFTY", chains).length();
    }

    @Benchmark
    public int afterSecondTurns() {
        clock.advance(Duration.ofSeconds(1));
        return rendered.render("SIMULATED", "NIFTY", chains).length();
    }

    @Benchmark
    public long version() {
        long sum = 0;
        for (OptionChain chain : chains) {
            sum += chain.version();
        }
        return sum;
    }
}

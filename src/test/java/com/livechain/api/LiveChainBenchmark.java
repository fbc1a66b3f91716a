package com.livechain.api;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.nio.charset.StandardCharsets;
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

import tools.jackson.core.JsonGenerator;
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
 * 26 000 on a 50-point step: 157 strikes, 314 legs, every leg priced, so every leg gets IV and greeks). Each
 * "after a tick" benchmark first writes a tick, as the feed would, so the body cannot be reused:
 * <ul>
 *   <li>{@code requestAfterAtmTick}: what a request after a tick costs, all of it ({@link RenderedChains}: the
 *       checks, the streamed render, the body kept); the tick is on the at-the-money call, which moves the
 *       forward, so every leg's IV is solved again;</li>
 *   <li>{@code streamedAfterAtmTick}, {@code streamedAfterFarTick}: the streamed render alone
 *       ({@link ChainJsonWriter}), after a tick that moves the forward and after one on a far leg that does
 *       not (one IV solved, the others kept by {@link LegPricings});</li>
 *   <li>{@code recordsAfterAtmTick}: the same body built as {@link ChainView} records and serialised by
 *       Jackson's bean serialiser, as every request did before the streaming writer (the push still builds the
 *       records);</li>
 *   <li>{@code strikesAsBytes} and {@code strikesThroughGenerator}: the strikes array alone (nine tenths of
 *       the body, IV and greeks kept) written by {@link StrikesJson} and through Jackson's generator one call per
 *       value ({@link GeneratorStrikes}); the setup checks the two write the same bytes;</li>
 *   <li>{@code serialise}: Jackson over a built {@link ChainView} alone;</li>
 *   <li>{@code formatterTimestamps} and {@code fixedTimestamps}: the 315 timestamps of a body through
 *       {@code DateTimeFormatter} and through {@link IstTimestamps};</li>
 *   <li>{@code cachedBody}: a request that finds its body still right (version stamp, feed state, market
 *       hours, {@code asOf});</li>
 *   <li>{@code version}: {@link OptionChain#version()}, the stamp that decides it.</li>
 * </ul>
 *
 * <pre>
 * ./mvnw -B -Pbench -DskipTests verify -Dbench.include=LiveChainBenchmark -Dbench.args='-f 3 -wi 5 -i 5 -w 1s -r 1s'
 * </pre>
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
    private ChainJsonWriter writer;
    private RenderedChains rendered;
    private JsonMapper json;
    private ChainView view;
    private TickApplier ticks;
    private long now;
    private long atmCall;
    private float atmPrice;
    private long farCall;
    private float farPrice;
    private long[] stamps;
    private ChainViews.Reading reading;
    private ByteArrayOutputStream generatorOut;
    private int flip;

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
        ticks = new TickApplier(assembly::index, clock);
        double spot = 26_012.35;
        now = clock.millis();
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
                if (call && k == 26_000) {
                    atmCall = id;
                    atmPrice = (float) price;
                } else if (call && k == 28_000) {
                    farCall = id;
                    farPrice = (float) price;
                }
                id++;
            }
        }
        views = new ChainViews(freshness, 0.10);
        // As the application configures it (JsonWritingConfiguration).
        json = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
        writer = new ChainJsonWriter(views);
        rendered = new RenderedChains(views, freshness, json);
        view = views.render("SIMULATED", chain, EXPIRIES, null);
        // One reading whose IV and greeks are kept (the render above solved them): the strikes benchmarks weigh
        // the writing alone, and must write the same bytes.
        reading = views.read(chain, null);
        generatorOut = new ByteArrayOutputStream(128 * 1024);
        StrikesJson bytes = new StrikesJson(true, 600 * (reading.to - reading.from));
        bytes.write(reading);
        String handWritten = "[" + new String(bytes.bytes(), 0, bytes.length(), StandardCharsets.UTF_8) + "]";
        String library = new String(GeneratorStrikes.write(json, reading, generatorOut), StandardCharsets.UTF_8);
        if (!handWritten.equals(library)) {
            throw new IllegalStateException("StrikesJson and the generator wrote different strikes");
        }
        stamps = new long[315];
        for (int i = 0; i < stamps.length; i++) {
            stamps[i] = now - 37L * i;
        }
    }

    /** A new price for a leg, alternating between two, so the next render cannot reuse the leg's IV. */
    private void tick(long id, float price) {
        float p = price + ((flip ^= 1) == 0 ? 0 : 0.05f);
        ticks.full(2, id, p, 1L, 1_200_000, 800_000, p - 0.05f, 750, p + 0.05f, 300, now);
    }

    private byte[] streamed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
        try (JsonGenerator generator = json.createGenerator(out)) {
            writer.write(generator, "SIMULATED", chain, EXPIRIES, null);
        }
        return out.toByteArray();
    }

    @Benchmark
    public RenderedChains.Response requestAfterAtmTick() {
        tick(atmCall, atmPrice);
        return rendered.render("SIMULATED", chain, EXPIRIES, null);
    }

    @Benchmark
    public byte[] streamedAfterAtmTick() {
        tick(atmCall, atmPrice);
        return streamed();
    }

    @Benchmark
    public byte[] streamedAfterFarTick() {
        tick(farCall, farPrice);
        return streamed();
    }

    @Benchmark
    public byte[] recordsAfterAtmTick() {
        tick(atmCall, atmPrice);
        return json.writeValueAsBytes(views.render("SIMULATED", chain, EXPIRIES, null));
    }

    /** The strikes array of the 157-strike body, IV and greeks kept: StrikesJson's bytes. */
    @Benchmark
    public int strikesAsBytes() {
        StrikesJson out = new StrikesJson(true, 600 * (reading.to - reading.from));
        out.write(reading);
        return out.length();
    }

    /** The same array through Jackson's generator, one call per name and value ({@link GeneratorStrikes}). */
    @Benchmark
    public byte[] strikesThroughGenerator() {
        return GeneratorStrikes.write(json, reading, generatorOut);
    }

    /** The hash of every timestamp's text: every character is computed and used. */
    @Benchmark
    public long formatterTimestamps() {
        long sum = 0;
        for (long stamp : stamps) {
            sum += IstTimestamps.FORMATTER.format(Instant.ofEpochMilli(stamp)).hashCode();
        }
        return sum;
    }

    @Benchmark
    public long fixedTimestamps() {
        long sum = 0;
        for (long stamp : stamps) {
            sum += IstTimestamps.format(stamp).hashCode();
        }
        return sum;
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

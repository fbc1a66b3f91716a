package com.livechain.dhan.feed;

import static com.livechain.chain.ExchangeSegment.IDX_I;
import static com.livechain.chain.ExchangeSegment.NSE_FNO;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.livechain.market.Freshness;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.TickApplier;

import okio.ByteString;

/**
 * Decode + apply of a pre-built mixed feed stream: 60% ticker, 20% quote, 10% OI, 10% full, over
 * 5000 option ids and 6 indices, 1 to 16 packets per frame. One operation is one packet, so the
 * score is packets per second and, with {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per
 * packet (the bar: 0).
 *
 * <pre>
 * ./mvnw -B -q test-compile
 * java -cp "target/test-classes:target/classes:$(./mvnw -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)" \
 *     org.openjdk.jmh.Main FeedDecodeBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * </pre>
 *
 * {@code decodeFrames} is the decoder over byte arrays; {@code decodeOkHttpMessages} is the exact
 * {@code onMessage} path, {@link PacketDecoder#decode(ByteString)}, which reads a plain OkHttp {@link ByteString}
 * in place. The stream is small enough (10,000 packets, 5,000 legs) to stay in the L2 cache: the decoder's own
 * cost. {@link FeedStreamBenchmark} is the realistic working set.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FeedDecodeBenchmark {

    static final int PACKETS = 10_000;
    private static final int OPTIONS = 5_000;
    private static final long FIRST_ID = 35_000;

    private byte[] stream;
    private int[] frameOffsets;
    private int[] frameLengths;
    private ByteString[] messages;
    private PacketDecoder decoder;
    private FeedMetrics metrics;

    @Setup(Level.Trial)
    public void setUp() {
        InstrumentIndex.Builder builder = InstrumentIndex.builder();
        for (int i = 0; i < 6; i++) {
            builder.underlying(13 + i, IDX_I);
        }
        for (int i = 0; i < OPTIONS; i++) {
            builder.option(FIRST_ID + i, NSE_FNO);
        }
        InstrumentIndex index = builder.build();
        Freshness freshness = new Freshness(Clock.systemUTC(), Duration.ofSeconds(30));
        metrics = new FeedMetrics();
        decoder = new PacketDecoder(new TickApplier(() -> index, Clock.systemUTC()), metrics);

        Random random = new Random(42);
        List<byte[]> packets = new ArrayList<>(PACKETS);
        for (int i = 0; i < PACKETS; i++) {
            long id = FIRST_ID + random.nextInt(OPTIONS);
            float price = 10 + random.nextInt(50_000) / 20f;
            long ltt = 1_795_665_662L + i;
            int kind = random.nextInt(100);
            if (kind < 60) {
                packets.add(random.nextInt(50) == 0
                        ? ProtocolPackets.ticker(IDX_I, 13 + random.nextInt(6), 24_000 + price, ltt)
                        : ProtocolPackets.ticker(NSE_FNO, id, price, ltt));
            } else if (kind < 80) {
                packets.add(ProtocolPackets.quote(NSE_FNO, id, price, ltt, random.nextInt(5_000_000)));
            } else if (kind < 90) {
                packets.add(ProtocolPackets.oi(NSE_FNO, id, random.nextInt(10_000_000)));
            } else {
                packets.add(ProtocolPackets.full(NSE_FNO, id, price, ltt, random.nextInt(5_000_000),
                        random.nextInt(10_000_000), price - 0.05f, 75 * random.nextInt(100), price + 0.05f,
                        75 * random.nextInt(100)));
            }
        }

        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < PACKETS; ) {
            int n = Math.min(PACKETS - i, 1 + random.nextInt(16));
            frames.add(ProtocolPackets.frame(packets.subList(i, i + n).toArray(new byte[0][])));
            i += n;
        }
        stream = ProtocolPackets.frame(frames.toArray(new byte[0][]));
        frameOffsets = new int[frames.size()];
        frameLengths = new int[frames.size()];
        messages = new ByteString[frames.size()];
        int offset = 0;
        for (int f = 0; f < frames.size(); f++) {
            frameOffsets[f] = offset;
            frameLengths[f] = frames.get(f).length;
            messages[f] = ByteString.of(frames.get(f));
            offset += frameLengths[f];
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int decodeFrames() {
        int disconnects = 0;
        for (int f = 0; f < frameOffsets.length; f++) {
            disconnects += decoder.decode(stream, frameOffsets[f], frameLengths[f]);
        }
        return disconnects;
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int decodeOkHttpMessages() {
        int disconnects = 0;
        for (ByteString message : messages) {
            disconnects += decoder.decode(message);
        }
        return disconnects;
    }
}

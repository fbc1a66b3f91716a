package com.livechain.dhan.feed;

import static com.livechain.chain.ExchangeSegment.BSE_FNO;
import static com.livechain.chain.ExchangeSegment.IDX_I;
import static com.livechain.chain.ExchangeSegment.NSE_FNO;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.TickApplier;

import okio.Buffer;
import okio.ByteString;

/**
 * Decode + apply on a realistic working set: a stream of {@value #PACKETS} packets over {@value #LEGS} legs
 * (Dhan's whole allowance, five connections of 5,000), spread over them uniformly (the whole leg table, about
 * 3 MB of legs plus the index, near this machine's 4 MB L2, is the working set) or skewed as ticks are towards
 * the money ({@link #spread}); the stream itself (about 110 MB) comes from memory, not from a cache. The mix is what a Full-mode subscription sends:
 * 60% full (162 bytes, with depth), 20% quote, 15% ticker (a tenth of them index ticks), 4% OI, 1% previous
 * close; 1 to 16 packets per frame (about 125,000 frames). Ids are drawn at random from Dhan's range, not
 * numbered in a row, so the index hashes as it does in production. One operation is one packet.
 *
 * <ul>
 *   <li>{@code sessionOnMessage}: {@link FeedSession#onMessage(okhttp3.WebSocket, ByteString)} itself, the
 *       listener OkHttp calls (link check, frame time, the link's monitor, then the decode below);</li>
 *   <li>{@code onMessage}: what {@code FeedClient}'s listener calls for each binary message,
 *       {@link PacketDecoder#decode(ByteString)}, on OkHttp {@link ByteString}s built as OkHttp's
 *       WebSocket reader builds them ({@code Buffer.readByteString()}: a plain byte string under 4 KiB, a
 *       segmented one from 4 KiB);</li>
 *   <li>{@code byteArrayRanges}: the same frames as ranges of one {@code byte[]}, the decoder alone;</li>
 *   <li>{@code copyThenDecode}: the {@code onMessage} path as it was until the decoder read byte strings in
 *       place: copy each message into a reused buffer, then decode the buffer (kept to show the difference).</li>
 * </ul>
 *
 * <pre>
 * ./mvnw -B -Pbench -DskipTests verify -Dbench.include=FeedStreamBenchmark -Dbench.args='-f 3 -wi 5 -i 5 -w 2s -r 2s'
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FeedStreamBenchmark {

    static final int PACKETS = 1 << 20;
    static final int LEGS = 25_000;
    private static final int INDICES = 6;
    private static final int MAX_PACKETS_PER_FRAME = 16;

    /**
     * How packets spread over the legs: {@code uniform}, every leg equally likely (the whole table is the working
     * set: the worst case); {@code skewed}, the n-th busiest leg ticking about 1/n as often as the busiest
     * (log-uniform ranks, so a tenth of the legs take about three quarters of the packets, as the strikes near
     * the money do), the busy legs scattered over the table at random.
     */
    @Param({"uniform", "skewed"})
    public String spread = "uniform";

    private byte[] stream;
    private int[] frameOffsets;
    private int[] frameLengths;
    private ByteString[] messages;
    private byte[] copyBuffer = new byte[16 * 1024];
    private PacketDecoder decoder;
    private FeedSession session;
    private FeedMetrics metrics;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(25_000);
        InstrumentIndex.Builder builder = InstrumentIndex.builder();
        long[] ids = new long[LEGS];
        ExchangeSegment[] segments = new ExchangeSegment[LEGS];
        java.util.Set<Long> taken = new java.util.HashSet<>();
        for (int i = 0; i < INDICES; i++) {
            ids[i] = 13 + i;
            segments[i] = IDX_I;
            builder.underlying(ids[i], IDX_I);
        }
        for (int i = INDICES; i < LEGS; i++) {
            long id;
            do {
                id = random.nextLong(30_000, 1_200_000);
            } while (!taken.add(id));
            ids[i] = id;
            // SENSEX and BANKEX options are BSE_FNO: about a tenth of the allowance.
            segments[i] = i % 10 == 0 ? BSE_FNO : NSE_FNO;
            builder.option(id, segments[i]);
        }
        InstrumentIndex index = builder.build();
        metrics = new FeedMetrics();
        TickApplier applier = new TickApplier(() -> index, Clock.systemUTC());
        decoder = new PacketDecoder(applier, metrics);
        // The listener OkHttp calls, as FeedClient makes it: the link's current session, its own decoder.
        FeedLink link = new FeedLink(0, new Subscriptions.Connection(LEGS, List.of()));
        session = new FeedSession(link, applier, metrics, new NoEvents(), System::nanoTime, "", "");
        link.current = session;

        // Rank r (0 = busiest) to leg: a random permutation, so the busy legs do not sit together in memory.
        int[] legOfRank = new int[LEGS - INDICES];
        for (int r = 0; r < legOfRank.length; r++) {
            legOfRank[r] = INDICES + r;
        }
        for (int r = legOfRank.length - 1; r > 0; r--) {
            int j = random.nextInt(r + 1);
            int t = legOfRank[r];
            legOfRank[r] = legOfRank[j];
            legOfRank[j] = t;
        }
        boolean skewed = spread.equals("skewed");
        IntSupplier option = () -> skewed
                ? legOfRank[Math.min(legOfRank.length - 1, (int) Math.pow(legOfRank.length + 1, random.nextDouble()) - 1)]
                : INDICES + random.nextInt(LEGS - INDICES);
        List<byte[]> frames = new ArrayList<>();
        List<byte[]> frame = new ArrayList<>();
        int inFrame = 1 + random.nextInt(MAX_PACKETS_PER_FRAME);
        for (int p = 0; p < PACKETS; p++) {
            frame.add(packet(random, option, ids, segments, p));
            if (frame.size() == inFrame || p == PACKETS - 1) {
                frames.add(ProtocolPackets.frame(frame.toArray(new byte[0][])));
                frame.clear();
                inFrame = 1 + random.nextInt(MAX_PACKETS_PER_FRAME);
            }
        }
        stream = ProtocolPackets.frame(frames.toArray(new byte[0][]));
        frameOffsets = new int[frames.size()];
        frameLengths = new int[frames.size()];
        int offset = 0;
        for (int f = 0; f < frames.size(); f++) {
            frameOffsets[f] = offset;
            frameLengths[f] = frames.get(f).length;
            offset += frameLengths[f];
        }
        frames = null;
        // The messages as OkHttp's WebSocket reader makes them (messageFrameBuffer.readByteString()): under 4 KiB a
        // plain ByteString over its own array, which is what ByteString.of makes; from 4 KiB a segmented one.
        // Allocated one after the other with nothing between them, then compacted by a full collection (which
        // keeps their order), so they lie in memory as messages allocated as they arrive do, not scattered
        // among the garbage of building them.
        messages = new ByteString[frameOffsets.length];
        for (int f = 0; f < messages.length; f++) {
            messages[f] = frameLengths[f] < 4096 ? ByteString.of(stream, frameOffsets[f], frameLengths[f])
                    : new Buffer().write(stream, frameOffsets[f], frameLengths[f]).readByteString();
        }
        System.gc();
    }

    private static byte[] packet(SplittableRandom random, IntSupplier option, long[] ids, ExchangeSegment[] segments,
                                 int p) {
        int kind = random.nextInt(100);
        long ltt = 1_795_665_662L + p / 1000;
        if (kind < 15) {
            if (random.nextInt(10) == 0) {
                int i = random.nextInt(INDICES);
                return ProtocolPackets.ticker(IDX_I, ids[i], 24_000 + random.nextInt(50_000) / 20f, ltt);
            }
            int i = option.getAsInt();
            return ProtocolPackets.ticker(segments[i], ids[i], 10 + random.nextInt(50_000) / 20f, ltt);
        }
        int i = option.getAsInt();
        float price = 10 + random.nextInt(50_000) / 20f;
        if (kind < 75) {
            return ProtocolPackets.full(segments[i], ids[i], price, ltt, random.nextInt(5_000_000),
                    random.nextInt(10_000_000), price - 0.05f, 75 * random.nextInt(100), price + 0.05f,
                    75 * random.nextInt(100));
        }
        if (kind < 95) {
            return ProtocolPackets.quote(segments[i], ids[i], price, ltt, random.nextInt(5_000_000));
        }
        if (kind < 99) {
            return ProtocolPackets.oi(segments[i], ids[i], random.nextInt(10_000_000));
        }
        return ProtocolPackets.prevClose(segments[i], ids[i], price, random.nextInt(10_000_000));
    }

    /** FeedSession.onMessage itself: the link check, the frame time, the link's monitor, then decode(ByteString). */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long sessionOnMessage() {
        for (ByteString message : messages) {
            session.onMessage(null, message);
        }
        return session.link.lastFrameNanos;
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int onMessage() {
        int disconnects = 0;
        for (ByteString message : messages) {
            disconnects += decoder.decode(message);
        }
        return disconnects;
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int byteArrayRanges() {
        int disconnects = 0;
        for (int f = 0; f < frameOffsets.length; f++) {
            disconnects += decoder.decode(stream, frameOffsets[f], frameLengths[f]);
        }
        return disconnects;
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int copyThenDecode() {
        int disconnects = 0;
        for (ByteString message : messages) {
            int size = message.size();
            if (size > copyBuffer.length) {
                copyBuffer = new byte[Integer.highestOneBit(size - 1) << 1];
            }
            message.copyInto(0, copyBuffer, 0, size);
            disconnects += decoder.decode(copyBuffer, 0, size);
        }
        return disconnects;
    }

    /** A session's events go to the feed's scheduler; the stream has no disconnect packet, so none comes. */
    private static final class NoEvents implements FeedSession.Events {
        @Override
        public void opened(FeedSession s) {
        }

        @Override
        public void dataArrived(FeedSession s) {
        }

        @Override
        public void disconnected(FeedSession s, int code) {
            throw new IllegalStateException("the stream has no disconnect packet, got " + code);
        }

        @Override
        public void closedByServer(FeedSession s, String reason) {
        }

        @Override
        public void failed(FeedSession s, Throwable failure, int handshakeStatus) {
        }
    }

    /** Packets the decoder has counted so far: a sanity check that the stream decodes (no malformed packets). */
    long packetsDecoded() {
        long total = 0;
        for (int code = 0; code < 256; code++) {
            total += metrics.packets(code);
        }
        return total;
    }
}

package com.livechain.dhan.feed;

import static com.livechain.chain.ExchangeSegment.BSE_FNO;
import static com.livechain.chain.ExchangeSegment.IDX_I;
import static com.livechain.chain.ExchangeSegment.NSE_FNO;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.TickApplier;

import okio.Buffer;
import okio.ByteString;

/**
 * Decode + apply on a realistic working set: a stream of {@value #PACKETS} packets over {@value #LEGS} legs
 * (Dhan's whole allowance, five connections of 5,000), each packet to a leg drawn uniformly, so the whole leg
 * table (about 3 MB of legs plus the index, more than this machine's L2) is the working set, and the stream
 * itself (about 110 MB) comes from memory, not from a cache. The mix is what a Full-mode subscription sends:
 * 60% full (162 bytes, with depth), 20% quote, 15% ticker (a tenth of them index ticks), 4% OI, 1% previous
 * close; 1 to 16 packets per frame (about 125,000 frames). Ids are drawn at random from Dhan's range, not
 * numbered in a row, so the index hashes as it does in production. One operation is one packet.
 *
 * <ul>
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

    private byte[] stream;
    private int[] frameOffsets;
    private int[] frameLengths;
    private ByteString[] messages;
    private byte[] copyBuffer = new byte[16 * 1024];
    private PacketDecoder decoder;
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
        decoder = new PacketDecoder(new TickApplier(() -> index, Clock.systemUTC()), metrics);

        List<byte[]> frames = new ArrayList<>();
        List<byte[]> frame = new ArrayList<>();
        int inFrame = 1 + random.nextInt(MAX_PACKETS_PER_FRAME);
        for (int p = 0; p < PACKETS; p++) {
            frame.add(packet(random, ids, segments, p));
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

    private static byte[] packet(SplittableRandom random, long[] ids, ExchangeSegment[] segments, int p) {
        int kind = random.nextInt(100);
        long ltt = 1_795_665_662L + p / 1000;
        if (kind < 15) {
            if (random.nextInt(10) == 0) {
                int i = random.nextInt(INDICES);
                return ProtocolPackets.ticker(IDX_I, ids[i], 24_000 + random.nextInt(50_000) / 20f, ltt);
            }
            int i = INDICES + random.nextInt(LEGS - INDICES);
            return ProtocolPackets.ticker(segments[i], ids[i], 10 + random.nextInt(50_000) / 20f, ltt);
        }
        int i = INDICES + random.nextInt(LEGS - INDICES);
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

    /** Packets the decoder has counted so far: a sanity check that the stream decodes (no malformed packets). */
    long packetsDecoded() {
        long total = 0;
        for (int code = 0; code < 256; code++) {
            total += metrics.packets(code);
        }
        return total;
    }
}

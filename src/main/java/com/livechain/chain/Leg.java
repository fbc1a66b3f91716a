package com.livechain.chain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The live state of one instrument (an option leg or an underlying index): a mutable slot written
 * in place by the feed and read by request threads.
 *
 * <p>Writers never allocate. Readers never see half an update: writes are bracketed by a sequence
 * counter (a seqlock, as in the Linux kernel and {@link java.util.concurrent.locks.StampedLock}'s
 * optimistic read): odd while a write is in progress, and a reader retries when the counter moved
 * under it. Writers take the odd state with a CAS, so the rare second writer (the start-up
 * snapshot beside the feed) waits instead of corrupting the counter.
 *
 * <p>Unknown values are {@code NaN} for prices and {@code -1} for quantities, so "never received"
 * is never confused with zero.
 */
public final class Leg {

    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(Leg.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long securityId;
    private final ExchangeSegment segment;
    /** {@link InstrumentIndex#key}: the index's table compares it without a separate keys array. */
    private final long key;

    @SuppressWarnings("unused") // accessed through VERSION
    private long version;

    private double ltp = Double.NaN;
    private double prevClose = Double.NaN;
    private double bid = Double.NaN;
    private double ask = Double.NaN;
    private long bidQty = -1;
    private long askQty = -1;
    private long volume = -1;
    private long oi = -1;
    private long prevOi = -1;
    private long lastTradeTime = -1;
    private long updatedAtMillis;

    public Leg(long securityId, ExchangeSegment segment) {
        this.securityId = securityId;
        this.segment = segment;
        this.key = InstrumentIndex.key(segment.code(), securityId);
    }

    public long securityId() {
        return securityId;
    }

    public ExchangeSegment segment() {
        return segment;
    }

    long key() {
        return key;
    }

    /**
     * Takes the slot for writing: moves the counter from even to odd with a CAS, so two writers that
     * meet (the feed and the start-up snapshot, or an old socket finishing a frame while its
     * replacement starts) queue up instead of leaving the counter odd and readers spinning forever.
     * Uncontended, the CAS is the only cost over a plain store.
     */
    private long beginWrite() {
        while (true) {
            long v = (long) VERSION.getVolatile(this);
            if ((v & 1) == 0 && VERSION.compareAndSet(this, v, v + 1)) {
                return v;
            }
            Thread.onSpinWait();
        }
    }

    private void endWrite(long v) {
        // Release: every field write above happens-before a reader that sees the even counter.
        VERSION.setRelease(this, v + 2);
    }

    /** Gives the slot back unchanged: the counter returns to its old even value, so nobody sees a change. */
    private void abortWrite(long v) {
        VERSION.setRelease(this, v);
    }

    /** Ticker packet: last price and last trade time. */
    void applyTicker(double ltp, long lastTradeTime, long nowMillis) {
        long v = beginWrite();
        this.ltp = ltp;
        this.lastTradeTime = lastTradeTime;
        this.updatedAtMillis = nowMillis;
        endWrite(v);
    }

    /** Quote packet: last price, trade time and day volume (it carries no best bid/ask). */
    void applyQuote(double ltp, long lastTradeTime, long volume, long nowMillis) {
        long v = beginWrite();
        this.ltp = ltp;
        this.lastTradeTime = lastTradeTime;
        this.volume = volume;
        this.updatedAtMillis = nowMillis;
        endWrite(v);
    }

    /** OI packet. */
    void applyOpenInterest(long oi, long nowMillis) {
        long v = beginWrite();
        this.oi = oi;
        this.updatedAtMillis = nowMillis;
        endWrite(v);
    }

    /**
     * Previous-close packet. It says nothing about the current price, so it does not make the leg
     * fresh: {@code updatedAtMillis} is left alone.
     */
    void applyPreviousClose(double prevClose, long prevOi) {
        long v = beginWrite();
        this.prevClose = prevClose;
        this.prevOi = prevOi;
        endWrite(v);
    }

    /** Full packet: price, volume, OI and the best level of the depth. */
    void applyFull(double ltp, long lastTradeTime, long volume, long oi,
                   double bid, long bidQty, double ask, long askQty, long nowMillis) {
        long v = beginWrite();
        this.ltp = ltp;
        this.lastTradeTime = lastTradeTime;
        this.volume = volume;
        this.oi = oi;
        this.bid = bid;
        this.bidQty = bidQty;
        this.ask = ask;
        this.askQty = askQty;
        this.updatedAtMillis = nowMillis;
        endWrite(v);
    }

    /**
     * Seeds the leg from a REST snapshot. A snapshot is older than any tick the feed has already
     * applied, so it only fills a leg that has had no tick yet; returns whether it did.
     */
    public boolean applySnapshot(SnapshotLeg s, long nowMillis) {
        long v = beginWrite();
        if (updatedAtMillis != 0) {
            abortWrite(v);
            return false;
        }
        this.ltp = s.ltp();
        this.prevClose = s.prevClose();
        this.oi = s.oi();
        this.prevOi = s.prevOi();
        this.volume = s.volume();
        this.bid = s.bid();
        this.bidQty = s.bidQty();
        this.ask = s.ask();
        this.askQty = s.askQty();
        this.updatedAtMillis = nowMillis;
        endWrite(v);
        return true;
    }

    /** Seeds an underlying's last price from a snapshot, under the same rule as {@link #applySnapshot}. */
    public boolean applySnapshotPrice(double ltp, long nowMillis) {
        if (Double.isNaN(ltp)) {
            return false;
        }
        long v = beginWrite();
        if (updatedAtMillis != 0) {
            abortWrite(v);
            return false;
        }
        this.ltp = ltp;
        this.updatedAtMillis = nowMillis;
        endWrite(v);
        return true;
    }

    /** A consistent copy of the slot: all fields from one and the same update. */
    public LegSnapshot read() {
        while (true) {
            long before = (long) VERSION.getAcquire(this);
            if ((before & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            double ltp = this.ltp;
            double prevClose = this.prevClose;
            double bid = this.bid;
            double ask = this.ask;
            long bidQty = this.bidQty;
            long askQty = this.askQty;
            long volume = this.volume;
            long oi = this.oi;
            long prevOi = this.prevOi;
            long lastTradeTime = this.lastTradeTime;
            long updatedAtMillis = this.updatedAtMillis;
            // The field reads above must complete before the counter is read again.
            VarHandle.loadLoadFence();
            if ((long) VERSION.get(this) == before) {
                return new LegSnapshot(securityId, segment, ltp, prevClose, bid, ask, bidQty, askQty,
                        volume, oi, prevOi, lastTradeTime, updatedAtMillis, before);
            }
        }
    }

    /**
     * The sequence counter: it changes with every update, so a pusher can tell which legs moved since
     * it last looked without reading their fields. Odd while a write is in progress.
     */
    public long version() {
        return (long) VERSION.getAcquire(this);
    }

    /**
     * Wall-clock millis of the last price/OI update, 0 if none. A plain read without the seqlock:
     * a watchdog only needs a recent value, not one consistent with the other fields.
     */
    public long updatedAtMillis() {
        return updatedAtMillis;
    }
}

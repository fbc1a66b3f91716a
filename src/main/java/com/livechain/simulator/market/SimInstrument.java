package com.livechain.simulator.market;

import com.livechain.chain.ExchangeSegment;

/**
 * The live state of one simulated instrument: everything a Dhan quote or full packet carries. Mutated only by
 * {@link SimulatedMarket} under its lock; read under the same lock by the feed encoder and the REST snapshot.
 */
public abstract class SimInstrument {

    public static final int DEPTH = 5;

    /** Dense index over all simulated instruments, for per-connection subscription tables. */
    public final int ordinal;
    public final ExchangeSegment segment;
    public final long securityId;

    public double ltp;
    public int ltq;
    /** Last trade time, seconds since the epoch. */
    public long ltt;
    public double atp;
    public long volume;
    public long totalBuyQty;
    public long totalSellQty;
    public long oi;
    public long oiDayHigh;
    public long oiDayLow;
    public double open;
    public double high;
    public double low;
    public double prevClose;
    public long prevOi;
    long prevVolume;

    public final double[] bidPrice = new double[DEPTH];
    public final double[] askPrice = new double[DEPTH];
    public final int[] bidQty = new int[DEPTH];
    public final int[] askQty = new int[DEPTH];
    public final int[] bidOrders = new int[DEPTH];
    public final int[] askOrders = new int[DEPTH];

    /** Tick number of the last change, so one tick reports an instrument once. */
    long changedInTick = -1;

    SimInstrument(int ordinal, ExchangeSegment segment, long securityId) {
        this.ordinal = ordinal;
        this.segment = segment;
        this.securityId = securityId;
    }

    abstract boolean isIndex();
}
